variable "callee_name" {
  description = "Name of the called service (rule descriptions)"
  type        = string
}

variable "callee_security_group_id" {
  description = "Security group of the called service"
  type        = string
}

variable "caller_name" {
  description = "Name of the calling service (rule descriptions)"
  type        = string
}

variable "caller_security_group_id" {
  description = "Security group of the calling service"
  type        = string
}

variable "port" {
  default     = 8080
  description = "Container port of the called service"
  type        = number

  validation {
    condition     = var.port >= 1 && var.port <= 65535 && floor(var.port) == var.port
    error_message = "Must be a whole number from 1 to 65535."
  }
}
