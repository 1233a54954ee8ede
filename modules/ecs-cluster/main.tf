resource "aws_ecs_cluster" "cluster_cluster" {
  # checkov:skip=CKV_AWS_224:ECS Exec output goes to each task's KMS-encrypted awslogs group; a session CMK needs kms grants for every caller (opt-in)
  name = var.name
  tags = var.tags

  configuration {
    execute_command_configuration {
      logging = "DEFAULT"
    }
  }

  setting {
    name  = "containerInsights"
    value = var.container_insights ? "enabled" : "disabled"
  }
}

resource "aws_ecs_cluster_capacity_providers" "cluster_capacity_providers" {
  capacity_providers = var.capacity_providers
  cluster_name       = aws_ecs_cluster.cluster_cluster.name
}

resource "aws_service_discovery_private_dns_namespace" "discovery_namespace" {
  description = "ECS services of this stack"
  name        = var.namespace
  tags        = var.tags
  vpc         = var.vpc_id
}
