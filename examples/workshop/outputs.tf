output "alb_url" {
  description = "Base URL of the application (the UI)"
  value       = "http://${module.alb.dns_name}"
}

output "cluster_name" {
  description = "ECS cluster name"
  value       = module.ecs_cluster.name
}

output "service_names" {
  description = "ECS service names by key"
  value = {
    ui      = module.ui.service_name
    assets  = module.assets.service_name
    catalog = module.catalog.service_name
    carts   = module.carts.service_name
  }
}

output "service_urls" {
  description = "URLs the services call each other by (Service Connect, or Cloud Map DNS on old providers)"
  value = {
    assets  = module.assets.url
    catalog = module.catalog.url
    carts   = module.carts.url
  }
}

output "log_group_name" {
  description = "Application log group"
  value       = module.logs.log_group_name
}

output "table_name" {
  description = "DynamoDB table of the carts service"
  value       = module.carts_table.name
}

output "database_secret_arn" {
  description = "Secrets Manager ARN of the catalog database credentials"
  value       = module.catalog_db.secret_arn
}
