# A root in a module tree, as many repositories lay it out: live/<stack> calling ../../modules/<name>.
# `environment` is required: the run must be given it.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 3.39"
    }
  }
}

provider "aws" {
  region = "us-west-2"
}

variable "environment" {
  description = "Stage name, part of every resource name"
  type        = string
}

variable "queues" {
  description = "Queues to create, each with a backlog alarm"
  type        = list(string)
  default     = ["orders"]
}

module "queue" {
  source   = "../../modules/queue"
  for_each = toset(var.queues)

  name = "${var.environment}-${each.key}"
}

module "alarm" {
  source   = "../../modules/alarm"
  for_each = module.queue

  queue_name = each.value.name
}

module "audit" {
  source = "../../modules/audit"

  environment = var.environment
}

output "queue_urls" {
  value = { for key, queue in module.queue : key => queue.url }
}

output "audit_parameter_arn" {
  value = module.audit.parameter_arn
}
