# The workshop's base stack, composed from the generated modules in ../../modules.
# Names are the workshop's (shared/spec/WORKSHOP.md); the generator's envs/workshop.yaml renders the same stack.

locals {
  images = {
    ui      = "public.ecr.aws/aws-containers/retail-store-sample-ui:0.7.0"
    assets  = "public.ecr.aws/aws-containers/retail-store-sample-assets:0.7.0"
    catalog = "public.ecr.aws/aws-containers/retail-store-sample-catalog:0.7.0"
    carts   = "public.ecr.aws/aws-containers/retail-store-sample-cart:0.8.0"
  }
  ui_environment = [
    { name = "ENDPOINTS_ASSETS", value = module.assets.url },
    { name = "ENDPOINTS_CARTS", value = module.carts.url },
    { name = "ENDPOINTS_CATALOG", value = module.catalog.url },
  ]
  # the CodeDeploy blue/green service is outside Service Connect (AWS supports it only with the ECS deployment
  # controller): it calls the back ends by their Cloud Map DNS names
  ui_dns_environment = [
    { name = "ENDPOINTS_ASSETS", value = module.assets.dns_url },
    { name = "ENDPOINTS_CARTS", value = module.carts.dns_url },
    { name = "ENDPOINTS_CATALOG", value = module.catalog.dns_url },
  ]
  # what every service module gets from the shared modules
  cluster = {
    cluster_name   = module.ecs_cluster.name
    cluster_arn    = module.ecs_cluster.arn
    namespace      = module.ecs_cluster.namespace
    vpc_id         = module.network.vpc_id
    subnet_ids     = module.network.private_subnet_ids
    log_group_name = module.logs.log_group_name
  }
}

module "logs" {
  source = "../../modules/logs"

  name_prefix    = var.prefix
  log_group_name = "${var.prefix}-tasks"
  retention_days = 30
  saved_queries = {
    cluster_name        = "${var.prefix}-cluster"
    front_service       = "ui"
    front_stream_prefix = "ui-service"
  }
  tags = var.tags
}

module "network" {
  source = "../../modules/network"

  name                    = var.prefix
  cidr                    = "10.0.0.0/16"
  flow_log_retention_days = 30
  flow_log_kms_key_arn    = module.logs.kms_key_arn
  tags                    = var.tags
}

module "ecs_cluster" {
  source = "../../modules/ecs-cluster"

  name               = "${var.prefix}-cluster"
  container_insights = true
  namespace          = "retailstore.local"
  vpc_id             = module.network.vpc_id
  tags               = var.tags
}

module "alb" {
  source = "../../modules/alb"

  name                 = "${var.prefix}-ui"
  vpc_id               = module.network.vpc_id
  subnet_ids           = module.network.public_subnet_ids
  create_http_listener = false # the workshop's services each bring their own listener
  tags                 = var.tags
}

module "carts_table" {
  source = "../../modules/carts-table"

  name = "${var.prefix}-carts"
  tags = var.tags
}

module "catalog_db" {
  source = "../../modules/catalog-db"

  identifier               = "${var.prefix}-catalog"
  endpoint_parameter       = "/${var.prefix}/catalog/db-endpoint"
  subnet_ids               = module.network.private_subnet_ids
  vpc_id                   = module.network.vpc_id
  client_security_group_id = module.catalog.security_group_id
  catalog_db_password      = var.catalog_db_password
  tags                     = var.tags
}

module "guardduty" {
  source = "../../modules/guardduty"

  tags = var.tags
}

module "ui" {
  source = "../../modules/ecs-service-alb"

  cluster_name   = local.cluster.cluster_name
  cluster_arn    = local.cluster.cluster_arn
  namespace      = local.cluster.namespace
  vpc_id         = local.cluster.vpc_id
  subnet_ids     = local.cluster.subnet_ids
  log_group_name = local.cluster.log_group_name

  name                   = "ui"
  name_prefix            = var.prefix
  family                 = "${var.prefix}-ui"
  image                  = local.images.ui
  task_size              = { cpu = 1024, memory = 2048 }
  log_stream_prefix      = "ui-service"
  health_check_path      = "/actuator/health"
  desired_count          = 2
  autoscaling            = { min = 2, max = 10, target = 1500 }
  enable_execute_command = true
  discovery_name         = "ui"
  environment = concat(local.ui_environment, [
    { name = "RETAIL_UI_BANNER", value = "We've updated the UI service!" },
  ])
  create_execution_role = false # the workshop names its roles: iam.tf
  create_task_role      = false
  execution_role_arn    = aws_iam_role.execution.arn
  task_role_arn         = aws_iam_role.ui_task.arn

  alb_arn               = module.alb.arn
  alb_security_group_id = module.alb.security_group_id
  listener_port         = 80
  target_group_name     = "ui-application"
  tags                  = var.tags
}

module "assets" {
  source = "../../modules/ecs-service"

  cluster_name   = local.cluster.cluster_name
  cluster_arn    = local.cluster.cluster_arn
  namespace      = local.cluster.namespace
  vpc_id         = local.cluster.vpc_id
  subnet_ids     = local.cluster.subnet_ids
  log_group_name = local.cluster.log_group_name

  name                  = "assets"
  name_prefix           = var.prefix
  family                = "${var.prefix}-assets"
  image                 = local.images.assets
  log_stream_prefix     = "assets-service"
  health_check_path     = "/health.html"
  discovery_name        = "assets"
  create_execution_role = false # the workshop names its roles: iam.tf
  create_task_role      = false
  execution_role_arn    = aws_iam_role.execution.arn
  tags                  = var.tags
}

module "catalog" {
  source = "../../modules/ecs-service"

  cluster_name   = local.cluster.cluster_name
  cluster_arn    = local.cluster.cluster_arn
  namespace      = local.cluster.namespace
  vpc_id         = local.cluster.vpc_id
  subnet_ids     = local.cluster.subnet_ids
  log_group_name = local.cluster.log_group_name

  name              = "catalog"
  name_prefix       = var.prefix
  family            = "${var.prefix}-catalog"
  image             = local.images.catalog
  log_stream_prefix = "catalog-service"
  health_check_path = "/health"
  discovery_name    = "catalog"
  environment       = [{ name = "DB_NAME", value = "catalog" }]
  secrets = [
    { name = "DB_ENDPOINT", valueFrom = module.catalog_db.secret_refs.endpoint },
    { name = "DB_PASSWORD", valueFrom = module.catalog_db.secret_refs.password },
    { name = "DB_USER", valueFrom = module.catalog_db.secret_refs.username },
  ]
  create_execution_role = false # the workshop names its roles: iam.tf
  create_task_role      = false
  execution_role_arn    = aws_iam_role.catalog_execution.arn
  tags                  = var.tags
}

module "carts" {
  source = "../../modules/ecs-service"

  cluster_name   = local.cluster.cluster_name
  cluster_arn    = local.cluster.cluster_arn
  namespace      = local.cluster.namespace
  vpc_id         = local.cluster.vpc_id
  subnet_ids     = local.cluster.subnet_ids
  log_group_name = local.cluster.log_group_name

  name              = "carts"
  name_prefix       = var.prefix
  family            = "${var.prefix}-carts"
  image             = local.images.carts
  log_stream_prefix = "carts-service"
  health_check_path = "/actuator/health"
  discovery_name    = "carts"
  environment = [
    { name = "CARTS_DYNAMODB_TABLENAME", value = module.carts_table.name },
    { name = "SPRING_PROFILES_ACTIVE", value = "dynamodb" },
  ]
  create_execution_role = false # the workshop names its roles: iam.tf
  create_task_role      = false
  execution_role_arn    = aws_iam_role.execution.arn
  task_role_arn         = aws_iam_role.carts_task.arn
  tags                  = var.tags
}

# Section 6a: the UI again, deployed by a CodePipeline with ECS rolling updates
module "ui_rolling" {
  source = "../../modules/pipeline-rolling"

  cluster_name   = local.cluster.cluster_name
  cluster_arn    = local.cluster.cluster_arn
  namespace      = local.cluster.namespace
  vpc_id         = local.cluster.vpc_id
  subnet_ids     = local.cluster.subnet_ids
  log_group_name = local.cluster.log_group_name

  name                  = "retail-store-ui-cicd"
  name_prefix           = var.prefix
  family                = "${var.prefix}-ui-cicd"
  image                 = local.images.ui
  log_stream_prefix     = "ui-cicd-service"
  health_check_path     = "/actuator/health"
  desired_count         = 2
  autoscaling           = { min = 2, max = 2, target = 1500 }
  discovery_name        = "ui-cicd"
  environment           = local.ui_environment
  create_execution_role = false # the workshop names its roles: iam.tf
  create_task_role      = false
  execution_role_arn    = aws_iam_role.execution.arn

  alb_arn               = module.alb.arn
  alb_security_group_id = module.alb.security_group_id
  listener_port         = 8081
  target_group_name     = "cicd-ui-application"

  pipeline_name     = "ecs-immersion-day-retail-store-sample-rolling"
  source_repository = aws_codecommit_repository.source.repository_name
  ecr_repository    = "retail-store-sample-ui-cicd"
  image_parameter   = "/codebuild/retail-store-sample-ui-cicd-latest-image"
  log_kms_key_arn   = module.logs.kms_key_arn
  tags              = var.tags
}

# Section 6b: the UI deployed blue/green by CodePipeline and CodeDeploy
module "ui_blue_green" {
  source = "../../modules/pipeline-blue-green"

  cluster_name   = local.cluster.cluster_name
  cluster_arn    = local.cluster.cluster_arn
  vpc_id         = local.cluster.vpc_id
  subnet_ids     = local.cluster.subnet_ids
  log_group_name = local.cluster.log_group_name

  name                  = "retail-store-ui-bg"
  name_prefix           = var.prefix
  family                = "${var.prefix}-ui-bg"
  image                 = local.images.ui
  log_stream_prefix     = "ui-bg-service"
  health_check_path     = "/actuator/health"
  desired_count         = 4
  autoscaling           = { min = 4, max = 4, target = 70 }
  environment           = local.ui_dns_environment
  create_execution_role = false # the workshop names its roles: iam.tf
  create_task_role      = false
  execution_role_arn    = aws_iam_role.execution.arn

  alb_arn               = module.alb.arn
  alb_security_group_id = module.alb.security_group_id
  listener_port         = 8082
  target_group_name     = "blue-ui-application"

  pipeline_name               = "ecs-immersion-day-retail-store-sample"
  source_repository           = aws_codecommit_repository.source.repository_name
  ecr_repository              = "retail-store-sample-ui"
  image_parameter             = "/codebuild/retail-store-sample-ui-latest-image"
  log_kms_key_arn             = module.logs.kms_key_arn
  test_listener_port          = 8083
  test_ingress_cidrs          = [module.network.vpc_cidr_block]
  green_target_group_name     = "green-ui-application"
  deployment_config           = "CodeDeployDefault.ECSLinear10PercentEvery1Minutes"
  termination_wait_minutes    = 5
  codedeploy_application      = "retail-ui-deployment"
  codedeploy_deployment_group = "retail-ui-deployment-group"
  tags                        = var.tags
}

resource "aws_codecommit_repository" "source" {
  repository_name = "retail-store-sample-app"
  description     = "application source for the pipelines"
  tags            = var.tags
}

# every UI calls the three back ends on their container port
locals {
  callers = {
    ui      = module.ui.security_group_id
    ui-cicd = module.ui_rolling.security_group_id
    ui-bg   = module.ui_blue_green.security_group_id
  }
  callees = {
    assets  = module.assets.security_group_id
    catalog = module.catalog.security_group_id
    carts   = module.carts.security_group_id
  }
}

module "calls" {
  source = "../../modules/service-access"
  for_each = { for pair in setproduct(keys(local.callers), keys(local.callees)) :
  "${pair[0]}-to-${pair[1]}" => { caller = pair[0], callee = pair[1] } }

  caller_name              = each.value.caller
  caller_security_group_id = local.callers[each.value.caller]
  callee_name              = each.value.callee
  callee_security_group_id = local.callees[each.value.callee]
  port                     = 8080
}
