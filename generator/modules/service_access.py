"""service-access: one service may call another (generator.constructs.service.FargateService.allow_caller)."""
from __future__ import annotations

from types import SimpleNamespace

from generator.constructs.service import FargateService
from generator.modules import inputs
from generator.modules.base import ModuleStack
from generator.modules.shared import ExistingFirewall

DESCRIPTION = """Lets one ECS service call another on the callee's container port: ingress on the callee's
security group from the caller's, egress on the caller's to the callee's (the two rules the stacks
add for every `service_url` a service's environment references).
"""


def build(stack: ModuleStack) -> None:
    """Inputs -> allow_caller on two existing security groups (no outputs but the rule ids)."""
    caller = SimpleNamespace(
        name=stack.variable("caller_name", "string", "Name of the calling service (rule descriptions)").string,
        firewall=ExistingFirewall(stack, "caller", group_id=stack.variable(
            "caller_security_group_id", "string", "Security group of the calling service").string))
    callee = SimpleNamespace(
        name=stack.variable("callee_name", "string", "Name of the called service (rule descriptions)").string,
        firewall=ExistingFirewall(stack, "callee", group_id=stack.variable(
            "callee_security_group_id", "string", "Security group of the called service").string),
        config=SimpleNamespace(port=inputs.port(stack, "port", "Container port of the called service",
                                                8080).number))
    FargateService.allow_caller(callee, caller)
    rules = caller.firewall.rules + callee.firewall.rules
    stack.output("rule_ids", [rule.id for rule in rules], "Ids of the egress (caller) and ingress (callee) rules")
