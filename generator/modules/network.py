"""network: the VPC of the stacks (generator.constructs.network.Network)."""
from __future__ import annotations

from generator.aws import Aspects
from generator.constructs.logs import EncryptLogGroups
from generator.constructs.network import Network, NetworkProps
from generator.modules import inputs
from generator.modules.base import ModuleStack

AZ_COUNT = 2

DESCRIPTION = f"""VPC across {AZ_COUNT} availability zones: public subnets (load balancer, NAT gateway) and private
subnets (tasks, databases), one NAT gateway, the default security group closed, and VPC flow logs
to a KMS-encrypted log group written by a role limited to that group.

The CIDR is split into 16 equal blocks: public subnets take the first ones, private subnets
from the ninth on (`cidrsubnet(var.cidr, 4, n)`).

Fixed by this rendering: {AZ_COUNT} zones and a single NAT gateway (the workshop's layout; the
subnets are laid out when the module is rendered, not with `count`), and flow logs always on,
encrypted with `flow_log_kms_key_arn` (e.g. the logs module's key).
"""


def build(stack: ModuleStack) -> None:
    """Inputs -> Network construct -> outputs."""
    name = inputs.name(stack, "name", "Name of the VPC; prefix of its resources' names")
    cidr = stack.variable("cidr", "string", "IPv4 CIDR block of the VPC (/16 to /24)", "10.0.0.0/16", validations=[
        ("can(cidrnetmask(var.cidr)) && try(cidrsubnet(var.cidr, 0, 0) == var.cidr, false)",
         "Must be an IPv4 network in CIDR notation with no host bits set, e.g. 10.0.0.0/16."),
        ('can(regex("/(1[6-9]|2[0-4])$", var.cidr))', "Must have a prefix length from /16 to /24.")])
    retention = inputs.retention(stack, "flow_log_retention_days", "Days the VPC flow log group keeps events")
    key = inputs.arn(stack, "flow_log_kms_key_arn", "KMS key that encrypts the flow log group (the logs module's "
                                                    "kms_key_arn)", "kms")
    inputs.tags(stack)
    Aspects.of(stack).add(EncryptLogGroups(key.string))
    network = Network(stack, "network", NetworkProps(name=name.string, cidr=cidr.string, az_count=AZ_COUNT,
                                                     nat="single", flow_log_retention_days=retention.number),
                      ctx=stack.context(account=True))
    stack.output("vpc_id", network.vpc.id, "VPC id")
    stack.output("vpc_cidr_block", network.vpc.cidr_block, "CIDR block of the VPC")
    stack.output("public_subnet_ids", network.public_subnet_ids, "Public subnet ids (load balancer, NAT)")
    stack.output("private_subnet_ids", network.private_subnet_ids, "Private subnet ids (tasks, databases)")
