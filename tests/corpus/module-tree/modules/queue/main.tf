variable "name" {
  type = string
}

resource "aws_sqs_queue" "this" {
  name                      = var.name
  message_retention_seconds = 86400
}

output "name" {
  value = aws_sqs_queue.this.name
}

output "url" {
  value = aws_sqs_queue.this.id
}
