resource "aws_lb" "alb_alb" {
  # checkov:skip=CKV_AWS_150:stacks are torn down with terraform destroy (workshop, sandbox)
  # checkov:skip=CKV_AWS_91:access logs need a log bucket; an opt-in cost
  # checkov:skip=CKV2_AWS_28:AWS WAF is an opt-in cost
  # checkov:skip=CKV2_AWS_20:no certificate_arn configured, so there is no HTTPS to redirect to
  drop_invalid_header_fields = true
  enable_deletion_protection = false
  idle_timeout               = var.idle_timeout
  internal                   = false
  load_balancer_type         = "application"
  name                       = var.name
  security_groups            = [aws_security_group.alb_firewall_sg.id]
  subnets                    = var.subnet_ids
  tags                       = var.tags
}

resource "aws_security_group" "alb_firewall_sg" {
  description            = "ALB ${var.name}: HTTP(S) in from clients, out to services"
  name                   = "${var.name}-alb"
  revoke_rules_on_delete = true
  tags = merge(var.tags, {
    "Name" = "${var.name}-alb"
  })
  vpc_id = var.vpc_id
}
