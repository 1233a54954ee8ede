output "address" {
  description = "Host name of the database"
  value       = aws_db_instance.db_catalog_instance.address
}

output "endpoint_parameter_arn" {
  description = "ARN of the endpoint parameter (the execution role reads it)"
  value       = aws_ssm_parameter.db_catalog_endpoint.arn
}

output "secret_arn" {
  description = "ARN of the credentials secret (the execution role reads it)"
  value       = aws_db_instance.db_catalog_instance.master_user_secret[0].secret_arn
}

output "secret_refs" {
  description = "ECS secret valueFrom of each field: endpoint (SSM parameter), username and password (secret keys)"
  value = {
    endpoint = aws_ssm_parameter.db_catalog_endpoint.arn
    password = "${aws_db_instance.db_catalog_instance.master_user_secret[0].secret_arn}:password::"
    username = "${aws_db_instance.db_catalog_instance.master_user_secret[0].secret_arn}:username::"
  }
}

output "security_group_id" {
  description = "Security group of the database"
  value       = aws_security_group.db_catalog_firewall_sg.id
}
