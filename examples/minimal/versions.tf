terraform {
  required_version = ">= 1.0.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # the modules narrow this to the major they were rendered for (modules/README.md)
      version = ">= 3.39.0"
    }
  }
}

provider "aws" {
  region = var.region
}
