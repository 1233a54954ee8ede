variable "name" {
  description = "Name of the table"
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.name))
    error_message = "Use 3-255 letters, digits, '_', '-', '.'."
  }
}

variable "point_in_time_recovery" {
  default     = true
  description = "Whether point-in-time recovery is on"
  type        = bool
}

variable "tags" {
  default     = {}
  description = "Tags for every taggable resource (merged with each one's Name)"
  type        = map(string)
}
