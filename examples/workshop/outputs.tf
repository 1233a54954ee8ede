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
    ui-cicd = module.ui_rolling.service_name
    ui-bg   = module.ui_blue_green.service_name
  }
}

output "pipelines" {
  description = "CodePipeline name, ECR repository URL and latest-image SSM parameter by pipeline"
  value = {
    ui-rolling = {
      name            = module.ui_rolling.pipeline_name
      repository_url  = module.ui_rolling.ecr_repository_url
      image_parameter = module.ui_rolling.image_parameter_name
    }
    ui-blue-green = {
      name            = module.ui_blue_green.pipeline_name
      repository_url  = module.ui_blue_green.ecr_repository_url
      image_parameter = module.ui_blue_green.image_parameter_name
    }
  }
}

output "source_repository_clone_url" {
  description = "HTTPS clone URL of the application repository the pipelines build"
  value       = aws_codecommit_repository.source.clone_url_http
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
