variable "certificate_arns" {
  default     = []
  description = "ACM certificates of the HTTPS listener, the first one its default (empty: no HTTPS listener)"
  type        = list(string)

  validation {
    condition = alltrue([
      for c in var.certificate_arns :
      can(regex("^arn:aws[a-z-]*:acm:", c))
    ])
    error_message = "Must be ACM certificate ARNs (arn:aws:acm:...)."
  }
}

variable "create_http_listener" {
  default     = true
  description = "Whether the module creates the shared HTTP listener on http_port (false: services bring their own listeners)"
  type        = bool
}

variable "deletion_protection" {
  default     = true
  description = "Whether deletion is blocked (turn it off before destroying the module)"
  type        = bool
}

variable "http_port" {
  default     = 80
  description = "Port of the HTTP listener"
  type        = number

  validation {
    condition     = var.http_port >= 1 && var.http_port <= 65535 && floor(var.http_port) == var.http_port
    error_message = "Must be a whole number from 1 to 65535."
  }
}

variable "https_port" {
  default     = 443
  description = "Port of the HTTPS listener (with certificate_arns)"
  type        = number

  validation {
    condition     = var.https_port >= 1 && var.https_port <= 65535 && floor(var.https_port) == var.https_port
    error_message = "Must be a whole number from 1 to 65535."
  }
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

variable "ingress_cidrs" {
  default     = ["0.0.0.0/0"]
  description = "Clients allowed to the shared listeners"
  type        = list(string)

  validation {
    condition = alltrue([
      for c in var.ingress_cidrs :
      can(cidrnetmask(c))
    ])
    error_message = "Must be IPv4 CIDR blocks."
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

variable "security_group_name" {
  description = "Name of the load balancer's security group (null: <name>-alb)"
  type        = string
  default     = null

  validation {
    condition     = var.security_group_name == null || try(length(var.security_group_name) <= 255, false)
    error_message = "At most 255 characters."
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
