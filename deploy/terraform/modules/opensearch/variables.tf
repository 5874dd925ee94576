variable "name" {
  description = "Domain name (3 to 28 lower-case letters, digits and hyphens)."
  type        = string
}

variable "vpc_id" {
  type = string
}

variable "subnet_ids" {
  description = "Three private subnets in three availability zones."
  type        = list(string)
}

variable "client_security_group_ids" {
  description = "Security groups allowed to reach the domain over HTTPS."
  type        = list(string)
}

variable "engine_version" {
  description = "OpenSearch version, e.g. 2.19."
  type        = string
}

variable "instance_type" {
  type = string
}

variable "instance_count" {
  type = number
}

variable "dedicated_master_type" {
  description = "Instance type of three dedicated cluster-manager nodes; empty for none."
  type        = string
}

variable "volume_gb" {
  type = number
}
