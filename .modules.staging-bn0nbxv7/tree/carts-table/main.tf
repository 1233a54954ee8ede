resource "aws_dynamodb_table" "table_carts_table" {
  # checkov:skip=CKV_AWS_119:encrypted with the AWS owned/managed DynamoDB key; a CMK is optional
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  name         = var.name
  tags         = var.tags

  attribute {
    name = "id"
    type = "S"
  }

  attribute {
    name = "customerId"
    type = "S"
  }

  global_secondary_index {
    hash_key        = "customerId"
    name            = "idx_global_customerId"
    projection_type = "ALL"
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery
  }

  server_side_encryption {
    enabled = true
  }
}
