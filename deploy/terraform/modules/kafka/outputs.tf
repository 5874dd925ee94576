output "bootstrap_brokers_tls" {
  description = "Comma-separated host:port list of the TLS listener."
  value       = aws_msk_cluster.this.bootstrap_brokers_tls
}

output "arn" {
  value = aws_msk_cluster.this.arn
}

output "security_group_id" {
  value = aws_security_group.this.id
}
