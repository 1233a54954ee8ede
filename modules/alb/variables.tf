variable "deletion_protection" {
  default     = true
  description = "Whether deletion is blocked (turn it off before destroying the module)"
  type        = bool
}

variable "idle_timeout" {
  default     = 60
  description = "Seconds a connection may be idle"
  type        = number

  validation {
    condition     = var.idle_timeout >= 1 && var.idle_timeout <= 4000
    error_message = "Must be 1 to 4000 seconds."
  }
}

variable "name" {
  description = "Name of the load balancer (at most 32 characters)"
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$", var.name)) && !can(regex("^internal-", var.name))
    error_message = "At most 32 letters, digits and hyphens, not starting or ending with a hyphen nor with 'internal-'."
  }
}

variable "subnet_ids" {
  description = "Public subnets, in at least two availability zones"
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 2
    error_message = "Needs at least 2 id(s)."
  }
}

variable "tags" {
  default     = {}
  description = "Tags for every taggable resource (merged with each one's Name)"
  type        = map(string)
}

variable "vpc_id" {
  description = "VPC of the load balancer"
  type        = string
}
