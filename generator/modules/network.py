"""network: the VPC of the stacks (generator.constructs.network.Network)."""
from __future__ import annotations

from typing import get_args

from generator.aws import Aspects, Token
from generator.config.model import NetworkConfig
from generator.constructs.logs import EncryptLogGroups
from generator.constructs.network import Conditions, Network, NetworkProps
from generator.constructs.tokens import expression
from generator.modules import inputs
from generator.modules.base import ModuleStack

#: the config model's range of `network.az_count`; the minimum is the load balancer's: "[Application Load
#: Balancers] You must specify subnets from at least two Availability Zones"
#: (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateLoadBalancer.html)
_AZ_RULES = NetworkConfig.model_fields["az_count"].metadata
MIN_ZONES: int = next(r.ge for r in _AZ_RULES if hasattr(r, "ge"))
MAX_ZONES: int = next(r.le for r in _AZ_RULES if hasattr(r, "le"))
NAT_CHOICES = list(get_args(NetworkConfig.model_fields["nat"].annotation))
#: the flow log resources, created with `count` since `create_flow_logs` (their addresses gained `[0]`)
FLOW_LOG_ADDRESSES = ["aws_cloudwatch_log_group.network_flow_logs", "aws_iam_role.network_flow_logs_role",
                      "aws_iam_role_policy.network_flow_logs_policy", "aws_flow_log.network_flow_log"]
KEY_MISSING = "flow_log_kms_key_arn is required when create_flow_logs is true"

_MOVES = "\n".join(f"terraform state mv 'module.network.{a}' 'module.network.{a}[0]'" for a in FLOW_LOG_ADDRESSES)

DESCRIPTION = f"""VPC across `az_count` availability zones ({MIN_ZONES} to {MAX_ZONES}; an Application Load Balancer
needs subnets in at least two): a public subnet (load balancer, NAT gateway) and a private subnet (tasks,
databases) in each, one NAT gateway (`nat_gateways = "single"`, in the first zone) or one per zone
(`"per_az"`, each private route table routing to its own zone's), the default security group closed, and,
unless `create_flow_logs = false`, VPC flow logs to a log group encrypted with `flow_log_kms_key_arn` (e.g. the
logs module's key) and written by a role limited to that group.

The CIDR is split into 16 equal blocks: public subnets take the first ones, private subnets
from the ninth on (`cidrsubnet(var.cidr, 4, n)`). Zones are the region's first `az_count` available
ones, by index: a region with fewer fails the plan ("Invalid index" on `names[n]`) rather than putting two
subnets in one zone. The resources of the first {MIN_ZONES} zones have plain addresses; those of the further
zones, the per-zone NAT gateways and the flow log resources are created with `count`.

Upgrading from a version without `create_flow_logs`: the flow log resources gained `count`, and Terraform
takes an existing object without an index as instance `[0]` of a resource that gained `count` ("Terraform
automatically proposes to move the original object to instance zero",
https://developer.hashicorp.com/terraform/language/modules/develop/refactoring), Terraform 1.0 included
(applied in the suite: the earlier addresses plan no change). No state action is needed; Terraform 1.0 has no
`moved` blocks, so if your plan does propose to replace them, move them (with your module call's name):

```sh
{_MOVES}
```
"""


def build(stack: ModuleStack) -> None:
    """Inputs -> Network construct (every zone laid out, the optional ones counted) -> outputs."""
    name = inputs.name(stack, "name", "Name of the VPC; prefix of its resources' names")
    cidr = stack.variable("cidr", "string", "IPv4 CIDR block of the VPC (/16 to /24)", "10.0.0.0/16", validations=[
        ("can(cidrnetmask(var.cidr)) && try(cidrsubnet(var.cidr, 0, 0) == var.cidr, false)",
         "Must be an IPv4 network in CIDR notation with no host bits set, e.g. 10.0.0.0/16."),
        ('can(regex("/(1[6-9]|2[0-4])$", var.cidr))', "Must have a prefix length from /16 to /24.")])
    stack.variable("az_count", "number", "Availability zones with a public and a private subnet each",
                   MIN_ZONES, validations=[
        (f"var.az_count >= {MIN_ZONES} && var.az_count <= {MAX_ZONES} && floor(var.az_count) == var.az_count",
         f"Must be a whole number from {MIN_ZONES} to {MAX_ZONES} (an Application Load Balancer needs subnets "
         f"in at least two zones).")])
    stack.variable("nat_gateways", "string", "NAT gateways: one in the first zone (single) or one per zone "
                   "(per_az)", NAT_CHOICES[0], validations=[
        (f"contains({inputs.hcl(NAT_CHOICES)}, var.nat_gateways)", f"Must be one of {', '.join(NAT_CHOICES)}.")])
    stack.variable("create_flow_logs", "bool", "Log all the VPC's traffic to a KMS-encrypted CloudWatch Logs group",
                   True)
    retention = inputs.retention(stack, "flow_log_retention_days", "Days the VPC flow log group keeps events")
    stack.variable("flow_log_kms_key_arn", "string", "KMS key that encrypts the flow log group (the logs module's "
                   "kms_key_arn); required when create_flow_logs is true", None, validations=[
        ('var.flow_log_kms_key_arn == null || can(regex("^arn:aws[a-z-]*:kms:", var.flow_log_kms_key_arn))',
         "Must be an ARN (arn:aws[a-z-]*:kms:...).")])
    inputs.tags(stack)
    # Terraform 1.0 validates each variable alone: the key's absence fails where the log group needs it
    key = Token.as_string(expression(
        f'var.flow_log_kms_key_arn != null ? var.flow_log_kms_key_arn : tobool("{KEY_MISSING}")'))
    Aspects.of(stack).add(EncryptLogGroups(key))
    per_az = 'var.nat_gateways == "per_az"'
    conditions = Conditions(
        zone=lambda i: None if i < MIN_ZONES else f"var.az_count > {i}",
        own_nat=lambda i: None if i == 0 else per_az if i < MIN_ZONES else f"{per_az} && var.az_count > {i}",
        flow_logs="var.create_flow_logs")
    network = Network(stack, "network", NetworkProps(
        name=name.string, cidr=cidr.string, az_count=MAX_ZONES, nat="per_az",
        flow_log_retention_days=retention.number, conditions=conditions), ctx=stack.context(account=True))
    stack.output("vpc_id", network.vpc.id, "VPC id")
    stack.output("vpc_cidr_block", network.vpc.cidr_block, "CIDR block of the VPC")
    stack.output("public_subnet_ids", network.public_subnet_ids, "Public subnet ids (load balancer, NAT), one per zone")
    stack.output("private_subnet_ids", network.private_subnet_ids, "Private subnet ids (tasks, databases), one per "
                 "zone")
