"""alb: the internet-facing Application Load Balancer (generator.constructs.load_balancer.LoadBalancer)."""
from __future__ import annotations

from generator.constructs.load_balancer import LoadBalancer, LoadBalancerProps
from generator.modules import inputs
from generator.modules.base import ModuleStack

DESCRIPTION = """Internet-facing Application Load Balancer in the public subnets with its own security group
(no rules of its own), dropping invalid header fields.

Listeners belong to the services: the ecs-service-alb module adds a listener on its port, its target
group, and the security group rules between the load balancer and the service (as the stacks do,
one listener port per load-balanced service). Plain HTTP: HTTPS listeners with a certificate are
rendered by the stacks (`alb.certificate_arn`), not by this module. Deletion protection is on unless
`deletion_protection = false`. Fixed by this rendering: no access logs and no web ACL (the stacks
have `alb.access_logs` and `alb.waf`).
"""


def build(stack: ModuleStack) -> None:
    """Inputs -> LoadBalancer construct (no listeners) -> outputs."""
    name = stack.variable("name", "string", "Name of the load balancer (at most 32 characters)", validations=[
        ('can(regex("^[A-Za-z0-9]([A-Za-z0-9-]{0,30}[A-Za-z0-9])?$", var.name)) && !can(regex("^internal-", var.name))',
         "At most 32 letters, digits and hyphens, not starting or ending with a hyphen nor with 'internal-'.")])
    vpc = stack.variable("vpc_id", "string", "VPC of the load balancer")
    subnets = inputs.ids(stack, "subnet_ids", "Public subnets, in at least two availability zones", 2)
    idle = stack.variable("idle_timeout", "number", "Seconds a connection may be idle", 60, validations=[
        ("var.idle_timeout >= 1 && var.idle_timeout <= 4000", "Must be 1 to 4000 seconds.")])
    protection = stack.variable("deletion_protection", "bool", "Whether deletion is blocked (turn it off before "
                                                               "destroying the module)", True)
    inputs.tags(stack)
    alb = LoadBalancer(stack, "alb", LoadBalancerProps(name=name.string, vpc_id=vpc.string, subnet_ids=subnets.list,
                                                       idle_timeout=idle.number, ingress_cidrs=[],
                                                       deletion_protection=protection.value))
    stack.output("arn", alb.arn, "ARN of the load balancer")
    stack.output("arn_suffix", alb.arn_suffix, "ARN suffix (CloudWatch dimension, request-count scaling label)")
    stack.output("dns_name", alb.resource.dns_name, "DNS name of the load balancer")
    stack.output("zone_id", alb.resource.zone_id, "Route 53 hosted zone of the load balancer (alias records)")
    stack.output("security_group_id", alb.firewall.id, "Security group of the load balancer")
