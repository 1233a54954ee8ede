variable "region" {
  description = "AWS region of the stack"
  type        = string
  default     = "us-east-1"
}

variable "name" {
  description = "Name of the stack; prefix of every name in it"
  type        = string
  default     = "minimal"
}

variable "tags" {
  description = "Tags for every taggable resource"
  type        = map(string)
  default = {
    Project   = "minimal"
    ManagedBy = "terraform"
  }
}
