resource "aws_security_group_rule" "callee_ingress_1" {
  description              = "from service ${var.caller_name}"
  from_port                = var.port
  protocol                 = "tcp"
  security_group_id        = var.callee_security_group_id
  source_security_group_id = var.caller_security_group_id
  to_port                  = var.port
  type                     = "ingress"
}

resource "aws_security_group_rule" "caller_egress_1" {
  description              = "to service ${var.callee_name}"
  from_port                = var.port
  protocol                 = "tcp"
  security_group_id        = var.caller_security_group_id
  source_security_group_id = var.callee_security_group_id
  to_port                  = var.port
  type                     = "egress"
}
