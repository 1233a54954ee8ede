"""The service modules' security groups: the tasks' own group (created by default) with `egress_rules`, groups the
caller brings (`security_group_ids`, the only ones with `create_security_group = false`), and the load balancer's
rules to the tasks.

Without the created group the module adds no rule to the caller's groups (they are the caller's: a rule the caller
also writes would be a duplicate AWS refuses), so they must admit the container port from the load balancer's
group themselves; the module still adds the load balancer's egress to each given group, since the load balancer's
group is the alb module's and admits no traffic out otherwise.
"""
from __future__ import annotations

from generator.aws import SecurityGroupRule, Token
from generator.config.aws_rules import names
from generator.constructs.load_balancer import LoadBalancerBase
from generator.constructs.security import HTTPS_OUT
from generator.constructs.service import FargateService
from generator.constructs.tokens import expression, reference, splat, when
from generator.modules.base import ModuleStack, unless_error
from generator.modules.inputs import hcl

CREATE = "var.create_security_group"
CIDR = "can(cidrnetmask(c)) && try(cidrsubnet(c, 0, 0) == c, false)"


def declare(stack: ModuleStack) -> None:
    """The security group inputs."""
    stack.variable("create_security_group", "bool", "Whether the module creates the tasks' security group "
                   "(egress_rules out, the load balancer's traffic in); false: the tasks get only "
                   "security_group_ids, which must admit container_port from the load balancer themselves", True)
    stack.variable("security_group_ids", "list(string)", "Security groups attached to the tasks besides the "
                   "created one (with create_security_group = false the only ones: at least one)", [], validations=[
        ('alltrue([for id in var.security_group_ids : can(regex("^sg-[0-9a-f]+$", id))])',
         "Each must be a security group id (sg-...).")])
    # IpRange Description: "Up to 255 characters in length. Allowed characters are a-z, A-Z, 0-9, spaces, and
    # ._-:/()#,@[]+=&;{}!$*" https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpRange.html
    charset = names()["security_group"].charset
    assert charset is not None
    stack.variable(
        "egress_rules", "list(object({description = string, port = number, cidr_blocks = list(string)}))",
        "What the tasks may reach: TCP port to IPv4 networks, each rule with a description (the created group "
        "only)", [{"description": HTTPS_OUT.description, "port": HTTPS_OUT.port, "cidr_blocks": list(HTTPS_OUT.cidrs)}],
        validations=[
            ("alltrue([for r in var.egress_rules : r.port >= 1 && r.port <= 65535 && floor(r.port) == r.port])",
             "Each port must be a whole number from 1 to 65535."),
            (f"alltrue([for r in var.egress_rules : length(r.cidr_blocks) >= 1 && alltrue([for c in r.cidr_blocks "
             f": {CIDR}])])",
             "Each rule needs IPv4 networks in CIDR notation with no host bits set, e.g. 10.0.0.0/16."),
            (f"alltrue([for r in var.egress_rules : can(regex({hcl('^' + charset + '{1,255}$')}, r.description))])",
             "Each description takes 1 to 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* characters.")])


def attach(stack: ModuleStack, service: FargateService, balancer: LoadBalancerBase | None, port: float) -> str:
    """Create the service's group and its rules only with create_security_group; the tasks' groups; the created
    group's id (null without it)."""
    group = when(service.firewall.group, CREATE)
    group_id = reference(group, "id")
    # the construct's rules: its one egress rule (ServiceProps.egress left at its default), then the load balancer's
    # traffic in; both keep the addresses they had before these inputs existed
    egress, *inbound = service.firewall.rules
    assert egress.type_input == "egress" and all(rule.type_input == "ingress" for rule in inbound)
    for rule in inbound:
        when(rule, CREATE).security_group_id = group_id
    # one rule per egress_rules entry at the construct rule's address: an earlier version's unkeyed rule is taken
    # as [0] (https://developer.hashicorp.com/terraform/language/modules/develop/refactoring), no rule is replaced
    entry = "var.egress_rules[count.index]"
    egress.count = Token.as_number(expression(f"{CREATE} ? length(var.egress_rules) : 0"))
    egress.security_group_id = group_id
    egress.from_port = egress.to_port = Token.as_number(expression(f"{entry}.port"))
    egress.cidr_blocks = Token.as_list(expression(f"{entry}.cidr_blocks"))
    egress.description = Token.as_string(expression(f"{entry}.description"))
    groups = unless_error(f"{CREATE} || length(var.security_group_ids) > 0",
                          f"concat({splat(group, 'id')}, var.security_group_ids)",
                          "security_group_ids: give at least one security group when create_security_group = false.")
    service.service.add_override("network_configuration.security_groups", expression(groups))
    if service.alb_egress is not None and balancer is not None:
        when(service.alb_egress, CREATE).source_security_group_id = group_id
        given = SecurityGroupRule(
            stack, "alb-egress-given", type="egress", security_group_id=balancer.firewall.id, protocol="tcp",
            from_port=port, to_port=port, description=f"to service {service.name} (its security_group_ids)",
            source_security_group_id=Token.as_string(expression("var.security_group_ids[count.index]")))
        given.count = Token.as_number(expression(f"{CREATE} ? 0 : length(var.security_group_ids)"))
    return group_id
