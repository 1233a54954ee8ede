"""Per-service inventory collectors (boto3 list/describe calls against the sandbox).

Tags are filled where the list/describe reply carries them or one cheap call
per resource gives them; otherwise they are empty.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from botocore.exceptions import ClientError

from .inventory import ClientFactory, Resource

Collector = Callable[[ClientFactory], Iterator[Resource]]


def _items(client: Any, operation: str, key: str, **params: Any) -> Iterator[dict[str, Any]]:
    """Yield list items of `operation`, following pagination when boto3 supports it."""
    if client.can_paginate(operation):
        for page in client.get_paginator(operation).paginate(**params):
            yield from page.get(key, [])
    else:
        yield from getattr(client, operation)(**params).get(key, [])


def _tag_dict(tags: Iterable[Mapping[str, str]] | None, key: str = "Key", value: str = "Value") -> dict[str, str]:
    return {tag[key]: tag.get(value, "") for tag in tags or []}


def _chunks(values: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def ec2(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("ec2")
    kinds = (
        ("describe_vpcs", "Vpcs", "vpc", "VpcId"),
        ("describe_subnets", "Subnets", "subnet", "SubnetId"),
        ("describe_security_groups", "SecurityGroups", "security-group", "GroupId"),
        ("describe_route_tables", "RouteTables", "route-table", "RouteTableId"),
        ("describe_internet_gateways", "InternetGateways", "internet-gateway", "InternetGatewayId"),
        ("describe_network_acls", "NetworkAcls", "network-acl", "NetworkAclId"),
        ("describe_nat_gateways", "NatGateways", "nat-gateway", "NatGatewayId"),
        ("describe_addresses", "Addresses", "elastic-ip", "AllocationId"),
        ("describe_vpc_endpoints", "VpcEndpoints", "vpc-endpoint", "VpcEndpointId"),
        ("describe_network_interfaces", "NetworkInterfaces", "network-interface", "NetworkInterfaceId"),
    )
    for operation, key, kind, id_key in kinds:
        for item in _items(client, operation, key):
            if item.get("State") in ("deleted", "deleting"):
                continue
            tags = _tag_dict(item.get("Tags") or item.get("TagSet"))
            name = tags.get("Name", item.get("GroupName", ""))
            yield Resource("ec2", kind, item[id_key], name, tags)


def elbv2(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("elbv2")
    found: list[tuple[str, str, str]] = []
    for lb in _items(client, "describe_load_balancers", "LoadBalancers"):
        found.append(("load-balancer", lb["LoadBalancerArn"], lb["LoadBalancerName"]))
        for listener in _items(client, "describe_listeners", "Listeners", LoadBalancerArn=lb["LoadBalancerArn"]):
            found.append(("listener", listener["ListenerArn"], ""))
    for group in _items(client, "describe_target_groups", "TargetGroups"):
        found.append(("target-group", group["TargetGroupArn"], group["TargetGroupName"]))
    tags: dict[str, dict[str, str]] = {}
    for arns in _chunks([arn for _, arn, _ in found], 20):
        for description in client.describe_tags(ResourceArns=arns)["TagDescriptions"]:
            tags[description["ResourceArn"]] = _tag_dict(description.get("Tags"))
    for kind, arn, name in found:
        yield Resource("elbv2", kind, arn, name, tags.get(arn, {}))


def ecs(sandbox: ClientFactory) -> Iterator[Resource]:
    """ACTIVE clusters, services and task definitions (deleted ones linger as INACTIVE/DRAINING)."""
    client = sandbox.client("ecs")
    cluster_arns = list(_items(client, "list_clusters", "clusterArns"))
    for arns in _chunks(cluster_arns, 100):
        for cluster in client.describe_clusters(clusters=arns, include=["TAGS"])["clusters"]:
            if cluster["status"] != "ACTIVE":
                continue
            yield Resource("ecs", "cluster", cluster["clusterArn"], cluster["clusterName"],
                           _tag_dict(cluster.get("tags"), "key", "value"))
            yield from _ecs_services(client, cluster["clusterArn"])
    for arn in _items(client, "list_task_definitions", "taskDefinitionArns", status="ACTIVE"):
        yield Resource("ecs", "task-definition", arn, arn.rsplit("/", 1)[-1])


def _ecs_services(client: Any, cluster_arn: str) -> Iterator[Resource]:
    service_arns = list(_items(client, "list_services", "serviceArns", cluster=cluster_arn))
    for arns in _chunks(service_arns, 10):
        reply = client.describe_services(cluster=cluster_arn, services=arns, include=["TAGS"])
        for service in reply["services"]:
            if service["status"] == "ACTIVE":
                yield Resource("ecs", "service", service["serviceArn"], service["serviceName"],
                               _tag_dict(service.get("tags"), "key", "value"))


def servicediscovery(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("servicediscovery")
    for namespace in _items(client, "list_namespaces", "Namespaces"):
        yield Resource("servicediscovery", "namespace", namespace["Id"], namespace["Name"])
    for service in _items(client, "list_services", "Services"):
        yield Resource("servicediscovery", "service", service["Id"], service["Name"])


def route53(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("route53")
    for zone in _items(client, "list_hosted_zones", "HostedZones"):
        yield Resource("route53", "hosted-zone", zone["Id"], zone["Name"])


def application_autoscaling(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("application-autoscaling")
    for target in _items(client, "describe_scalable_targets", "ScalableTargets", ServiceNamespace="ecs"):
        identifier = f"{target['ResourceId']}|{target['ScalableDimension']}"
        yield Resource("application-autoscaling", "scalable-target", identifier, target["ResourceId"])
    for policy in _items(client, "describe_scaling_policies", "ScalingPolicies", ServiceNamespace="ecs"):
        yield Resource("application-autoscaling", "scaling-policy", policy["PolicyARN"], policy["PolicyName"])


def cloudwatch(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("cloudwatch")
    for alarm in _items(client, "describe_alarms", "MetricAlarms"):
        yield Resource("cloudwatch", "alarm", alarm["AlarmArn"], alarm["AlarmName"])


def iam(sandbox: ClientFactory) -> Iterator[Resource]:
    """Roles, customer-managed policies, instance profiles, users (AWS managed policies excluded)."""
    client = sandbox.client("iam")
    for role in _items(client, "list_roles", "Roles"):
        tags = _tag_dict(client.list_role_tags(RoleName=role["RoleName"])["Tags"])
        yield Resource("iam", "role", role["Arn"], role["RoleName"], tags)
    for policy in _items(client, "list_policies", "Policies", Scope="Local"):
        yield Resource("iam", "policy", policy["Arn"], policy["PolicyName"], _tag_dict(policy.get("Tags")))
    for profile in _items(client, "list_instance_profiles", "InstanceProfiles"):
        yield Resource("iam", "instance-profile", profile["Arn"], profile["InstanceProfileName"])
    for user in _items(client, "list_users", "Users"):
        yield Resource("iam", "user", user["Arn"], user["UserName"], _tag_dict(user.get("Tags")))


def logs(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("logs")
    for group in _items(client, "describe_log_groups", "logGroups"):
        tags = client.list_tags_log_group(logGroupName=group["logGroupName"]).get("tags", {})
        yield Resource("logs", "log-group", group["logGroupName"], group["logGroupName"], tags)


def dynamodb(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("dynamodb")
    for name in _items(client, "list_tables", "TableNames"):
        arn = client.describe_table(TableName=name)["Table"]["TableArn"]
        tags = _tag_dict(client.list_tags_of_resource(ResourceArn=arn).get("Tags"))
        yield Resource("dynamodb", "table", name, name, tags)


def rds(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("rds")
    for db in _items(client, "describe_db_instances", "DBInstances"):
        if db.get("DBInstanceStatus") != "deleted":
            yield Resource("rds", "db-instance", db["DBInstanceIdentifier"], db["DBInstanceIdentifier"],
                           _tag_dict(db.get("TagList")))
    for cluster in _items(client, "describe_db_clusters", "DBClusters"):
        yield Resource("rds", "db-cluster", cluster["DBClusterIdentifier"], cluster["DBClusterIdentifier"],
                       _tag_dict(cluster.get("TagList")))
    for group in _items(client, "describe_db_subnet_groups", "DBSubnetGroups"):
        yield Resource("rds", "db-subnet-group", group["DBSubnetGroupName"], group["DBSubnetGroupName"])
    for group in _items(client, "describe_db_parameter_groups", "DBParameterGroups"):
        yield Resource("rds", "db-parameter-group", group["DBParameterGroupName"], group["DBParameterGroupName"])


def secretsmanager(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("secretsmanager")
    for secret in _items(client, "list_secrets", "SecretList"):
        if "DeletedDate" not in secret:
            yield Resource("secretsmanager", "secret", secret["ARN"], secret["Name"], _tag_dict(secret.get("Tags")))


def ssm(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("ssm")
    for parameter in _items(client, "describe_parameters", "Parameters"):
        yield Resource("ssm", "parameter", parameter["Name"], parameter["Name"])


def guardduty(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("guardduty")
    for detector_id in _items(client, "list_detectors", "DetectorIds"):
        tags = client.get_detector(DetectorId=detector_id).get("Tags", {})
        yield Resource("guardduty", "detector", detector_id, detector_id, tags)


def ecr(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("ecr")
    for repo in _items(client, "describe_repositories", "repositories"):
        tags = _tag_dict(client.list_tags_for_resource(resourceArn=repo["repositoryArn"]).get("tags"))
        yield Resource("ecr", "repository", repo["repositoryArn"], repo["repositoryName"], tags)


def s3(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("s3")
    for bucket in client.list_buckets().get("Buckets", []):
        yield Resource("s3", "bucket", bucket["Name"], bucket["Name"], _bucket_tags(client, bucket["Name"]))


def _bucket_tags(client: Any, bucket: str) -> dict[str, str]:
    try:
        return _tag_dict(client.get_bucket_tagging(Bucket=bucket)["TagSet"])
    except ClientError as error:
        if error.response["Error"]["Code"] == "NoSuchTagSet":
            return {}
        raise


def codecommit(sandbox: ClientFactory) -> Iterator[Resource]:
    """Needs ListRepositories (moto_compat.codecommit_list_repositories)."""
    client = sandbox.client("codecommit")
    for repo in _items(client, "list_repositories", "repositories"):
        yield Resource("codecommit", "repository", repo["repositoryId"], repo["repositoryName"])


def codebuild(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("codebuild")
    names = list(_items(client, "list_projects", "projects"))
    for chunk in _chunks(names, 100):
        for project in client.batch_get_projects(names=chunk)["projects"]:
            yield Resource("codebuild", "project", project["arn"], project["name"],
                           _tag_dict(project.get("tags"), "key", "value"))


def codepipeline(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("codepipeline")
    for pipeline in _items(client, "list_pipelines", "pipelines"):
        yield Resource("codepipeline", "pipeline", pipeline["name"], pipeline["name"])


def codedeploy(sandbox: ClientFactory) -> Iterator[Resource]:
    client = sandbox.client("codedeploy")
    for app in _items(client, "list_applications", "applications"):
        yield Resource("codedeploy", "application", app, app)
        for group in _items(client, "list_deployment_groups", "deploymentGroups", applicationName=app):
            yield Resource("codedeploy", "deployment-group", f"{app}/{group}", group)


def kms(sandbox: ClientFactory) -> Iterator[Resource]:
    """Keys not pending deletion, and aliases (AWS aliases are in the baseline)."""
    client = sandbox.client("kms")
    for key in _items(client, "list_keys", "Keys"):
        metadata = client.describe_key(KeyId=key["KeyId"])["KeyMetadata"]
        if metadata["KeyState"] not in ("PendingDeletion", "PendingReplicaDeletion"):
            yield Resource("kms", "key", key["KeyId"], metadata.get("Description", ""))
    for alias in _items(client, "list_aliases", "Aliases"):
        yield Resource("kms", "alias", alias["AliasName"], alias["AliasName"])


COLLECTORS: dict[str, Collector] = {
    "ec2": ec2,
    "elbv2": elbv2,
    "ecs": ecs,
    "servicediscovery": servicediscovery,
    "route53": route53,
    "application-autoscaling": application_autoscaling,
    "cloudwatch": cloudwatch,
    "iam": iam,
    "logs": logs,
    "dynamodb": dynamodb,
    "rds": rds,
    "secretsmanager": secretsmanager,
    "ssm": ssm,
    "guardduty": guardduty,
    "ecr": ecr,
    "s3": s3,
    "codecommit": codecommit,
    "codebuild": codebuild,
    "codepipeline": codepipeline,
    "codedeploy": codedeploy,
    "kms": kms,
}
