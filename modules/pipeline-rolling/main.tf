data "aws_caller_identity" "caller" {

}

data "aws_partition" "partition" {

}

data "aws_region" "region" {

}

locals {
  container_secrets = concat(var.secrets, flatten([
    for c in jsondecode(var.additional_container_definitions) :
    [
      for s in try(c.secrets, []) :
      {
        name      = s.name
        valueFrom = s.valueFrom
      }
    ]
  ]))
  execution_role_arn = var.create_execution_role ? one(aws_iam_role.execution_role[*].arn) : var.execution_role_arn
  health_command     = var.health_check_command != null ? var.health_check_command : var.health_check_path != null ? ["CMD-SHELL", format("curl -f http://localhost:%s%s || exit 1", var.container_port, var.health_check_path)] : !var.container_health_check ? null : tobool("health_check_path: give it or health_check_command while container_health_check is true.")
  parameter_arns = distinct([
    for s in local.container_secrets :
    s.valueFrom
    if can(regex("^arn:[^:]+:ssm:", s.valueFrom))
  ])
  role_arns = compact([local.execution_role_arn, local.task_role_arn])
  secret_arns = distinct([
    for s in local.container_secrets :
    join(":", slice(split(":", s.valueFrom), 0, 7))
    if can(regex("^arn:[^:]+:secretsmanager:", s.valueFrom))
  ])
  task_role_arn = var.create_task_role ? one(aws_iam_role.task_role[*].arn) : var.task_role_arn
}

resource "aws_appautoscaling_policy" "svc_autoscaling_policy" {
  name               = "${var.name}-scaling-policy"
  policy_type        = "TargetTrackingScaling"
  resource_id        = aws_appautoscaling_target.svc_autoscaling_target.resource_id
  scalable_dimension = aws_appautoscaling_target.svc_autoscaling_target.scalable_dimension
  service_namespace  = aws_appautoscaling_target.svc_autoscaling_target.service_namespace

  target_tracking_scaling_policy_configuration {
    scale_in_cooldown  = 300
    scale_out_cooldown = 60
    target_value       = var.autoscaling.target

    predefined_metric_specification {
      predefined_metric_type = "ALBRequestCountPerTarget"
      resource_label         = "${element(split(":loadbalancer/", var.alb_arn), 1)}/${aws_lb_target_group.alb_name_tg.arn_suffix}"
    }
  }
}

resource "aws_appautoscaling_target" "svc_autoscaling_target" {
  max_capacity       = var.autoscaling.max
  min_capacity       = var.autoscaling.min
  resource_id        = "service/${var.cluster_name}/${var.name}"
  scalable_dimension = "ecs:service:DesiredCount"
  service_namespace  = "ecs"
  tags               = var.tags
  depends_on         = [aws_ecs_service.svc_service]
}

resource "aws_cloudwatch_log_group" "pipeline_build_logs" {
  # checkov:skip=CKV_AWS_338:retention is the environment's choice (logs.retention_days)
  kms_key_id        = var.log_kms_key_arn
  name              = "/codebuild/${var.pipeline_name}"
  retention_in_days = var.build_log_retention_days
  tags              = var.tags
}

resource "aws_codebuild_project" "pipeline_build_project" {
  # checkov:skip=CKV_AWS_316:docker build needs privileged mode
  # checkov:skip=CKV_AWS_147:build artifacts use the AWS managed S3 key; a CMK is optional
  source {
    buildspec = "buildspec.yml"
    type      = "CODEPIPELINE"
  }

  build_timeout = var.build_timeout_minutes
  name          = var.pipeline_name
  service_role  = aws_iam_role.pipeline_build_role.arn
  tags          = var.tags

  artifacts {
    type = "CODEPIPELINE"
  }

  environment {
    compute_type                = var.build_compute_type
    image                       = var.build_image
    image_pull_credentials_type = "CODEBUILD"
    privileged_mode             = true
    type                        = "LINUX_CONTAINER"

    environment_variable {
      name  = "BUILD_CONTEXT"
      type  = "PLAINTEXT"
      value = var.build_context
    }

    environment_variable {
      name  = "CONTAINER_NAME"
      type  = "PLAINTEXT"
      value = var.container_name
    }

    environment_variable {
      name  = "DEPLOY_STRATEGY"
      type  = "PLAINTEXT"
      value = "rolling"
    }

    environment_variable {
      name  = "IMAGE_PARAMETER"
      type  = "PLAINTEXT"
      value = var.image_parameter
    }

    environment_variable {
      name  = "REPOSITORY_URI"
      type  = "PLAINTEXT"
      value = aws_ecr_repository.pipeline_registry_repository.repository_url
    }
  }

  logs_config {
    cloudwatch_logs {
      group_name = aws_cloudwatch_log_group.pipeline_build_logs.name
      status     = "ENABLED"
    }
  }
}

resource "aws_codepipeline" "pipeline_pipeline" {
  # checkov:skip=CKV_AWS_219:artifacts are encrypted by the bucket's SSE-S3 default; a CMK is optional
  name     = var.pipeline_name
  role_arn = aws_iam_role.pipeline_pipeline_role.arn
  tags     = var.tags

  artifact_store {
    location = aws_s3_bucket.pipeline_artifacts_bucket.bucket
    type     = "S3"
  }

  stage {
    name = "Source"

    action {
      version  = "1"
      provider = "CodeCommit"
      category = "Source"
      configuration = {
        BranchName           = var.source_branch
        PollForSourceChanges = "false"
        RepositoryName       = var.source_repository
      }
      name             = "Source"
      output_artifacts = ["SourceArtifact"]
      owner            = "AWS"
      run_order        = 1
    }
  }

  stage {
    name = "Build"

    action {
      version  = "1"
      provider = "CodeBuild"
      category = "Build"
      configuration = {
        ProjectName = aws_codebuild_project.pipeline_build_project.name
      }
      input_artifacts  = ["SourceArtifact"]
      name             = "Build"
      output_artifacts = ["BuildArtifact"]
      owner            = "AWS"
      run_order        = 1
    }
  }

  stage {
    name = "Deploy"

    action {
      version  = "1"
      provider = "ECS"
      category = "Deploy"
      configuration = {
        ClusterName = var.cluster_name
        FileName    = "imagedefinitions.json"
        ServiceName = aws_ecs_service.svc_service.name
      }
      input_artifacts = ["BuildArtifact"]
      name            = "deploy_to_ECS"
      owner           = "AWS"
      run_order       = 1
    }
  }
}

resource "aws_ecr_lifecycle_policy" "pipeline_registry_lifecycle" {
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "expire untagged images after 14 days"
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = 14
        }
        action = {
          type = "expire"
        }
      }
    ]
  })
  repository = aws_ecr_repository.pipeline_registry_repository.name
}

resource "aws_ecr_repository" "pipeline_registry_repository" {
  # checkov:skip=CKV_AWS_136:encrypted with ECR's default AES256; a KMS key is optional
  image_tag_mutability = "IMMUTABLE"
  name                 = var.ecr_repository
  tags                 = var.tags

  encryption_configuration {
    encryption_type = "AES256"
  }

  image_scanning_configuration {
    scan_on_push = true
  }
}

resource "aws_ecs_service" "svc_service" {
  cluster                            = var.cluster_arn
  deployment_maximum_percent         = var.deployment_maximum_percent
  deployment_minimum_healthy_percent = var.deployment_minimum_healthy_percent
  desired_count                      = var.desired_count
  enable_ecs_managed_tags            = true
  enable_execute_command             = var.enable_execute_command
  health_check_grace_period_seconds  = 60
  launch_type                        = length(var.capacity_provider_strategy) == 0 ? "FARGATE" : null
  name                               = var.name
  platform_version                   = "LATEST"
  propagate_tags                     = "SERVICE"
  tags                               = var.tags
  task_definition                    = aws_ecs_task_definition.svc_task.arn

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  deployment_controller {
    type = "ECS"
  }

  dynamic "capacity_provider_strategy" {
    for_each = var.capacity_provider_strategy

    content {
      base              = capacity_provider_strategy.value.base
      capacity_provider = capacity_provider_strategy.value.capacity_provider
      weight            = capacity_provider_strategy.value.weight
    }
  }

  load_balancer {
    container_name   = var.container_name
    container_port   = var.container_port
    target_group_arn = aws_lb_target_group.alb_name_tg.arn
  }

  network_configuration {
    assign_public_ip = false
    security_groups  = var.create_security_group || length(var.security_group_ids) > 0 ? concat(aws_security_group.svc_firewall_sg[*].id, var.security_group_ids) : tobool("security_group_ids: give at least one security group when create_security_group = false.")
    subnets          = var.subnet_ids
  }

  service_connect_configuration {
    enabled   = true
    namespace = var.namespace.arn

    service {
      discovery_name = coalesce(var.discovery_name, var.name)
      port_name      = var.container_name

      client_alias {
        dns_name = coalesce(var.client_alias, coalesce(var.discovery_name, var.name))
        port     = var.client_port
      }
    }
  }

  service_registries {
    registry_arn = aws_service_discovery_service.discovery_name_dns.arn
  }

  lifecycle {
    ignore_changes = [desired_count, task_definition]
  }

  depends_on = [aws_lb_listener.alb_listener_listener_port]
}

resource "aws_ecs_task_definition" "svc_task" {
  container_definitions = jsonencode(concat([
    {
      "name"  = var.container_name
      "image" = var.image
      "cpu"   = var.container_cpu
      "portMappings" = [
        {
          "name"          = var.container_name
          "containerPort" = var.container_port
          "hostPort"      = var.container_port
          "protocol"      = "tcp"
          "appProtocol"   = "http"
        }
      ]
      "essential" = true
      "linuxParameters" = {
        "initProcessEnabled" = var.enable_execute_command
      }
      "environment" = var.environment
      "secrets"     = var.secrets
      "healthCheck" = var.container_health_check ? { "command" = local.health_command, "interval" = 10, "timeout" = 5, "retries" = 3, "startPeriod" = 60 } : null
      "logConfiguration" = {
        "logDriver" = "awslogs"
        "options" = {
          "awslogs-group"         = var.log_group_name
          "awslogs-region"        = data.aws_region.region.region
          "awslogs-stream-prefix" = coalesce(var.log_stream_prefix, var.name)
        }
      }
    }
  ], jsondecode(var.additional_container_definitions)))
  cpu                      = var.task_size.cpu
  execution_role_arn       = var.create_execution_role ? one(aws_iam_role.execution_role[*].arn) : var.execution_role_arn
  family                   = coalesce(var.family, var.name)
  memory                   = var.task_size.memory
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  tags                     = var.tags
  task_role_arn            = var.create_task_role ? one(aws_iam_role.task_role[*].arn) : var.task_role_arn

  runtime_platform {
    cpu_architecture        = var.cpu_architecture
    operating_system_family = "LINUX"
  }
}

resource "aws_iam_role" "execution_role" {
  count = var.create_execution_role ? 1 : 0
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "ecs-tasks.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      }
    ]
  })
  description = "ECS task execution role"
  name        = coalesce(var.execution_role_name, "${var.name}-execution")
  tags        = var.tags
}

resource "aws_iam_role" "pipeline_build_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "codebuild.amazonaws.com"
        }
        Action = "sts:AssumeRole"
        Condition = {
          StringEquals = {
            "aws:SourceAccount" = data.aws_caller_identity.caller.account_id
          }
          ArnLike = {
            "aws:SourceArn" = "arn:${data.aws_partition.partition.partition}:codebuild:${data.aws_region.region.region}:${data.aws_caller_identity.caller.account_id}:project/${var.pipeline_name}"
          }
        }
      }
    ]
  })
  description = "build role of pipeline ${var.pipeline_name}"
  name        = "${var.pipeline_name}-build"
  tags        = var.tags
}

resource "aws_iam_role" "pipeline_pipeline_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "codepipeline.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      }
    ]
  })
  description = "pipeline role of pipeline ${var.pipeline_name}"
  name        = "${var.pipeline_name}-pipeline"
  tags        = var.tags
}

resource "aws_iam_role" "task_role" {
  count = var.create_task_role ? 1 : 0
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "ecs-tasks.amazonaws.com"
        }
        Action = "sts:AssumeRole"
        Condition = {
          StringEquals = {
            "aws:SourceAccount" = data.aws_caller_identity.caller.account_id
          }
          ArnLike = {
            "aws:SourceArn" = "arn:${data.aws_partition.partition.partition}:ecs:${data.aws_region.region.region}:${data.aws_caller_identity.caller.account_id}:*"
          }
        }
      }
    ]
  })
  description = "ECS task role"
  name        = coalesce(var.task_role_name, "${var.name}-task")
  tags        = var.tags
}

resource "aws_iam_role_policy" "execution_secrets" {
  count = var.create_execution_role && length(local.container_secrets) > 0 ? 1 : 0
  name  = "${coalesce(var.execution_role_name, "${var.name}-execution")}-secrets"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(length(local.secret_arns) > 0 ? [{ Sid = "ReadSecrets", Effect = "Allow", Action = ["secretsmanager:GetSecretValue"], Resource = local.secret_arns }] : [], length(local.parameter_arns) > 0 ? [{ Sid = "ReadParameters", Effect = "Allow", Action = ["ssm:GetParameters"], Resource = local.parameter_arns }] : [])
  })
  role = one(aws_iam_role.execution_role[*].id)
}

resource "aws_iam_role_policy" "pipeline_build_policy" {
  name = "${var.pipeline_name}-build"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Logs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = ["arn:${data.aws_partition.partition.partition}:logs:${data.aws_region.region.region}:${data.aws_caller_identity.caller.account_id}:log-group:/codebuild/${var.pipeline_name}:*"]
      },
      {
        Sid      = "ArtifactObjects"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
        Resource = ["${aws_s3_bucket.pipeline_artifacts_bucket.arn}/*"]
      },
      {
        Sid      = "ArtifactBucket"
        Effect   = "Allow"
        Action   = ["s3:GetBucketLocation", "s3:GetBucketVersioning"]
        Resource = [aws_s3_bucket.pipeline_artifacts_bucket.arn]
      },
      {
        Sid      = "RegistryLogin"
        Effect   = "Allow"
        Action   = ["ecr:GetAuthorizationToken"]
        Resource = ["*"]
      },
      {
        Sid      = "PushImage"
        Effect   = "Allow"
        Action   = ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:GetDownloadUrlForLayer", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"]
        Resource = [aws_ecr_repository.pipeline_registry_repository.arn]
      },
      {
        Sid      = "LatestImageParameter"
        Effect   = "Allow"
        Action   = ["ssm:PutParameter"]
        Resource = [aws_ssm_parameter.pipeline_latest_image.arn]
      }
    ]
  })
  role = aws_iam_role.pipeline_build_role.id
}

resource "aws_iam_role_policy" "pipeline_pipeline_policy" {
  name = "${var.pipeline_name}-pipeline"
  policy = jsonencode({
    "Version" = "2012-10-17"
    "Statement" = [
      {
        "Sid"      = "ArtifactObjects"
        "Effect"   = "Allow"
        "Action"   = ["s3:GetObject", "s3:GetObjectVersion", "s3:PutObject"]
        "Resource" = ["${aws_s3_bucket.pipeline_artifacts_bucket.arn}/*"]
      },
      {
        "Sid"      = "ArtifactBucket"
        "Effect"   = "Allow"
        "Action"   = ["s3:GetBucketLocation", "s3:GetBucketVersioning"]
        "Resource" = [aws_s3_bucket.pipeline_artifacts_bucket.arn]
      },
      {
        "Sid"      = "Source"
        "Effect"   = "Allow"
        "Action"   = ["codecommit:CancelUploadArchive", "codecommit:GetBranch", "codecommit:GetCommit", "codecommit:GetUploadArchiveStatus", "codecommit:UploadArchive"]
        "Resource" = ["arn:${data.aws_partition.partition.partition}:codecommit:${data.aws_region.region.region}:${data.aws_caller_identity.caller.account_id}:${var.source_repository}"]
      },
      {
        "Sid"      = "Build"
        "Effect"   = "Allow"
        "Action"   = ["codebuild:BatchGetBuilds", "codebuild:StartBuild"]
        "Resource" = [aws_codebuild_project.pipeline_build_project.arn]
      },
      {
        "Sid"      = "RegisterRevisions"
        "Effect"   = "Allow"
        "Action"   = ["ecs:RegisterTaskDefinition"]
        "Resource" = ["arn:${data.aws_partition.partition.partition}:ecs:${data.aws_region.region.region}:${data.aws_caller_identity.caller.account_id}:task-definition/${coalesce(var.family, var.name)}:*"]
      },
      {
        "Sid"      = "DescribeTaskDefinitions"
        "Effect"   = "Allow"
        "Action"   = ["ecs:DescribeTaskDefinition"]
        "Resource" = ["*"]
      },
      {
        "Sid"      = "TagNewRevisions"
        "Effect"   = "Allow"
        "Action"   = ["ecs:TagResource"]
        "Resource" = ["arn:${data.aws_partition.partition.partition}:ecs:${data.aws_region.region.region}:${data.aws_caller_identity.caller.account_id}:task-definition/${coalesce(var.family, var.name)}:*"]
        "Condition" = {
          "StringEquals" = {
            "ecs:CreateAction" = "RegisterTaskDefinition"
          }
        }
      },
      {
        "Sid"      = "UpdateService"
        "Effect"   = "Allow"
        "Action"   = ["ecs:DescribeServices", "ecs:UpdateService"]
        "Resource" = [aws_ecs_service.svc_service.id]
      },
      {
        "Sid"      = "PassTaskRoles"
        "Effect"   = "Allow"
        "Action"   = ["iam:PassRole"]
        "Resource" = local.role_arns
        "Condition" = {
          "StringEqualsIfExists" = {
            "iam:PassedToService" = "ecs-tasks.amazonaws.com"
          }
        }
      }
    ]
  })
  role = aws_iam_role.pipeline_pipeline_role.id
}

resource "aws_iam_role_policy" "task_exec" {
  count = var.create_task_role && var.enable_execute_command ? 1 : 0
  name  = "${coalesce(var.task_role_name, "${var.name}-task")}-EcsExec"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "EcsExec"
        Effect   = "Allow"
        Action   = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
        Resource = ["*"]
      }
    ]
  })
  role = one(aws_iam_role.task_role[*].id)
}

resource "aws_iam_role_policy" "task_policies" {
  count  = var.create_task_role ? length(var.task_role_policies) : 0
  name   = "${coalesce(var.task_role_name, "${var.name}-task")}-application-${count.index}"
  policy = var.task_role_policies[count.index]
  role   = one(aws_iam_role.task_role[*].id)
}

resource "aws_iam_role_policy_attachment" "execution_managed" {
  count      = var.create_execution_role ? 1 : 0
  policy_arn = "arn:${data.aws_partition.partition.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
  role       = one(aws_iam_role.execution_role[*].name)
}

resource "aws_lb_listener" "alb_listener_listener_port" {
  # checkov:skip=CKV_AWS_2:plain HTTP only when no certificate_arn is configured (the workshop)
  # checkov:skip=CKV_AWS_103:TLS policy applies only to HTTPS listeners
  load_balancer_arn = var.alb_arn
  port              = var.listener_port
  protocol          = "HTTP"
  tags              = var.tags

  default_action {
    target_group_arn = aws_lb_target_group.alb_name_tg.arn
    type             = "forward"
  }
}

resource "aws_lb_target_group" "alb_name_tg" {
  # checkov:skip=CKV_AWS_378:TLS ends at the ALB; tasks in private subnets take HTTP from its security group
  deregistration_delay = "30"
  name                 = coalesce(var.target_group_name, var.name)
  port                 = var.container_port
  protocol             = "HTTP"
  tags                 = var.tags
  target_type          = "ip"
  vpc_id               = var.vpc_id

  health_check {
    enabled             = true
    healthy_threshold   = 2
    interval            = 10
    matcher             = "200-399"
    path                = var.health_check_path
    protocol            = "HTTP"
    timeout             = 5
    unhealthy_threshold = 3
  }
}

resource "aws_s3_bucket" "pipeline_artifacts_bucket" {
  # checkov:skip=CKV_AWS_18:access logging of a pipeline artifact bucket is an opt-in cost
  # checkov:skip=CKV_AWS_144:cross-region replication of build artifacts is not needed
  # checkov:skip=CKV_AWS_145:encrypted with S3-managed keys (SSE-S3); a CMK is optional
  # checkov:skip=CKV2_AWS_62:no event notifications are needed for artifacts
  bucket_prefix = "${replace(substr(lower(format("%s-artifacts", var.pipeline_name)), 0, 36), "/-+$/", "")}-"
  force_destroy = true
  tags          = var.tags
}

resource "aws_s3_bucket_lifecycle_configuration" "pipeline_artifacts_lifecycle" {
  bucket = aws_s3_bucket.pipeline_artifacts_bucket.id

  rule {
    id     = "expire-artifacts"
    status = "Enabled"

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }

    expiration {
      days = var.artifact_expiry_days
    }

    filter {
      prefix = ""
    }

    noncurrent_version_expiration {
      noncurrent_days = var.artifact_expiry_days
    }
  }
}

resource "aws_s3_bucket_public_access_block" "pipeline_artifacts_public_access" {
  block_public_acls       = true
  block_public_policy     = true
  bucket                  = aws_s3_bucket.pipeline_artifacts_bucket.id
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "pipeline_artifacts_encryption" {
  bucket = aws_s3_bucket.pipeline_artifacts_bucket.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "pipeline_artifacts_versioning" {
  bucket = aws_s3_bucket.pipeline_artifacts_bucket.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_security_group" "svc_firewall_sg" {
  count                  = var.create_security_group ? 1 : 0
  description            = "ECS service ${var.name}"
  name                   = join("-", compact([var.name_prefix, var.name]))
  revoke_rules_on_delete = true
  tags = merge(var.tags, {
    "Name" = join("-", compact([var.name_prefix, var.name]))
  })
  vpc_id = var.vpc_id
}

resource "aws_security_group_rule" "alb_egress_given" {
  count                    = var.create_security_group ? 0 : length(var.security_group_ids)
  description              = "to service ${var.name} (its security_group_ids)"
  from_port                = var.container_port
  protocol                 = "tcp"
  security_group_id        = var.alb_security_group_id
  source_security_group_id = var.security_group_ids[count.index]
  to_port                  = var.container_port
  type                     = "egress"
}

resource "aws_security_group_rule" "alb_firewall_egress_2" {
  count                    = var.create_security_group ? 1 : 0
  description              = "to service ${var.name}"
  from_port                = var.container_port
  protocol                 = "tcp"
  security_group_id        = var.alb_security_group_id
  source_security_group_id = one(aws_security_group.svc_firewall_sg[*].id)
  to_port                  = var.container_port
  type                     = "egress"
}

resource "aws_security_group_rule" "alb_firewall_ingress_1" {
  # checkov:skip=CKV_AWS_260:the listener port of an internet-facing load balancer, open to ingress_cidrs (default: anywhere)
  cidr_blocks       = var.ingress_cidrs
  description       = "clients to listener ${var.listener_port}"
  from_port         = var.listener_port
  protocol          = "tcp"
  security_group_id = var.alb_security_group_id
  to_port           = var.listener_port
  type              = "ingress"
}

resource "aws_security_group_rule" "svc_firewall_egress_1" {
  count             = var.create_security_group ? length(var.egress_rules) : 0
  cidr_blocks       = var.egress_rules[count.index].cidr_blocks
  description       = var.egress_rules[count.index].description
  from_port         = var.egress_rules[count.index].port
  protocol          = "tcp"
  security_group_id = one(aws_security_group.svc_firewall_sg[*].id)
  to_port           = var.egress_rules[count.index].port
  type              = "egress"
}

resource "aws_security_group_rule" "svc_firewall_ingress_2" {
  count                    = var.create_security_group ? 1 : 0
  description              = "from the ALB"
  from_port                = var.container_port
  protocol                 = "tcp"
  security_group_id        = one(aws_security_group.svc_firewall_sg[*].id)
  source_security_group_id = var.alb_security_group_id
  to_port                  = var.container_port
  type                     = "ingress"
}

resource "aws_service_discovery_service" "discovery_name_dns" {
  name = "${coalesce(var.discovery_name, var.name)}-dns"
  tags = var.tags

  dns_config {
    namespace_id   = var.namespace.id
    routing_policy = "MULTIVALUE"

    dns_records {
      ttl  = 10
      type = "A"
    }
  }

  health_check_custom_config {
    failure_threshold = 1
  }
}

resource "aws_ssm_parameter" "pipeline_latest_image" {
  # checkov:skip=CKV2_AWS_34:holds an image URI, which is not a secret
  description = "Latest image built by pipeline ${var.pipeline_name}"
  name        = var.image_parameter
  tags        = var.tags
  type        = "String"
  value       = var.image

  lifecycle {
    ignore_changes = [value]
  }
}
