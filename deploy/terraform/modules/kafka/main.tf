resource "aws_security_group" "this" {
  name        = "${var.name}-kafka"
  description = "MSK brokers of ${var.name}: SASL/SCRAM TLS listener for the platform's pods only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "clients" {
  count = length(var.client_security_group_ids)

  security_group_id            = aws_security_group.this.id
  referenced_security_group_id = var.client_security_group_ids[count.index]
  ip_protocol                  = "tcp"
  # the SASL/SCRAM listener over TLS; the unauthenticated TLS listener (9094) is off
  from_port = 9096
  to_port   = 9096
}

resource "aws_msk_configuration" "this" {
  name           = "${var.name}-kafka"
  kafka_versions = [var.kafka_version]

  # Durability: with three replicas and min.insync.replicas=2, a record acknowledged to a
  # producer with acks=all (the command-side's setting) is on two brokers at least, and the
  # cluster keeps accepting writes with one broker down. Topics are declared by the services
  # (partitions and replication factor from their configuration), never created by accident.
  # Authorisation (docs/security-least-privilege.md): every principal may do only what its ACLs
  # (deploy/kafka/access.txt) allow; deny_without_acl stays false only until those ACLs are set.
  server_properties = <<-PROPERTIES
    allow.everyone.if.no.acl.found=${var.deny_without_acl ? "false" : "true"}
    auto.create.topics.enable=false
    default.replication.factor=3
    min.insync.replicas=2
    unclean.leader.election.enable=false
  PROPERTIES
}

resource "aws_cloudwatch_log_group" "broker" {
  name              = "/aws/msk/${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_msk_cluster" "this" {
  cluster_name           = var.name
  kafka_version          = var.kafka_version
  number_of_broker_nodes = 3
  enhanced_monitoring    = "PER_BROKER"

  broker_node_group_info {
    instance_type   = var.broker_instance_type
    client_subnets  = var.subnet_ids
    security_groups = [aws_security_group.this.id]

    storage_info {
      ebs_storage_info {
        volume_size = var.broker_volume_gb
      }
    }
  }

  configuration_info {
    arn      = aws_msk_configuration.this.arn
    revision = aws_msk_configuration.this.latest_revision
  }

  # at rest: encrypted with the AWS managed key (the default)
  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }

  # every client signs in with SCRAM-SHA-512 as one of the users below (port 9096, TLS)
  client_authentication {
    unauthenticated = false

    sasl {
      scram = true
    }
  }

  open_monitoring {
    prometheus {
      jmx_exporter {
        enabled_in_broker = true
      }
      node_exporter {
        enabled_in_broker = true
      }
    }
  }

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.broker.name
      }
    }
  }
}

# One SCRAM user per service that uses Kafka, and the administrator that sets the ACLs (deploy/kafka/KafkaAccess.java).
# MSK reads them from Secrets Manager: names prefixed AmazonMSK_, encrypted with a customer managed key. Passwords are
# generated during apply and written only to write-only arguments: in no plan, state or output. The pods get theirs
# through the External Secrets Operator (deploy/k8s/overlays/production/external-secrets.yaml).
resource "aws_kms_key" "scram" {
  description         = "SCRAM secrets of the MSK cluster ${var.name}"
  enable_key_rotation = true
}

resource "aws_kms_alias" "scram" {
  name          = "alias/${var.name}-kafka-scram"
  target_key_id = aws_kms_key.scram.key_id
}

ephemeral "aws_secretsmanager_random_password" "scram" {
  for_each = toset(var.scram_users)

  password_length     = 40
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "scram" {
  for_each = toset(var.scram_users)

  name                    = "AmazonMSK_${var.name}_${each.key}"
  description             = "Kafka (MSK SCRAM) credentials of ${each.key}, ${var.name}"
  kms_key_id              = aws_kms_key.scram.key_id
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "scram" {
  for_each = toset(var.scram_users)

  secret_id = aws_secretsmanager_secret.scram[each.key].id
  # the keys MSK expects; the ExternalSecrets map them to AIC_KAFKA_USER and AIC_KAFKA_PASSWORD
  secret_string_wo = jsonencode({
    username = each.key
    password = ephemeral.aws_secretsmanager_random_password.scram[each.key].random_password
  })
  secret_string_wo_version = var.scram_password_version
}

resource "aws_msk_scram_secret_association" "this" {
  cluster_arn     = aws_msk_cluster.this.arn
  secret_arn_list = [for user in var.scram_users : aws_secretsmanager_secret.scram[user].arn]

  depends_on = [aws_secretsmanager_secret_version.scram]
}
