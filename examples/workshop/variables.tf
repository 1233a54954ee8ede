variable "region" {
  description = "AWS region of the stack"
  type        = string
  default     = "us-west-2"
}

variable "prefix" {
  description = "Prefix of the stack's names (the workshop's retail-store-ecs)"
  type        = string
  default     = "retail-store-ecs"
}

variable "tags" {
  description = "Tags for every taggable resource"
  type        = map(string)
  default = {
    Project   = "retail-store-ecs"
    ManagedBy = "terraform"
  }
}

variable "catalog_db_password" {
  description = "Master password of the catalog database: leave null with modules rendered for hashicorp/aws >= 4.61.0 (RDS generates and manages it, it never enters state); required by renderings for older providers"
  type        = string
  default     = null
  sensitive   = true
}
