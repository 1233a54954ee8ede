# A legacy module with its own provider configuration (allowed for modules called without
# count/for_each): its resources live in eu-central-1 whatever the root's region.

provider "aws" {
  region = "eu-central-1"
}

variable "environment" {
  type = string
}

resource "aws_ssm_parameter" "audit" {
  name  = "/${var.environment}/audit/enabled"
  type  = "String"
  value = "true"
}

output "parameter_arn" {
  value = aws_ssm_parameter.audit.arn
}
