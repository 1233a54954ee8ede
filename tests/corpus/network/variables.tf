variable "name" {
  description = "Prefix of every name and tag"
  type        = string
  default     = "corpus-net"
}
