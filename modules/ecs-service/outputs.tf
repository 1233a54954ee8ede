output "dns_url" {
  description = "URL callers outside Service Connect call (e.g. a CodeDeploy blue/green service)"
  value       = "http://${var.discovery_name}-dns.${var.namespace.name}:${var.container_port}"
}

output "security_group_id" {
  description = "Security group of the tasks (allow callers in)"
  value       = aws_security_group.svc_firewall_sg.id
}

output "service_arn" {
  description = "ARN of the ECS service"
  value       = aws_ecs_service.svc_service.id
}

output "service_name" {
  description = "Name of the ECS service"
  value       = aws_ecs_service.svc_service.name
}

output "task_definition_arn" {
  description = "ARN of the task definition revision"
  value       = aws_ecs_task_definition.svc_task.arn
}

output "task_definition_family" {
  description = "Task definition family"
  value       = aws_ecs_task_definition.svc_task.family
}

output "url" {
  description = "URL other services of the namespace call"
  value       = "http://${var.client_alias}:${var.client_port}"
}
