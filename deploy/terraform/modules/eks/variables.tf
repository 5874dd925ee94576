variable "name" {
  description = "Cluster name."
  type        = string
}

variable "kubernetes_version" {
  description = "Kubernetes version."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the control plane's network interfaces and of the nodes."
  type        = list(string)
}

variable "endpoint_public_access_cidrs" {
  description = "CIDR blocks allowed to the public API endpoint; empty keeps the endpoint private."
  type        = list(string)
}

variable "node_instance_types" {
  description = "Instance types of the managed node group."
  type        = list(string)
}

variable "node_count" {
  description = "Minimum, desired and maximum number of nodes."
  type        = object({ min = number, desired = number, max = number })
}

variable "log_retention_days" {
  description = "Retention of the control plane logs."
  type        = number
}
