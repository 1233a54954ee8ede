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

resource "aws_ecs_service" "svc_service" {
  cluster                            = var.cluster_arn
  deployment_maximum_percent         = var.deployment_maximum_percent
  deployment_minimum_healthy_percent = var.deployment_minimum_healthy_percent
  desired_count                      = var.desired_count
  enable_ecs_managed_tags            = true
  enable_execute_command             = var.enable_execute_command
  health_check_grace_period_seconds  = var.health_check_grace_period
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
    ignore_changes = [desired_count]
  }

  depends_on = [aws_lb_listener.alb_listener_listener_port, aws_lb_listener_rule.shared_rule]
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
  count             = var.create_listener ? 1 : 0
  load_balancer_arn = var.alb_arn
  port              = var.listener_port
  protocol          = "HTTP"
  tags              = var.tags

  default_action {
    target_group_arn = aws_lb_target_group.alb_name_tg.arn
    type             = "forward"
  }
}

resource "aws_lb_listener_rule" "shared_rule" {
  count        = !var.create_listener ? 1 : 0
  listener_arn = var.listener_arn != null ? var.listener_arn : tobool("listener_arn: give the shared listener's ARN (e.g. the alb module's listener_arn) when create_listener = false.")
  priority     = var.priority
  tags         = var.tags

  action {
    target_group_arn = aws_lb_target_group.alb_name_tg.arn
    type             = "forward"
  }

  condition {
    path_pattern {
      values = var.path_patterns
    }
  }

  condition {
    host_header {
      values = var.host_headers
    }
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
    matcher             = var.health_check_matcher
    path                = var.health_check_path
    protocol            = "HTTP"
    timeout             = 5
    unhealthy_threshold = 3
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
  count             = var.create_listener ? 1 : 0
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
