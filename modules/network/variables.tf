variable "az_count" {
  default     = 2
  description = "Availability zones with a public and a private subnet each"
  type        = number

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 6 && floor(var.az_count) == var.az_count
    error_message = "Must be a whole number from 2 to 6 (an Application Load Balancer needs subnets in at least two zones)."
  }
}

variable "cidr" {
  default     = "10.0.0.0/16"
  description = "IPv4 CIDR block of the VPC (/16 to /24)"
  type        = string

  validation {
    condition     = can(cidrnetmask(var.cidr)) && try(cidrsubnet(var.cidr, 0, 0) == var.cidr, false)
    error_message = "Must be an IPv4 network in CIDR notation with no host bits set, e.g. 10.0.0.0/16."
  }

  validation {
    condition     = can(regex("/(1[6-9]|2[0-4])$", var.cidr))
    error_message = "Must have a prefix length from /16 to /24."
  }
}

variable "create_flow_logs" {
  default     = true
  description = "Log all the VPC's traffic to a KMS-encrypted CloudWatch Logs group"
  type        = bool
}

variable "flow_log_kms_key_arn" {
  description = "KMS key that encrypts the flow log group (the logs module's kms_key_arn); required when create_flow_logs is true"
  type        = string
  default     = null

  validation {
    condition     = var.flow_log_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.flow_log_kms_key_arn))
    error_message = "Must be an ARN (arn:aws[a-z-]*:kms:...)."
  }
}

variable "flow_log_retention_days" {
  default     = 30
  description = "Days the VPC flow log group keeps events"
  type        = number

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653], var.flow_log_retention_days)
    error_message = "Must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653."
  }
}

variable "name" {
  description = "Name of the VPC; prefix of its resources' names"
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.name))
    error_message = "Use lower-case letters, digits and hyphens, starting with a letter, at most 32 characters."
  }
}

variable "nat_gateways" {
  default     = "single"
  description = "NAT gateways: one in the first zone (single) or one per zone (per_az)"
  type        = string

  validation {
    condition     = contains(["single", "per_az"], var.nat_gateways)
    error_message = "Must be one of single, per_az."
  }
}

variable "tags" {
  default     = {}
  description = "Tags for every taggable resource (merged with each one's Name)"
  type        = map(string)
}
