# One root, three regions: the default provider, an alias with a literal region and an alias whose
# region is a variable. Each keeps its own region on the sandbox.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 3.39"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

provider "aws" {
  alias  = "west"
  region = "eu-west-1"
}

provider "aws" {
  alias  = "backup"
  region = var.backup_region
}

variable "backup_region" {
  type    = string
  default = "ap-southeast-2"
}

resource "aws_ssm_parameter" "home" {
  name  = "/corpus/aliases/home"
  type  = "String"
  value = "us-east-1"
}

resource "aws_ssm_parameter" "west" {
  provider = aws.west
  name     = "/corpus/aliases/west"
  type     = "String"
  value    = "eu-west-1"
}

resource "aws_sqs_queue" "west" {
  provider = aws.west
  name     = "corpus-aliases-west"
}

resource "aws_s3_bucket" "backup" {
  provider = aws.backup
  bucket   = "corpus-aliases-backup"
  acl      = "private"
}

resource "aws_dynamodb_table" "backup" {
  provider     = aws.backup
  name         = "corpus-aliases-backup"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

output "arns" {
  value = {
    home   = aws_ssm_parameter.home.arn
    west   = aws_ssm_parameter.west.arn
    queue  = aws_sqs_queue.west.arn
    table  = aws_dynamodb_table.backup.arn
    bucket = aws_s3_bucket.backup.arn
  }
}

output "bucket_region" {
  value = aws_s3_bucket.backup.region
}
