variable "name" {
  description = "Identifier of the instance and prefix of its companions."
  type        = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  description = "Private subnets in at least two availability zones."
  type        = list(string)
}

variable "client_security_group_ids" {
  description = "Security groups allowed to connect on port 5432."
  type        = list(string)
}

variable "engine_version" {
  type = string
}

variable "instance_class" {
  type = string
}

variable "allocated_storage_gb" {
  type = number
}

variable "max_allocated_storage_gb" {
  type = number
}

variable "multi_az" {
  type = bool
}

variable "backup_retention_days" {
  type = number
}

variable "database_name" {
  type = string
}

variable "master_username" {
  type = string
}

variable "master_password" {
  description = "Written to RDS only (write-only argument); never stored in the state."
  type        = string
  ephemeral   = true
}

variable "master_password_version" {
  description = "Change to make RDS take a new master_password."
  type        = number
}
