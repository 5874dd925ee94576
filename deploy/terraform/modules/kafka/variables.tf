variable "name" {
  description = "Cluster name."
  type        = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  description = "Three private subnets in three availability zones: one broker in each."
  type        = list(string)
}

variable "client_security_group_ids" {
  description = "Security groups allowed to reach the brokers' TLS listener."
  type        = list(string)
}

variable "kafka_version" {
  type = string
}

variable "broker_instance_type" {
  type = string
}

variable "broker_volume_gb" {
  type = number
}

variable "log_retention_days" {
  type = number
}
