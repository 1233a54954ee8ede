variable "allocated_storage" {
  default     = 20
  description = "Storage in GiB"
  type        = number

  validation {
    condition     = var.allocated_storage >= 20 && var.allocated_storage <= 65536
    error_message = "Must be 20 to 65536 GiB."
  }
}

variable "backup_retention_days" {
  default     = 7
  description = "Days automated backups are kept"
  type        = number

  validation {
    condition     = var.backup_retention_days >= 0 && var.backup_retention_days <= 35
    error_message = "Must be 0 to 35 days."
  }
}

variable "catalog_db_password" {
  description = "Master password (must stay null in this rendering: RDS generates the master password and names, rotates and deletes the secret it keeps it in (manage_master_user_password, hashicorp/aws >= 4.61.0))"
  sensitive   = true
  type        = string
  default     = null

  validation {
    condition     = var.catalog_db_password == null
    error_message = "RDS generates the master password and names, rotates and deletes the secret it keeps it in (manage_master_user_password, hashicorp/aws >= 4.61.0)."
  }
}

variable "client_security_group_id" {
  description = "Security group of the catalog service (the only client allowed in)"
  type        = string
}

variable "db_name" {
  default     = "catalog"
  description = "Database created in the instance"
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,63}$", var.db_name))
    error_message = "Use a letter, then up to 63 letters, digits, underscores."
  }
}

variable "deletion_protection" {
  default     = false
  description = "Whether deletion is blocked (and a final snapshot taken)"
  type        = bool
}

variable "endpoint_parameter" {
  description = "SSM parameter name for the endpoint"
  type        = string

  validation {
    condition     = can(regex("^/", var.endpoint_parameter))
    error_message = "Must start with '/'."
  }
}

variable "engine_version" {
  default     = "8.0"
  description = "MySQL engine version"
  type        = string
}

variable "identifier" {
  description = "RDS instance identifier; prefix of its resources' names"
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,61}[a-z0-9]$", var.identifier))
    error_message = "Use lower-case letters, digits and hyphens, starting with a letter, at most 63 characters."
  }
}

variable "instance_class" {
  default     = "db.t4g.micro"
  description = "Instance class"
  type        = string

  validation {
    condition     = can(regex("^db[.]", var.instance_class))
    error_message = "An instance class looks like db.t4g.micro."
  }
}

variable "multi_az" {
  default     = false
  description = "Whether a standby runs in another zone"
  type        = bool
}

variable "secret_name" {
  description = "Name of the credentials secret (must stay null in this rendering: RDS generates the master password and names, rotates and deletes the secret it keeps it in (manage_master_user_password, hashicorp/aws >= 4.61.0))"
  type        = string
  default     = null

  validation {
    condition     = var.secret_name == null
    error_message = "RDS generates the master password and names, rotates and deletes the secret it keeps it in (manage_master_user_password, hashicorp/aws >= 4.61.0)."
  }
}

variable "secret_recovery_days" {
  description = "Days a deleted secret can be restored (must stay null in this rendering: RDS generates the master password and names, rotates and deletes the secret it keeps it in (manage_master_user_password, hashicorp/aws >= 4.61.0))"
  type        = number
  default     = null

  validation {
    condition     = var.secret_recovery_days == null
    error_message = "RDS generates the master password and names, rotates and deletes the secret it keeps it in (manage_master_user_password, hashicorp/aws >= 4.61.0)."
  }
}

variable "subnet_ids" {
  description = "Private subnets, in at least two availability zones"
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

variable "username" {
  default     = "catalog_user"
  description = "Master user name"
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9_]{0,31}$", var.username))
    error_message = "Use a letter, then up to 31 letters, digits, underscores."
  }
}

variable "vpc_id" {
  description = "VPC of the database"
  type        = string
}
