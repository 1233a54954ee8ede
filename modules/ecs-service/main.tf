data "aws_region" "region" {

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
      predefined_metric_type = var.scaling_metric
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
  launch_type                        = "FARGATE"
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

  network_configuration {
    assign_public_ip = false
    security_groups  = [aws_security_group.svc_firewall_sg.id]
    subnets          = var.subnet_ids
  }

  service_connect_configuration {
    enabled   = true
    namespace = var.namespace.arn

    service {
      discovery_name = var.discovery_name
      port_name      = var.container_name

      client_alias {
        dns_name = var.client_alias
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
}

resource "aws_ecs_task_definition" "svc_task" {
  container_definitions = jsonencode([
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
      "healthCheck" = {
        "command"     = ["CMD-SHELL", "curl -f http://localhost:${var.container_port}${var.health_check_path} || exit 1"]
        "interval"    = 10
        "timeout"     = 5
        "retries"     = 3
        "startPeriod" = 60
      }
      "logConfiguration" = {
        "logDriver" = "awslogs"
        "options" = {
          "awslogs-group"         = var.log_group_name
          "awslogs-region"        = data.aws_region.region.region
          "awslogs-stream-prefix" = var.log_stream_prefix
        }
      }
    }
  ])
  cpu                      = var.task_size.cpu
  execution_role_arn       = var.execution_role_arn
  family                   = var.family
  memory                   = var.task_size.memory
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  tags                     = var.tags
  task_role_arn            = var.task_role_arn

  runtime_platform {
    cpu_architecture        = var.cpu_architecture
    operating_system_family = "LINUX"
  }
}

resource "aws_security_group" "svc_firewall_sg" {
  description            = "ECS service ${var.name}"
  name                   = "${var.name_prefix}-${var.name}"
  revoke_rules_on_delete = true
  tags = merge(var.tags, {
    "Name" = "${var.name_prefix}-${var.name}"
  })
  vpc_id = var.vpc_id
}

resource "aws_security_group_rule" "svc_firewall_egress_1" {
  cidr_blocks       = ["0.0.0.0/0"]
  description       = "HTTPS to AWS APIs and image registries"
  from_port         = 443
  protocol          = "tcp"
  security_group_id = aws_security_group.svc_firewall_sg.id
  to_port           = 443
  type              = "egress"
}

resource "aws_service_discovery_service" "discovery_name_dns" {
  name = "${var.discovery_name}-dns"
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
