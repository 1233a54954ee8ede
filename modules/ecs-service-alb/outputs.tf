output "dns_url" {
  description = "URL callers outside Service Connect call (e.g. a CodeDeploy blue/green service)"
  value       = "http://${coalesce(var.discovery_name, var.name)}-dns.${var.namespace.name}:${var.container_port}"
}

output "execution_role_arn" {
  description = "ARN of the task execution role (created or given)"
  value       = var.create_execution_role ? one(aws_iam_role.execution_role[*].arn) : var.execution_role_arn
}

output "listener_arn" {
  description = "ARN of the listener that routes to the service (its own, or listener_arn)"
  value       = var.create_listener ? one(aws_lb_listener.alb_listener_listener_port[*].arn) : var.listener_arn
}

output "security_group_id" {
  description = "Security group the module created for the tasks (allow callers in; null with create_security_group = false)"
  value       = one(aws_security_group.svc_firewall_sg[*].id)
}

output "service_arn" {
  description = "ARN of the ECS service"
  value       = aws_ecs_service.svc_service.id
}

output "service_name" {
  description = "Name of the ECS service"
  value       = aws_ecs_service.svc_service.name
}

output "target_group_arn" {
  description = "ARN of the service's target group"
  value       = aws_lb_target_group.alb_name_tg.arn
}

output "target_group_name" {
  description = "Name of the service's target group"
  value       = aws_lb_target_group.alb_name_tg.name
}

output "task_definition_arn" {
  description = "ARN of the task definition revision"
  value       = aws_ecs_task_definition.svc_task.arn
}

output "task_definition_family" {
  description = "Task definition family"
  value       = aws_ecs_task_definition.svc_task.family
}

output "task_role_arn" {
  description = "ARN of the task role (created or given; null: none)"
  value       = var.create_task_role ? one(aws_iam_role.task_role[*].arn) : var.task_role_arn
}

output "url" {
  description = "URL other services of the namespace call: http://<client_alias>[:<client_port>] (Service Connect)"
  value       = "http://${coalesce(var.client_alias, coalesce(var.discovery_name, var.name))}:${var.client_port}"
}
