resource "aws_lb" "alb_alb" {
  # checkov:skip=CKV_AWS_91:access logs are off (alb.access_logs writes them to a log bucket of the stack)
  # checkov:skip=CKV2_AWS_28:no web ACL (alb.waf associates AWS managed rule groups)
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
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
