variable "capacity_providers" {
  default     = ["FARGATE", "FARGATE_SPOT"]
  description = "Capacity providers the cluster registers, for the services' capacity_provider_strategy"
  type        = list(string)

  validation {
    condition = alltrue([
      for p in var.capacity_providers :
      contains(["FARGATE", "FARGATE_SPOT"], p)
    ])
    error_message = "Each must be one of FARGATE, FARGATE_SPOT."
  }
}

variable "container_insights" {
  default     = true
  description = "Whether Container Insights collects task metrics"
  type        = bool
}

variable "name" {
  description = "Name of the ECS cluster"
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.name))
    error_message = "Use 1-255 letters, digits, hyphens, underscores."
  }
}

variable "namespace" {
  description = "Private DNS namespace of the services, e.g. retailstore.local"
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$", var.namespace))
    error_message = "Must be a DNS name (lower case), e.g. retailstore.local."
  }
}

variable "tags" {
  default     = {}
  description = "Tags for every taggable resource (merged with each one's Name)"
  type        = map(string)
}

variable "vpc_id" {
  description = "VPC the namespace resolves in"
  type        = string
}
