variable "log_group_name" {
  description = "Name of the tasks' log group"
  type        = string

  validation {
    condition     = can(regex("^[.\\-_/#A-Za-z0-9]{1,512}$", var.log_group_name))
    error_message = "Use 1-512 characters of letters, digits, '_', '-', '/', '.', '#'."
  }
}

variable "name_prefix" {
  description = "Prefix of the key description and the saved query names"
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.name_prefix))
    error_message = "Use lower-case letters, digits and hyphens, starting with a letter, at most 32 characters."
  }
}

variable "retention_days" {
  default     = 30
  description = "Days the tasks' log group keeps events"
  type        = number

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653], var.retention_days)
    error_message = "Must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653."
  }
}

variable "saved_queries" {
  description = "The workshop's saved queries: the ECS cluster whose Container Insights they read, the service the task-startup query follows and its awslogs stream prefix (null: no saved queries)"
  type = object({
    cluster_name        = string
    front_service       = string
    front_stream_prefix = string
  })
  default = null
}

variable "tags" {
  default     = {}
  description = "Tags for every taggable resource (merged with each one's Name)"
  type        = map(string)
}
