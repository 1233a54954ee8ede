"""VPC across N availability zones: public subnets (ALB, NAT) and private subnets (tasks, RDS), flow logs."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from generator.aws import (
    CloudwatchLogGroup,
    Construct,
    DataAwsAvailabilityZones,
    DefaultSecurityGroup,
    Eip,
    FlowLog,
    IamRole,
    IamRolePolicy,
    InternetGateway,
    NatGateway,
    Route,
    RouteTable,
    RouteTableAssociation,
    Subnet,
    TerraformResource,
    Token,
    Vpc,
)
from generator.constructs.checks import suppress
from generator.constructs.context import StackContext
from generator.constructs.iam import assume_role_policy, policy_document
from generator.constructs.logs import RETENTION_REASON
from generator.constructs.tokens import attribute, cidr_subnet, expression, splat, when
from generator.targets import Feature

#: the delivery role's actions (https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-iam-role.html); the
#: group's streams (DescribeLogGroups has no resource types, so it gets "*" in its own statement)
FLOW_LOG_ACTIONS = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
R = TypeVar("R", bound=TerraformResource)


def subnet_cidrs(cidr: str, az_count: int) -> tuple[list[str], list[str]]:
    """Split the VPC into 16 equal blocks: public subnets first, private from the 9th block."""
    return [cidr_subnet(cidr, 4, i) for i in range(az_count)], [cidr_subnet(cidr, 4, 8 + i) for i in range(az_count)]


def _always(_zone: int) -> str | None:
    return None


@dataclass(frozen=True)
class Conditions:
    """Terraform conditions (HCL) under which a module creates parts of the laid-out network (`count`); None:
    always. The stacks lay out exactly what they create and leave these at their defaults."""

    zone: Callable[[int], str | None] = _always  # zone i's subnets, route tables and routes
    own_nat: Callable[[int], str | None] = _always  # zone i's NAT gateway and address (nat = "per_az" lays them out)
    flow_logs: str | None = None  # the flow log, its group and its role


@dataclass(frozen=True)
class NetworkProps:
    """The VPC. Defaults: 10.0.0.0/16 over 2 zones, one NAT gateway, flow logs kept 30 days."""

    name: str
    cidr: str = "10.0.0.0/16"
    az_count: int = 2
    nat: str = "single"  # or "per_az"
    flow_log_retention_days: Any = 30
    conditions: Conditions = field(default_factory=Conditions)


class Network(Construct):
    """VPC (default security group closed, flow logs on), internet gateway, NAT gateway(s), subnets, routes."""

    def __init__(self, scope: Construct, id_: str, props: NetworkProps, *, ctx: StackContext):
        super().__init__(scope, id_)
        target = ctx.target
        name = props.name
        conditions = props.conditions
        self.cidr = props.cidr
        self._counted: set[str] = set()  # construct paths of the resources created on a condition
        zones = DataAwsAvailabilityZones(self, "zones", state="available")
        suppress(zones, "CKV_AWS_394", "subnets use the first az_count zones by name; a new zone does not move them")
        self.vpc = Vpc(self, "vpc", cidr_block=props.cidr, enable_dns_hostnames=True, enable_dns_support=True,
                       tags={"Name": name})
        # no rules: nothing may use the default security group
        DefaultSecurityGroup(self, "default-sg", vpc_id=self.vpc.id, tags={"Name": f"{name}-default-closed"})
        self._flow_logs(name, props.flow_log_retention_days, ctx, conditions.flow_logs)
        igw = InternetGateway(self, "igw", vpc_id=self.vpc.id, tags={"Name": name})
        public_cidrs, private_cidrs = subnet_cidrs(props.cidr, props.az_count)
        public_rt = RouteTable(self, "public-rt", vpc_id=self.vpc.id, tags={"Name": f"{name}-public"})
        Route(self, "public-default", route_table_id=public_rt.id, destination_cidr_block="0.0.0.0/0",
              gateway_id=igw.id)
        self.public_subnets: list[Subnet] = []
        self.private_subnets: list[Subnet] = []
        first_nat: NatGateway | None = None
        for i, (pub, priv) in enumerate(zip(public_cidrs, private_cidrs, strict=True)):
            zone = conditions.zone(i)
            # an index, not element(): a region with fewer zones fails the plan instead of wrapping around
            # and putting two subnets of the VPC in one zone
            az = Token.as_string(expression(f"data.{zones.terraform_resource_type}.{zones.friendly_unique_id}"
                                            f".names[{i}]"))
            public = self._create(Subnet(
                self, f"public-{i}", vpc_id=self.vpc.id, cidr_block=pub, availability_zone=az,
                map_public_ip_on_launch=False, tags={"Name": f"{name}-public-{i}", "Tier": "public"}), zone)
            self._create(RouteTableAssociation(self, f"public-{i}-rta", subnet_id=self._ref(public, "id"),
                                               route_table_id=public_rt.id), zone)
            self.public_subnets.append(public)
            nat: NatGateway | None = None
            own = conditions.own_nat(i)
            if i == 0 or props.nat == "per_az":
                domain = target.supports(Feature.EIP_DOMAIN)
                eip = self._create(Eip(self, f"nat-{i}-eip", tags={"Name": f"{name}-nat-{i}"},
                                       **({"domain": "vpc"} if domain else {})), own)
                if not domain:
                    eip.add_override("vpc", True)
                nat = self._create(NatGateway(self, f"nat-{i}", allocation_id=self._ref(eip, "id"),
                                              subnet_id=self._ref(public, "id"), tags={"Name": f"{name}-nat-{i}"},
                                              depends_on=[igw]), own)
                first_nat = first_nat or nat
            assert first_nat is not None  # zone 0 always has one
            private = self._create(Subnet(
                self, f"private-{i}", vpc_id=self.vpc.id, cidr_block=priv, availability_zone=az,
                tags={"Name": f"{name}-private-{i}", "Tier": "private"}), zone)
            rt = self._create(RouteTable(self, f"private-{i}-rt", vpc_id=self.vpc.id,
                                         tags={"Name": f"{name}-private-{i}"}), zone)
            self._create(Route(self, f"private-{i}-default", route_table_id=self._ref(rt, "id"),
                               destination_cidr_block="0.0.0.0/0",
                               nat_gateway_id=self._nat_id(nat, own, first_nat)), zone)
            self._create(RouteTableAssociation(self, f"private-{i}-rta", subnet_id=self._ref(private, "id"),
                                               route_table_id=self._ref(rt, "id")), zone)
            self.private_subnets.append(private)

    def _flow_logs(self, name: str, retention_days: int, ctx: StackContext, condition: str | None) -> None:
        """All traffic of the VPC to a CloudWatch log group, delivered by a role limited to that group."""
        group = self._create(CloudwatchLogGroup(self, "flow-logs", name=f"/vpc/{name}/flow-logs",
                                                retention_in_days=retention_days), condition)
        suppress(group, "CKV_AWS_338", RETENTION_REASON)
        role = self._create(IamRole(
            self, "flow-logs-role", name=f"{name}-vpc-flow-logs", description="VPC flow log delivery",
            assume_role_policy=assume_role_policy(  # this account's flow logs only
                "vpc-flow-logs.amazonaws.com", account_id=ctx.account_id,
                source_arn=ctx.arn("ec2", "vpc-flow-log/*"))), condition)
        group_arn = self._ref(group, "arn")
        self._create(IamRolePolicy(
            self, "flow-logs-policy", name=f"{name}-vpc-flow-logs", role=self._ref(role, "id"), policy=policy_document([
                {"Sid": "DeliverFlowLogs", "Effect": "Allow", "Action": FLOW_LOG_ACTIONS,
                 "Resource": [group_arn, f"{group_arn}:*"]},
                {"Sid": "FindLogGroups", "Effect": "Allow", "Action": ["logs:DescribeLogGroups"], "Resource": ["*"]}])),
            condition)
        self._create(FlowLog(
            self, "flow-log", vpc_id=self.vpc.id, traffic_type="ALL", log_destination_type="cloud-watch-logs",
            log_destination=group_arn, iam_role_arn=self._ref(role, "arn"), tags={"Name": f"{name}-flow-logs"}),
            condition)

    def _nat_id(self, nat: NatGateway | None, condition: str | None, first: NatGateway) -> str:
        """The NAT gateway a zone's private route uses: its own, else (none laid out, or its condition false) the
        first zone's."""
        if nat is None:
            return first.id
        if condition is None:
            return nat.id
        return Token.as_string(expression(f"{condition} ? {attribute(nat, 'id')} : {self._hcl(first, 'id')}"))

    def _create(self, resource: R, condition: str | None) -> R:
        """`resource`, created only if `condition` holds (None: always)."""
        if condition is not None:
            when(resource, condition)
            self._counted.add(resource.node.path)
        return resource

    def _hcl(self, resource: TerraformResource, name: str) -> str:
        """A reference to an attribute (HCL): `one(x[*].name)` for a resource created on a condition."""
        if resource.node.path in self._counted:
            return attribute(resource, name)
        return f"{resource.terraform_resource_type}.{resource.friendly_unique_id}.{name}"

    def _ref(self, resource: TerraformResource, name: str) -> str:
        """`resource.<name>` as a value, for a resource created on a condition too."""
        if resource.node.path in self._counted:
            return Token.as_string(expression(attribute(resource, name)))
        return getattr(resource, name)

    def _ids(self, subnets: list[Subnet]) -> Any:
        """The ids of the created subnets: a list, or `concat(...)` of their splats when some are conditional."""
        if not any(s.node.path in self._counted for s in subnets):
            return [s.id for s in subnets]
        parts = [splat(s, "id") if s.node.path in self._counted else f"[{self._hcl(s, 'id')}]" for s in subnets]
        return Token.as_list(expression(f"concat({', '.join(parts)})"))

    @property
    def public_subnet_ids(self) -> list[str]:
        return self._ids(self.public_subnets)

    @property
    def private_subnet_ids(self) -> list[str]:
        return self._ids(self.private_subnets)
