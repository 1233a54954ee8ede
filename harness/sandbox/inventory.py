"""What exists in a sandbox account, for the leak check after `terraform destroy`.

moto has no account-wide listing that covers our services, so each kind is listed with its
own API. Things that exist in a fresh account (default VPC and its parts, AWS managed
policies) are removed by diffing against a baseline taken before the run.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable


@dataclass(frozen=True, order=True)
class Item:
    """One resource: service, kind, identifier (ARN, id or name)."""

    service: str
    kind: str
    identifier: str


def _ec2(client: Any) -> Iterable[Item]:
    for vpc in client.describe_vpcs()["Vpcs"]:
        yield Item("ec2", "vpc", vpc["VpcId"])
    for subnet in client.describe_subnets()["Subnets"]:
        yield Item("ec2", "subnet", subnet["SubnetId"])
    for group in client.describe_security_groups()["SecurityGroups"]:
        yield Item("ec2", "security-group", group["GroupId"])
    for igw in client.describe_internet_gateways()["InternetGateways"]:
        yield Item("ec2", "internet-gateway", igw["InternetGatewayId"])
    for nat in client.describe_nat_gateways()["NatGateways"]:
        if nat["State"] not in ("deleted", "deleting"):
            yield Item("ec2", "nat-gateway", nat["NatGatewayId"])
    for address in client.describe_addresses()["Addresses"]:
        yield Item("ec2", "elastic-ip", address["AllocationId"])
    for table in client.describe_route_tables()["RouteTables"]:
        yield Item("ec2", "route-table", table["RouteTableId"])


def _ecs(client: Any) -> Iterable[Item]:
    clusters = client.list_clusters()["clusterArns"]
    for cluster in client.describe_clusters(clusters=clusters)["clusters"] if clusters else []:
        if cluster["status"] == "ACTIVE":  # deleted clusters stay listed as INACTIVE, as in AWS
            yield Item("ecs", "cluster", cluster["clusterArn"])
            arns = client.list_services(cluster=cluster["clusterArn"])["serviceArns"]
            for service in client.describe_services(cluster=cluster["clusterArn"], services=arns)["services"] \
                    if arns else []:
                if service["status"] == "ACTIVE":  # deleted services stay listed as INACTIVE
                    yield Item("ecs", "service", service["serviceArn"])
    for arn in client.list_task_definitions(status="ACTIVE")["taskDefinitionArns"]:
        yield Item("ecs", "task-definition", arn)


def _simple(service: str, kind: str, call: str, key: str, field: str | None = None,
            **kwargs: Any) -> Callable[[Any], Iterable[Item]]:
    def lister(client: Any) -> Iterable[Item]:
        for entry in getattr(client, call)(**kwargs)[key]:
            yield Item(service, kind, entry[field] if field else entry)
    return lister


def _iam(client: Any) -> Iterable[Item]:
    for role in client.list_roles()["Roles"]:  # service-linked ones too: a stack may create them
        yield Item("iam", "role", role["Arn"])
    for policy in client.list_policies(Scope="Local")["Policies"]:
        yield Item("iam", "policy", policy["Arn"])


def _s3(client: Any) -> Iterable[Item]:
    for bucket in client.list_buckets()["Buckets"]:
        yield Item("s3", "bucket", bucket["Name"])


LISTERS: dict[str, list[Callable[[Any], Iterable[Item]]]] = {
    "ec2": [_ec2],
    "elbv2": [_simple("elbv2", "load-balancer", "describe_load_balancers", "LoadBalancers", "LoadBalancerArn"),
              _simple("elbv2", "target-group", "describe_target_groups", "TargetGroups", "TargetGroupArn")],
    "ecs": [_ecs],
    "iam": [_iam],
    "logs": [_simple("logs", "log-group", "describe_log_groups", "logGroups", "logGroupName"),
             _simple("logs", "query-definition", "describe_query_definitions", "queryDefinitions", "name")],
    "dynamodb": [_simple("dynamodb", "table", "list_tables", "TableNames")],
    "rds": [_simple("rds", "db-instance", "describe_db_instances", "DBInstances", "DBInstanceIdentifier"),
            _simple("rds", "db-subnet-group", "describe_db_subnet_groups", "DBSubnetGroups", "DBSubnetGroupName")],
    "secretsmanager": [_simple("secretsmanager", "secret", "list_secrets", "SecretList", "Name")],
    "ssm": [_simple("ssm", "parameter", "describe_parameters", "Parameters", "Name")],
    "servicediscovery": [_simple("servicediscovery", "namespace", "list_namespaces", "Namespaces", "Name"),
                         _simple("servicediscovery", "service", "list_services", "Services", "Name")],
    "application-autoscaling": [_simple("application-autoscaling", "scalable-target", "describe_scalable_targets",
                                        "ScalableTargets", "ResourceId", ServiceNamespace="ecs")],
    "guardduty": [_simple("guardduty", "detector", "list_detectors", "DetectorIds")],
    "ecr": [_simple("ecr", "repository", "describe_repositories", "repositories", "repositoryName")],
    "s3": [_s3],
    "codecommit": [_simple("codecommit", "repository", "list_repositories", "repositories", "repositoryName")],
    "codebuild": [_simple("codebuild", "project", "list_projects", "projects")],
    "codepipeline": [_simple("codepipeline", "pipeline", "list_pipelines", "pipelines", "name")],
    "codedeploy": [_simple("codedeploy", "application", "list_applications", "applications")],
}


def inventory(client_for: Callable[[str], Any]) -> set[Item]:
    """Everything the listers find, using `client_for(service)` clients."""
    found: set[Item] = set()
    for service, listers in LISTERS.items():
        client = client_for(service)
        for lister in listers:
            found.update(lister(client))
    return found


def leaks(baseline: set[Item], current: set[Item]) -> list[Item]:
    """What exists now that did not exist at the baseline, sorted."""
    return sorted(current - baseline)
