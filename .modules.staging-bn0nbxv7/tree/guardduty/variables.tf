variable "runtime_monitoring" {
  default     = true
  description = "Whether Runtime Monitoring with the managed Fargate agent is on"
  type        = bool
}

variable "tags" {
  default     = {}
  description = "Tags for every taggable resource (merged with each one's Name)"
  type        = map(string)
}
