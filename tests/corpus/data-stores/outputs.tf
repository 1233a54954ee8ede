output "db_endpoint" {
  value = aws_db_instance.main.endpoint
}

output "table_name" {
  value = aws_dynamodb_table.carts.name
}

output "bucket" {
  value = aws_s3_bucket.assets.id
}
