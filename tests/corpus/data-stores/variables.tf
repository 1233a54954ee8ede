variable "name" {
  description = "Prefix of every name"
  type        = string
}

variable "db_password" {
  description = "Master password of the MySQL instance"
  type        = string
  sensitive   = true
}
