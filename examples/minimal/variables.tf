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

variable "certificate_arns" {
  description = "ACM certificates for HTTPS on 443 (the first is the default; HTTP then redirects there). Empty: HTTP only"
  type        = list(string)
  default     = []
}
