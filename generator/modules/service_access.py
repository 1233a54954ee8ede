"""service-access: one service may call another (generator.constructs.service.FargateService.allow_caller)."""
from __future__ import annotations

from generator.constructs.security import Firewall, allow_call
from generator.modules import inputs
from generator.modules.base import ModuleStack

DESCRIPTION = """Lets one ECS service call another on the callee's container port: ingress on the callee's
security group from the caller's, egress on the caller's to the callee's (the two rules the stacks
add for every `service_url` a service's environment references).
"""


def build(stack: ModuleStack) -> None:
    """Inputs -> allow_caller on two existing security groups (no outputs but the rule ids)."""
    caller_name = stack.variable("caller_name", "string", "Name of the calling service (rule descriptions)").string
    caller = Firewall.from_attributes(stack, "caller", group_id=stack.variable(
        "caller_security_group_id", "string", "Security group of the calling service").string)
    callee_name = stack.variable("callee_name", "string", "Name of the called service (rule descriptions)").string
    callee = Firewall.from_attributes(stack, "callee", group_id=stack.variable(
        "callee_security_group_id", "string", "Security group of the called service").string)
    port = inputs.port(stack, "port", "Container port of the called service", 8080).number
    allow_call(caller, callee, port, caller_name=caller_name, callee_name=callee_name)
    rules = caller.rules + callee.rules
    stack.output("rule_ids", [rule.id for rule in rules], "Ids of the egress (caller) and ingress (callee) rules")
