output "arn" {
  description = "ARN of the cluster"
  value       = aws_ecs_cluster.cluster_cluster.arn
  depends_on  = [aws_ecs_cluster_capacity_providers.cluster_capacity_providers]
}

output "name" {
  description = "Name of the cluster"
  value       = aws_ecs_cluster.cluster_cluster.name
  depends_on  = [aws_ecs_cluster_capacity_providers.cluster_capacity_providers]
}

output "namespace" {
  description = "The services' Cloud Map namespace: id, arn and name (the ecs-service modules' `namespace`)"
  value = {
    arn  = aws_service_discovery_private_dns_namespace.discovery_namespace.arn
    id   = aws_service_discovery_private_dns_namespace.discovery_namespace.id
    name = aws_service_discovery_private_dns_namespace.discovery_namespace.name
  }
}
