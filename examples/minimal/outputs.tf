output "url" {
  description = "The web service, through the load balancer"
  value       = "${length(var.certificate_arns) > 0 ? "https" : "http"}://${module.alb.dns_name}/"
}

output "cluster_name" {
  description = "ECS cluster name"
  value       = module.ecs_cluster.name
}

output "listener_rule_listener_arn" {
  description = "The shared listener the web service's rule is on"
  value       = module.web.listener_arn
}

output "api_url" {
  description = "What the web service calls (the api module's url)"
  value       = module.api.url
}

output "role_arns" {
  description = "The roles the service modules created"
  value = {
    web_execution = module.web.execution_role_arn
    web_task      = module.web.task_role_arn
    api_execution = module.api.execution_role_arn
    api_task      = module.api.task_role_arn
  }
}
