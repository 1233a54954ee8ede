output "arn" {
  description = "ARN of the table (grant <arn> and <arn>/index/*)"
  value       = aws_dynamodb_table.table_carts_table.arn
}

output "name" {
  description = "Name of the table"
  value       = aws_dynamodb_table.table_carts_table.name
}
