"""What exists in a sandbox account, region by region: the region-wide half of the leak check.

moto has no account-wide listing, so each kind is listed with its own API, in every region a
run uses (global services once). What a fresh account already holds (default VPC and its parts,
default parameter groups, AWS managed policies) is removed by diffing against a baseline taken
before the run. Resources that AWS keeps visible for a while after deletion (INACTIVE ECS
clusters, deleted NAT gateways, KMS keys pending deletion, secrets scheduled for deletion) are
not listed, as they are not left behind.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

GLOBAL_REGION = "global"


@dataclass(frozen=True, order=True)
class Item:
    """One resource: service, kind, identifier (ARN, id or name), region (`global` for global services)."""

    service: str
    kind: str
    identifier: str
    region: str = GLOBAL_REGION

    def __str__(self) -> str:
        return f"{self.service} {self.kind} {self.identifier} ({self.region})"


@dataclass(frozen=True)
class Snapshot:
    """Everything found in some regions at one moment."""

    regions: tuple[str, ...]
    items: frozenset[Item]

    def new_in(self, later: Snapshot) -> list[Item]:
        """What `later` holds that this snapshot did not, sorted."""
        return sorted(later.items - self.items)


Lister = Callable[[Any], Iterable[tuple[str, str]]]  # client -> (kind, identifier)


def _simple(kind: str, call: str, key: str, field: str | None = None, keep: Callable[[dict], bool] | None = None,
            **kwargs: Any) -> Lister:
    def lister(client: Any) -> Iterator[tuple[str, str]]:
        for entry in getattr(client, call)(**kwargs).get(key, []):
            if keep is None or keep(entry):
                yield kind, entry[field] if field else entry
    return lister


def _alive(state_key: str, gone: tuple[str, ...] = ("deleted", "deleting")) -> Callable[[dict], bool]:
    return lambda entry: str(entry.get(state_key, "")).lower() not in gone


def _not_default(field: str) -> Callable[[dict], bool]:
    return lambda entry: not str(entry.get(field, "")).startswith("default")


def _ecs(client: Any) -> Iterator[tuple[str, str]]:
    clusters = client.list_clusters()["clusterArns"]
    for cluster in client.describe_clusters(clusters=clusters)["clusters"] if clusters else []:
        if cluster["status"] == "ACTIVE":  # deleted clusters stay listed as INACTIVE, as in AWS
            yield "cluster", cluster["clusterArn"]
            arns = client.list_services(cluster=cluster["clusterArn"])["serviceArns"]
            for service in client.describe_services(cluster=cluster["clusterArn"], services=arns)["services"] \
                    if arns else []:
                if service["status"] == "ACTIVE":  # deleted services stay listed as INACTIVE
                    yield "service", service["serviceArn"]
    for arn in client.list_task_definitions(status="ACTIVE")["taskDefinitionArns"]:
        yield "task-definition", arn


def _iam(client: Any) -> Iterator[tuple[str, str]]:
    for role in client.list_roles()["Roles"]:  # service-linked ones too: a stack may create them
        yield "role", role["Arn"]
    for policy in client.list_policies(Scope="Local")["Policies"]:
        yield "policy", policy["Arn"]
    for user in client.list_users()["Users"]:
        yield "user", user["Arn"]
    for group in client.list_groups()["Groups"]:
        yield "group", group["Arn"]
    for profile in client.list_instance_profiles()["InstanceProfiles"]:
        yield "instance-profile", profile["Arn"]


def _kms(client: Any) -> Iterator[tuple[str, str]]:
    """Customer keys and aliases; AWS managed keys (`alias/aws/<service>`, created by a service on first use and
    kept by AWS: https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key) are not leaks."""
    aliases = client.list_aliases()["Aliases"]
    managed = {a.get("TargetKeyId") for a in aliases if a["AliasName"].startswith("alias/aws/")}
    for key in client.list_keys()["Keys"]:
        metadata = client.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        if metadata["KeyState"] not in ("PendingDeletion", "PendingReplicaDeletion") and \
                metadata.get("KeyManager") != "AWS" and key["KeyId"] not in managed:
            yield "key", metadata["Arn"]
    for alias in aliases:
        if not alias["AliasName"].startswith("alias/aws/"):
            yield "alias", alias["AliasName"]


def _sns(client: Any) -> Iterator[tuple[str, str]]:
    for topic in client.list_topics()["Topics"]:
        yield "topic", topic["TopicArn"]
    for subscription in client.list_subscriptions()["Subscriptions"]:
        yield "subscription", subscription["SubscriptionArn"]


def _secrets(client: Any) -> Iterator[tuple[str, str]]:
    for secret in client.list_secrets()["SecretList"]:
        if "DeletedDate" not in secret:  # scheduled for deletion: gone for a leak check
            yield "secret", secret["Name"]


def _route53(client: Any) -> Iterator[tuple[str, str]]:
    for zone in client.list_hosted_zones()["HostedZones"]:
        yield "hosted-zone", zone["Id"]


def _autoscaling_targets(client: Any) -> Iterator[tuple[str, str]]:
    for namespace in ("ecs", "dynamodb", "rds"):
        for target in client.describe_scalable_targets(ServiceNamespace=namespace)["ScalableTargets"]:
            yield "scalable-target", f"{namespace}:{target['ResourceId']}:{target['ScalableDimension']}"


REGIONAL: dict[str, list[Lister]] = {
    "ec2": [_simple("vpc", "describe_vpcs", "Vpcs", "VpcId"),
            _simple("subnet", "describe_subnets", "Subnets", "SubnetId"),
            _simple("security-group", "describe_security_groups", "SecurityGroups", "GroupId"),
            _simple("internet-gateway", "describe_internet_gateways", "InternetGateways", "InternetGatewayId"),
            _simple("egress-only-internet-gateway", "describe_egress_only_internet_gateways",
                    "EgressOnlyInternetGateways", "EgressOnlyInternetGatewayId"),
            _simple("nat-gateway", "describe_nat_gateways", "NatGateways", "NatGatewayId", _alive("State")),
            _simple("elastic-ip", "describe_addresses", "Addresses", "AllocationId"),
            _simple("route-table", "describe_route_tables", "RouteTables", "RouteTableId"),
            _simple("network-acl", "describe_network_acls", "NetworkAcls", "NetworkAclId"),
            _simple("dhcp-options", "describe_dhcp_options", "DhcpOptions", "DhcpOptionsId"),
            _simple("vpc-endpoint", "describe_vpc_endpoints", "VpcEndpoints", "VpcEndpointId", _alive("State")),
            _simple("customer-gateway", "describe_customer_gateways", "CustomerGateways", "CustomerGatewayId",
                    _alive("State")),
            _simple("vpn-gateway", "describe_vpn_gateways", "VpnGateways", "VpnGatewayId", _alive("State")),
            _simple("flow-log", "describe_flow_logs", "FlowLogs", "FlowLogId"),
            _simple("key-pair", "describe_key_pairs", "KeyPairs", "KeyName"),
            _simple("launch-template", "describe_launch_templates", "LaunchTemplates", "LaunchTemplateId")],
    "elbv2": [_simple("load-balancer", "describe_load_balancers", "LoadBalancers", "LoadBalancerArn"),
              _simple("target-group", "describe_target_groups", "TargetGroups", "TargetGroupArn")],
    "ecs": [_ecs],
    "logs": [_simple("log-group", "describe_log_groups", "logGroups", "logGroupName"),
             _simple("query-definition", "describe_query_definitions", "queryDefinitions", "name")],
    "cloudwatch": [_simple("alarm", "describe_alarms", "MetricAlarms", "AlarmName")],
    "dynamodb": [_simple("table", "list_tables", "TableNames")],
    "rds": [_simple("db-instance", "describe_db_instances", "DBInstances", "DBInstanceIdentifier",
                    _alive("DBInstanceStatus")),
            _simple("db-subnet-group", "describe_db_subnet_groups", "DBSubnetGroups", "DBSubnetGroupName"),
            _simple("db-parameter-group", "describe_db_parameter_groups", "DBParameterGroups",
                    "DBParameterGroupName", _not_default("DBParameterGroupName"))],
    "elasticache": [_simple("cache-subnet-group", "describe_cache_subnet_groups", "CacheSubnetGroups",
                            "CacheSubnetGroupName", _not_default("CacheSubnetGroupName")),
                    _simple("cache-cluster", "describe_cache_clusters", "CacheClusters", "CacheClusterId",
                            _alive("CacheClusterStatus"))],
    "secretsmanager": [_secrets],
    "ssm": [_simple("parameter", "describe_parameters", "Parameters", "Name")],
    "kms": [_kms],
    "sqs": [_simple("queue", "list_queues", "QueueUrls")],
    "sns": [_sns],
    "servicediscovery": [_simple("namespace", "list_namespaces", "Namespaces", "Name"),
                         _simple("service", "list_services", "Services", "Name")],
    "application-autoscaling": [_autoscaling_targets],
    "guardduty": [_simple("detector", "list_detectors", "DetectorIds")],
    "ecr": [_simple("repository", "describe_repositories", "repositories", "repositoryName")],
    "codecommit": [_simple("repository", "list_repositories", "repositories", "repositoryName")],
    "codebuild": [_simple("project", "list_projects", "projects")],
    "codepipeline": [_simple("pipeline", "list_pipelines", "pipelines", "name")],
    "codedeploy": [_simple("application", "list_applications", "applications")],
}
GLOBAL: dict[str, list[Lister]] = {
    "iam": [_iam],
    "route53": [_route53],
    "s3": [_simple("bucket", "list_buckets", "Buckets", "Name")],
}


def inventory(client_for: Callable[..., Any], regions: Iterable[str]) -> Snapshot:
    """Everything the listers find with `client_for(service, region)` clients, in `regions` and global services."""
    regions = tuple(sorted(set(regions)))
    found: set[Item] = set()
    for where, listers_by_service in [(region, REGIONAL) for region in regions] + [(GLOBAL_REGION, GLOBAL)]:
        for service, listers in listers_by_service.items():
            client = client_for(service, regions[0] if where == GLOBAL_REGION else where)
            for lister in listers:
                found.update(Item(service, kind, identifier, where) for kind, identifier in lister(client))
    return Snapshot(regions, frozenset(found))
