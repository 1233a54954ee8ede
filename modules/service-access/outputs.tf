output "rule_ids" {
  description = "Ids of the egress (caller) and ingress (callee) rules"
  value       = [aws_security_group_rule.caller_egress_1.id, aws_security_group_rule.callee_ingress_1.id]
}
