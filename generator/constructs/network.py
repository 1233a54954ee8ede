"""VPC across N availability zones: public subnets (ALB, NAT) and private subnets (tasks, RDS), flow logs."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.aws import (
    CloudwatchLogGroup,
    Construct,
    DataAwsAvailabilityZones,
    DefaultSecurityGroup,
    Eip,
    FlowLog,
    Fn,
    IamRole,
    IamRolePolicy,
    InternetGateway,
    NatGateway,
    Route,
    RouteTable,
    RouteTableAssociation,
    Subnet,
    Vpc,
)
from generator.constructs.checks import suppress
from generator.constructs.context import StackContext
from generator.constructs.iam import assume_role_policy, policy_document
from generator.constructs.logs import RETENTION_REASON
from generator.constructs.tokens import cidr_subnet
from generator.targets import Feature

#: the delivery role's actions (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html); the
#: group's streams (DescribeLogGroups has no resource types, so it gets "*" in its own statement)
FLOW_LOG_ACTIONS = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]


def subnet_cidrs(cidr: str, az_count: int) -> tuple[list[str], list[str]]:
    """Split the VPC into 16 equal blocks: public subnets first, private from the 9th block."""
    return [cidr_subnet(cidr, 4, i) for i in range(az_count)], [cidr_subnet(cidr, 4, 8 + i) for i in range(az_count)]


@dataclass(frozen=True)
class NetworkProps:
    """The VPC. Defaults: 10.0.0.0/16 over 2 zones, one NAT gateway, flow logs kept 30 days."""

    name: str
    cidr: str = "10.0.0.0/16"
    az_count: int = 2
    nat: str = "single"  # or "per_az"
    flow_log_retention_days: Any = 30


class Network(Construct):
    """VPC (default security group closed, flow logs on), internet gateway, NAT gateway(s), subnets, routes."""

    def __init__(self, scope: Construct, id_: str, props: NetworkProps, *, ctx: StackContext):
        super().__init__(scope, id_)
        target = ctx.target
        name = props.name
        self.cidr = props.cidr
        zones = DataAwsAvailabilityZones(self, "zones", state="available")
        suppress(zones, "CKV_AWS_394", "subnets use the first az_count zones by name; a new zone does not move them")
        self.vpc = Vpc(self, "vpc", cidr_block=props.cidr, enable_dns_hostnames=True, enable_dns_support=True,
                       tags={"Name": name})
        # no rules: nothing may use the default security group
        DefaultSecurityGroup(self, "default-sg", vpc_id=self.vpc.id, tags={"Name": f"{name}-default-closed"})
        self._flow_logs(name, props.flow_log_retention_days, ctx)
        igw = InternetGateway(self, "igw", vpc_id=self.vpc.id, tags={"Name": name})
        public_cidrs, private_cidrs = subnet_cidrs(props.cidr, props.az_count)
        public_rt = RouteTable(self, "public-rt", vpc_id=self.vpc.id, tags={"Name": f"{name}-public"})
        Route(self, "public-default", route_table_id=public_rt.id, destination_cidr_block="0.0.0.0/0",
              gateway_id=igw.id)
        self.public_subnets: list[Subnet] = []
        self.private_subnets: list[Subnet] = []
        nats: list[NatGateway] = []
        for i, (pub, priv) in enumerate(zip(public_cidrs, private_cidrs, strict=True)):
            az = Fn.element(zones.names, i)
            public = Subnet(self, f"public-{i}", vpc_id=self.vpc.id, cidr_block=pub, availability_zone=az,
                            map_public_ip_on_launch=False, tags={"Name": f"{name}-public-{i}", "Tier": "public"})
            RouteTableAssociation(self, f"public-{i}-rta", subnet_id=public.id, route_table_id=public_rt.id)
            self.public_subnets.append(public)
            if i == 0 or props.nat == "per_az":
                domain = target.supports(Feature.EIP_DOMAIN)
                eip = Eip(self, f"nat-{i}-eip", tags={"Name": f"{name}-nat-{i}"},
                          **({"domain": "vpc"} if domain else {}))
                if not domain:
                    eip.add_override("vpc", True)
                nats.append(NatGateway(self, f"nat-{i}", allocation_id=eip.id, subnet_id=public.id,
                                       tags={"Name": f"{name}-nat-{i}"}, depends_on=[igw]))
            private = Subnet(self, f"private-{i}", vpc_id=self.vpc.id, cidr_block=priv, availability_zone=az,
                             tags={"Name": f"{name}-private-{i}", "Tier": "private"})
            rt = RouteTable(self, f"private-{i}-rt", vpc_id=self.vpc.id, tags={"Name": f"{name}-private-{i}"})
            Route(self, f"private-{i}-default", route_table_id=rt.id, destination_cidr_block="0.0.0.0/0",
                  nat_gateway_id=nats[-1].id)
            RouteTableAssociation(self, f"private-{i}-rta", subnet_id=private.id, route_table_id=rt.id)
            self.private_subnets.append(private)

    def _flow_logs(self, name: str, retention_days: int, ctx: StackContext) -> None:
        """All traffic of the VPC to a CloudWatch log group, delivered by a role limited to that group."""
        group = CloudwatchLogGroup(self, "flow-logs", name=f"/vpc/{name}/flow-logs", retention_in_days=retention_days)
        suppress(group, "CKV_AWS_338", RETENTION_REASON)
        role = IamRole(self, "flow-logs-role", name=f"{name}-vpc-flow-logs", description="VPC flow log delivery",
                       assume_role_policy=assume_role_policy(  # this account's flow logs only
                           "vpc-flow-logs.amazonaws.com", account_id=ctx.account_id,
                           source_arn=ctx.arn("ec2", "vpc-flow-log/*")))
        IamRolePolicy(self, "flow-logs-policy", name=f"{name}-vpc-flow-logs", role=role.id, policy=policy_document([
            {"Sid": "DeliverFlowLogs", "Effect": "Allow", "Action": FLOW_LOG_ACTIONS,
             "Resource": [group.arn, f"{group.arn}:*"]},
            {"Sid": "FindLogGroups", "Effect": "Allow", "Action": ["logs:DescribeLogGroups"], "Resource": ["*"]}]))
        FlowLog(self, "flow-log", vpc_id=self.vpc.id, traffic_type="ALL", log_destination_type="cloud-watch-logs",
                log_destination=group.arn, iam_role_arn=role.arn, tags={"Name": f"{name}-flow-logs"})

    @property
    def public_subnet_ids(self) -> list[str]:
        return [s.id for s in self.public_subnets]

    @property
    def private_subnet_ids(self) -> list[str]:
        return [s.id for s in self.private_subnets]
