output "bootstrap_brokers_sasl_scram" {
  description = "Comma-separated host:port list of the SASL/SCRAM listener (TLS, port 9096)."
  value       = aws_msk_cluster.this.bootstrap_brokers_sasl_scram
}

output "arn" {
  value = aws_msk_cluster.this.arn
}

output "security_group_id" {
  value = aws_security_group.this.id
}

output "scram_secret_names" {
  description = "Secrets Manager name of each principal's SCRAM credentials."
  value       = { for user, secret in aws_secretsmanager_secret.scram : user => secret.name }
}

output "scram_secret_arns" {
  value = [for secret in aws_secretsmanager_secret.scram : secret.arn]
}

output "scram_kms_key_arn" {
  description = "The key the SCRAM secrets are encrypted with: whoever reads them needs kms:Decrypt on it."
  value       = aws_kms_key.scram.arn
}
