resource "aws_lb" "alb_alb" {
  # checkov:skip=CKV_AWS_91:access logs are off (alb.access_logs writes them to a log bucket of the stack)
  # checkov:skip=CKV2_AWS_28:no web ACL (alb.waf associates AWS managed rule groups)
  # checkov:skip=CKV2_AWS_20:no certificate_arn configured, so there is no HTTPS to redirect to
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

resource "aws_lb_listener" "http" {
  # checkov:skip=CKV_AWS_103:TLS policy applies only to HTTPS listeners
  count             = var.create_http_listener && !(length(var.certificate_arns) > 0) ? 1 : 0
  load_balancer_arn = aws_lb.alb_alb.arn
  port              = var.http_port
  protocol          = "HTTP"
  tags              = var.tags

  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      message_body = "Not Found"
      status_code  = "404"
    }
  }
}

resource "aws_lb_listener" "http_redirect" {
  count             = var.create_http_listener && length(var.certificate_arns) > 0 ? 1 : 0
  load_balancer_arn = aws_lb.alb_alb.arn
  port              = var.http_port
  protocol          = "HTTP"
  tags              = var.tags

  default_action {
    type = "redirect"

    redirect {
      port        = var.https_port
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "https" {
  count             = length(var.certificate_arns) > 0 ? 1 : 0
  certificate_arn   = try(var.certificate_arns[0], null)
  load_balancer_arn = aws_lb.alb_alb.arn
  port              = var.https_port
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  tags              = var.tags

  default_action {
    type = "fixed-response"

    fixed_response {
      content_type = "text/plain"
      message_body = "Not Found"
      status_code  = "404"
    }
  }
}

resource "aws_lb_listener_certificate" "https_certificates" {
  count           = max(length(var.certificate_arns) - 1, 0)
  certificate_arn = var.certificate_arns[count.index + 1]
  listener_arn    = one(aws_lb_listener.https[*].arn)
}

resource "aws_security_group" "alb_firewall_sg" {
  description            = "ALB ${var.name}: HTTP(S) in from clients, out to services"
  name                   = coalesce(var.security_group_name, format("%s-alb", var.name))
  revoke_rules_on_delete = true
  tags = merge(var.tags, {
    "Name" = coalesce(var.security_group_name, format("%s-alb", var.name))
  })
  vpc_id = var.vpc_id
}

resource "aws_security_group_rule" "alb_firewall_ingress_1" {
  # checkov:skip=CKV_AWS_260:the shared listener port of an internet-facing load balancer, open to ingress_cidrs (default: anywhere)
  count             = var.create_http_listener ? 1 : 0
  cidr_blocks       = var.ingress_cidrs
  description       = "clients to the HTTP listener"
  from_port         = var.http_port
  protocol          = "tcp"
  security_group_id = aws_security_group.alb_firewall_sg.id
  to_port           = var.http_port
  type              = "ingress"
}

resource "aws_security_group_rule" "alb_firewall_ingress_2" {
  count             = length(var.certificate_arns) > 0 ? 1 : 0
  cidr_blocks       = var.ingress_cidrs
  description       = "clients to the HTTPS listener"
  from_port         = var.https_port
  protocol          = "tcp"
  security_group_id = aws_security_group.alb_firewall_sg.id
  to_port           = var.https_port
  type              = "ingress"
}
