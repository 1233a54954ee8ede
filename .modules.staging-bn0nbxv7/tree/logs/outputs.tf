output "kms_key_arn" {
  description = "KMS key for CloudWatch Logs groups of this account and region"
  value       = aws_kms_key.logs_key.arn
}

output "log_group_arn" {
  description = "ARN of the tasks' log group"
  value       = aws_cloudwatch_log_group.logs_tasks.arn
}

output "log_group_name" {
  description = "Name of the tasks' log group"
  value       = aws_cloudwatch_log_group.logs_tasks.name
}
