# E-mail notifications of the command-side through Amazon SES's SMTP interface: the sending domain
# as an SES identity (Easy DKIM), an IAM user that may only send from it, and its SMTP credentials in
# Secrets Manager, which the pods get through the External Secrets Operator (Secret aic-smtp).
#
# The SMTP password is derived from the access key's secret (ses_smtp_password_v4, for this
# provider's region); unlike the database password it is in the Terraform state, so keep the state
# bucket encrypted and private. To rotate: terraform apply -replace=aws_iam_access_key.smtp, wait
# for the Secret to refresh, restart the command-side.

resource "aws_sesv2_email_identity" "mail" {
  email_identity = var.mail_domain

  # Easy DKIM: SES signs every message; the domain is verified once its three CNAME records resolve
  dkim_signing_attributes {
    next_signing_key_length = "RSA_2048_BIT"
  }
}

# the DKIM records in Route 53, when the domain's hosted zone is in this account; otherwise create
# the records of the ses_dkim_records output at your DNS provider
resource "aws_route53_record" "dkim" {
  count = var.mail_route53_zone_id == "" ? 0 : 3

  zone_id = var.mail_route53_zone_id
  name    = "${aws_sesv2_email_identity.mail.dkim_signing_attributes[0].tokens[count.index]}._domainkey.${var.mail_domain}"
  type    = "CNAME"
  ttl     = 1800
  records = ["${aws_sesv2_email_identity.mail.dkim_signing_attributes[0].tokens[count.index]}.dkim.amazonses.com"]
}

# SMTP credentials are an IAM user's access key: SES's SMTP interface takes no roles
resource "aws_iam_user" "smtp" {
  name = "${local.name}-ses-smtp"
  path = "/${var.name_prefix}/"
}

data "aws_iam_policy_document" "send_mail" {
  statement {
    # the SMTP interface sends through SendRawEmail; from the platform's domain only
    actions   = ["ses:SendRawEmail"]
    resources = [aws_sesv2_email_identity.mail.arn]
  }
}

resource "aws_iam_user_policy" "smtp" {
  name   = "send-mail"
  user   = aws_iam_user.smtp.name
  policy = data.aws_iam_policy_document.send_mail.json
}

resource "aws_iam_access_key" "smtp" {
  user = aws_iam_user.smtp.name
}

resource "aws_secretsmanager_secret" "smtp" {
  name                    = "${local.name}/smtp"
  description             = "Amazon SES SMTP credentials of the AIC Platform command-side (${var.environment})"
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "smtp" {
  secret_id = aws_secretsmanager_secret.smtp.id
  # the keys are the command-side's environment variables (ExternalSecret aic-smtp)
  secret_string = jsonencode({
    AIC_SMTP_USERNAME = aws_iam_access_key.smtp.id
    AIC_SMTP_PASSWORD = aws_iam_access_key.smtp.ses_smtp_password_v4
  })
}
