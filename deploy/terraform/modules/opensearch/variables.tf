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

variable "master_user_role_arn" {
  description = "IAM role of fine-grained access control's master user: every index, and the role mappings of the security plugin."
  type        = string
}

variable "client_role_arns" {
  description = "IAM roles that the resource policy admits, and nothing else: the services that call the domain (signing with SigV4), the master user's role among them."
  type        = list(string)

  validation {
    condition     = length(var.client_role_arns) > 0 && !contains(var.client_role_arns, "*") && contains(var.client_role_arns, var.master_user_role_arn)
    error_message = "Name the roles that may call the domain, the master user's among them; never \"*\"."
  }
}
