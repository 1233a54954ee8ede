# The task roles are the consumer's: the service modules take their ARNs. The generator's stacks
# build the same roles from generator/constructs/iam.py (TaskRoles); these mirror them.

data "aws_partition" "current" {}
data "aws_caller_identity" "current" {}

locals {
  # execution roles: the trust AWS documents for them (no confused-deputy condition keys)
  ecs_tasks_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
  # task roles: ECS tasks of this account only (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html)
  ecs_task_role_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id }
        ArnLike      = { "aws:SourceArn" = "arn:${data.aws_partition.current.partition}:ecs:${var.region}:${data.aws_caller_identity.current.account_id}:*" }
      }
    }]
  })
  execution_policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

# ui, assets, carts: pull images and write logs
resource "aws_iam_role" "execution" {
  name               = "retailStoreEcsTaskExecutionRole"
  description        = "ECS task execution role"
  assume_role_policy = local.ecs_tasks_trust
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = local.execution_policy_arn
}

# catalog: also read exactly its database secret and endpoint parameter
resource "aws_iam_role" "catalog_execution" {
  name               = "cataologEcsTaskExecutionRole" # (sic) the workshop's spelling
  description        = "ECS task execution role"
  assume_role_policy = local.ecs_tasks_trust
  tags               = var.tags
}

resource "aws_iam_role_policy_attachment" "catalog_execution" {
  role       = aws_iam_role.catalog_execution.name
  policy_arn = local.execution_policy_arn
}

resource "aws_iam_role_policy" "catalog_execution" {
  name = "cataologEcsTaskExecutionRole-policy"
  role = aws_iam_role.catalog_execution.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Sid = "ReadSecrets", Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = [module.catalog_db.secret_arn] },
      { Sid = "ReadParameters", Effect = "Allow", Action = ["ssm:GetParameters"], Resource = [module.catalog_db.endpoint_parameter_arn] },
    ]
  })
}

# ui: ECS Exec channels (ssmmessages has no resource-level permissions)
resource "aws_iam_role" "ui_task" {
  name               = "retailStoreEcsTaskRole"
  description        = "ECS task task role"
  assume_role_policy = local.ecs_task_role_trust
  tags               = var.tags
}

resource "aws_iam_role_policy" "ui_task" {
  name = "retailStoreEcsTaskRole-policy"
  role = aws_iam_role.ui_task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "EcsExec"
      Effect   = "Allow"
      Action   = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
      Resource = ["*"]
    }]
  })
}

# carts: its table and the table's indexes, nothing else
resource "aws_iam_role" "carts_task" {
  name               = "retailStoreCartsEcsTaskRole"
  description        = "ECS task task role"
  assume_role_policy = local.ecs_task_role_trust
  tags               = var.tags
}

resource "aws_iam_role_policy" "carts_task" {
  name = "retailStoreCartsEcsTaskRole-policy"
  role = aws_iam_role.carts_task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid    = "ReadWriteTables"
      Effect = "Allow"
      Action = ["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem", "dynamodb:DeleteItem",
        "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:Scan",
      "dynamodb:UpdateItem"]
      Resource = [module.carts_table.arn, "${module.carts_table.arn}/index/*"]
    }]
  })
}
