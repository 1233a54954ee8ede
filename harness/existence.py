"""Does a resource Terraform created still exist? One check per resource type, asked of the account with boto3.

Each check takes the resource's state attributes and answers True (still there: a leak after
destroy), False (gone) or raises `Unchecked` when it cannot tell. A missing-resource error
(`*NotFound*`, `NoSuch*`, `*DoesNotExist*`, `NonExistent*`) means gone. Resources AWS keeps
visible for a while after deletion count as gone in the state AWS documents for them
(ECS clusters and services INACTIVE, NAT gateways and VPC endpoints `deleted`, KMS keys
`PendingDeletion`, secrets with a `DeletedDate`, RDS instances `deleting`). Resources Terraform
only adopts (`aws_default_*`) are left in place by `terraform destroy` by design.
Sub-resources (rules, associations, attachments, policies of a resource) are gone when their
parent is gone; otherwise they are looked up inside the parent.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError

GONE_CODES = re.compile(r"NotFound|NoSuch|DoesNotExist|NonExistent|Nonexistent")

#: adopted, not created: `terraform destroy` only forgets them
#: (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/default_vpc)
ADOPTED = frozenset({"aws_default_vpc", "aws_default_subnet", "aws_default_security_group",
                     "aws_default_route_table", "aws_default_network_acl", "aws_default_vpc_dhcp_options",
                     "aws_main_route_table_association"})


class Unchecked(Exception):
    """The check cannot tell whether the resource exists (the reason is the message)."""


@dataclass(frozen=True)
class Probe:
    """One resource to look for: its attributes and clients of its account and region."""

    values: Mapping[str, Any]
    client: Callable[[str], Any]

    @property
    def id(self) -> str:
        return str(self.values.get("id", ""))

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def exists(self, rtype: str, **values: Any) -> bool:
        """Whether a related resource (a parent) of type `rtype` with these attributes exists."""
        return still_exists(rtype, Probe(values, self.client))


Check = Callable[[Probe], bool]
CHECKS: dict[str, Check] = {}


def check(*types: str) -> Callable[[Check], Check]:
    """Register a check for one or more resource types."""
    def register(func: Check) -> Check:
        for rtype in types:
            CHECKS[rtype] = func
        return func
    return register


def still_exists(rtype: str, probe: Probe) -> bool:
    """True if the resource exists, False if it is gone; Unchecked when there is no way to tell."""
    func = CHECKS.get(rtype)
    if func is None:
        raise Unchecked(f"no existence check for {rtype}")
    try:
        return func(probe)
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if GONE_CODES.search(code):
            return False
        raise Unchecked(f"{code}: {exc.response.get('Error', {}).get('Message', '')}") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise Unchecked(f"unexpected attributes or answer ({type(exc).__name__}: {exc})") from None


def _any(items: Any) -> bool:
    return bool(items)


def _ec2(call: str, ids: str, key: str, state: str | None = None, gone: tuple[str, ...] = ("deleted", "deleting"),
         attribute: str = "id") -> Check:
    def run(p: Probe) -> bool:
        found = getattr(p.client("ec2"), call)(**{ids: [p[attribute]]}).get(key, [])
        return any(state is None or str(item.get(state, "")).lower() not in gone for item in found)
    return run


# -- EC2 / VPC ---------------------------------------------------------------------------------
CHECKS.update({
    "aws_vpc": _ec2("describe_vpcs", "VpcIds", "Vpcs"),
    "aws_subnet": _ec2("describe_subnets", "SubnetIds", "Subnets"),
    "aws_security_group": _ec2("describe_security_groups", "GroupIds", "SecurityGroups"),
    "aws_internet_gateway": _ec2("describe_internet_gateways", "InternetGatewayIds", "InternetGateways"),
    "aws_egress_only_internet_gateway": _ec2("describe_egress_only_internet_gateways",
                                             "EgressOnlyInternetGatewayIds", "EgressOnlyInternetGateways"),
    "aws_nat_gateway": _ec2("describe_nat_gateways", "NatGatewayIds", "NatGateways", "State"),
    "aws_eip": _ec2("describe_addresses", "AllocationIds", "Addresses"),
    "aws_route_table": _ec2("describe_route_tables", "RouteTableIds", "RouteTables"),
    "aws_network_acl": _ec2("describe_network_acls", "NetworkAclIds", "NetworkAcls"),
    "aws_vpc_dhcp_options": _ec2("describe_dhcp_options", "DhcpOptionsIds", "DhcpOptions"),
    "aws_vpc_endpoint": _ec2("describe_vpc_endpoints", "VpcEndpointIds", "VpcEndpoints", "State"),
    "aws_customer_gateway": _ec2("describe_customer_gateways", "CustomerGatewayIds", "CustomerGateways", "State"),
    "aws_vpn_gateway": _ec2("describe_vpn_gateways", "VpnGatewayIds", "VpnGateways", "State"),
    "aws_flow_log": _ec2("describe_flow_logs", "FlowLogIds", "FlowLogs"),
    "aws_key_pair": _ec2("describe_key_pairs", "KeyNames", "KeyPairs", attribute="key_name"),
    "aws_launch_template": _ec2("describe_launch_templates", "LaunchTemplateIds", "LaunchTemplates"),
})


@check("aws_route")
def _route(p: Probe) -> bool:
    if not p.exists("aws_route_table", id=p["route_table_id"]):
        return False
    [table] = p.client("ec2").describe_route_tables(RouteTableIds=[p["route_table_id"]])["RouteTables"]
    wanted = {k: v for k, v in (("DestinationCidrBlock", p.values.get("destination_cidr_block")),
                                ("DestinationIpv6CidrBlock", p.values.get("destination_ipv6_cidr_block")),
                                ("DestinationPrefixListId", p.values.get("destination_prefix_list_id"))) if v}
    return any(all(route.get(k) == v for k, v in wanted.items()) for route in table["Routes"])


@check("aws_route_table_association")
def _route_table_association(p: Probe) -> bool:
    return _any(p.client("ec2").describe_route_tables(Filters=[
        {"Name": "association.route-table-association-id", "Values": [p.id]}])["RouteTables"])


@check("aws_network_acl_rule")
def _network_acl_rule(p: Probe) -> bool:
    if not p.exists("aws_network_acl", id=p["network_acl_id"]):
        return False
    [acl] = p.client("ec2").describe_network_acls(NetworkAclIds=[p["network_acl_id"]])["NetworkAcls"]
    return any(e["RuleNumber"] == int(p["rule_number"]) and e["Egress"] == bool(p["egress"]) for e in acl["Entries"])


@check("aws_vpc_dhcp_options_association")
def _dhcp_association(p: Probe) -> bool:
    if not p.exists("aws_vpc", id=p["vpc_id"]):
        return False
    [vpc] = p.client("ec2").describe_vpcs(VpcIds=[p["vpc_id"]])["Vpcs"]
    return vpc.get("DhcpOptionsId") == p["dhcp_options_id"]


@check("aws_vpc_endpoint_route_table_association")
def _endpoint_route_table(p: Probe) -> bool:
    if not p.exists("aws_vpc_endpoint", id=p["vpc_endpoint_id"]):
        return False
    [endpoint] = p.client("ec2").describe_vpc_endpoints(VpcEndpointIds=[p["vpc_endpoint_id"]])["VpcEndpoints"]
    return p["route_table_id"] in endpoint.get("RouteTableIds", [])


@check("aws_security_group_rule")
def _security_group_rule(p: Probe) -> bool:
    if not p.exists("aws_security_group", id=p["security_group_id"]):
        return False
    [group] = p.client("ec2").describe_security_groups(GroupIds=[p["security_group_id"]])["SecurityGroups"]
    permissions = group["IpPermissionsEgress" if p["type"] == "egress" else "IpPermissions"]
    protocol = str(p["protocol"]).lower()
    protocol = {"all": "-1", "6": "tcp", "17": "udp", "1": "icmp"}.get(protocol, protocol)
    for perm in permissions:
        if perm["IpProtocol"] != protocol or (protocol != "-1" and (
                perm.get("FromPort") != p["from_port"] or perm.get("ToPort") != p["to_port"])):
            continue
        sources = ({r["CidrIp"] for r in perm.get("IpRanges", [])} | {r["CidrIpv6"] for r in perm.get("Ipv6Ranges", [])}
                   | {g["GroupId"] for g in perm.get("UserIdGroupPairs", [])}
                   | {r["PrefixListId"] for r in perm.get("PrefixListIds", [])})
        wanted = set(p.values.get("cidr_blocks") or []) | set(p.values.get("ipv6_cidr_blocks") or []) | \
            set(p.values.get("prefix_list_ids") or []) | {p.values.get("source_security_group_id")} - {None, ""}
        if p.values.get("self"):
            wanted.add(p["security_group_id"])
        if wanted & sources:
            return True
    return False


# -- load balancing ------------------------------------------------------------------------------
@check("aws_lb", "aws_alb")
def _lb(p: Probe) -> bool:
    return _any(p.client("elbv2").describe_load_balancers(LoadBalancerArns=[p.id])["LoadBalancers"])


@check("aws_lb_target_group", "aws_alb_target_group")
def _target_group(p: Probe) -> bool:
    return _any(p.client("elbv2").describe_target_groups(TargetGroupArns=[p.id])["TargetGroups"])


@check("aws_lb_listener", "aws_alb_listener")
def _listener(p: Probe) -> bool:
    return _any(p.client("elbv2").describe_listeners(ListenerArns=[p.id])["Listeners"])


@check("aws_lb_listener_rule", "aws_alb_listener_rule")
def _listener_rule(p: Probe) -> bool:
    return _any(p.client("elbv2").describe_rules(RuleArns=[p.id])["Rules"])


@check("aws_wafv2_web_acl")
def _web_acl(p: Probe) -> bool:
    return _any(p.client("wafv2").get_web_acl(Name=p["name"], Scope=p["scope"], Id=p.id)["WebACL"])


@check("aws_wafv2_web_acl_association")
def _web_acl_association(p: Probe) -> bool:
    found = p.client("wafv2").get_web_acl_for_resource(ResourceArn=p["resource_arn"]).get("WebACL") or {}
    return found.get("ARN") == p["web_acl_arn"]


@check("aws_wafv2_web_acl_logging_configuration")
def _web_acl_logging(p: Probe) -> bool:
    return _any(p.client("wafv2").get_logging_configuration(ResourceArn=p["resource_arn"])["LoggingConfiguration"])


# -- ECS, autoscaling, discovery --------------------------------------------------------------------
@check("aws_ecs_cluster")
def _ecs_cluster(p: Probe) -> bool:
    found = p.client("ecs").describe_clusters(clusters=[p["arn"]])["clusters"]
    return any(c["status"] != "INACTIVE" for c in found)


@check("aws_ecs_service")
def _ecs_service(p: Probe) -> bool:
    found = p.client("ecs").describe_services(cluster=p["cluster"], services=[p["name"]])["services"]
    return any(s["status"] == "ACTIVE" for s in found)


@check("aws_ecs_task_definition")
def _task_definition(p: Probe) -> bool:
    try:
        definition = p.client("ecs").describe_task_definition(taskDefinition=p["arn"])["taskDefinition"]
    except ClientError as exc:
        if exc.response["Error"]["Code"] == "ClientException":  # what ECS answers for an unknown revision
            return False
        raise
    return definition["status"] == "ACTIVE"


@check("aws_appautoscaling_target")
def _scalable_target(p: Probe) -> bool:
    return _any(p.client("application-autoscaling").describe_scalable_targets(
        ServiceNamespace=p["service_namespace"], ResourceIds=[p["resource_id"]],
        ScalableDimension=p["scalable_dimension"])["ScalableTargets"])


@check("aws_appautoscaling_policy")
def _scaling_policy(p: Probe) -> bool:
    return _any(p.client("application-autoscaling").describe_scaling_policies(
        ServiceNamespace=p["service_namespace"], ResourceId=p["resource_id"],
        PolicyNames=[p["name"]])["ScalingPolicies"])


@check("aws_service_discovery_private_dns_namespace", "aws_service_discovery_public_dns_namespace",
       "aws_service_discovery_http_namespace")
def _namespace(p: Probe) -> bool:
    return _any(p.client("servicediscovery").get_namespace(Id=p.id)["Namespace"])


@check("aws_service_discovery_service")
def _discovery_service(p: Probe) -> bool:
    return _any(p.client("servicediscovery").get_service(Id=p.id)["Service"])


# -- IAM (global) ----------------------------------------------------------------------------------
@check("aws_iam_role")
def _role(p: Probe) -> bool:
    return _any(p.client("iam").get_role(RoleName=p["name"])["Role"])


@check("aws_iam_service_linked_role")
def _service_linked_role(p: Probe) -> bool:
    return _any(p.client("iam").get_role(RoleName=p["arn"].rsplit("/", 1)[-1])["Role"])


@check("aws_iam_policy")
def _policy(p: Probe) -> bool:
    return _any(p.client("iam").get_policy(PolicyArn=p["arn"])["Policy"])


@check("aws_iam_role_policy")
def _role_policy(p: Probe) -> bool:
    role, name = p.id.split(":", 1)
    return _any(p.client("iam").get_role_policy(RoleName=role, PolicyName=name)["PolicyDocument"])


@check("aws_iam_role_policy_attachment")
def _role_policy_attachment(p: Probe) -> bool:
    if not p.exists("aws_iam_role", name=p["role"]):
        return False
    attached = p.client("iam").list_attached_role_policies(RoleName=p["role"])["AttachedPolicies"]
    return any(a["PolicyArn"] == p["policy_arn"] for a in attached)


@check("aws_iam_instance_profile")
def _instance_profile(p: Probe) -> bool:
    return _any(p.client("iam").get_instance_profile(InstanceProfileName=p["name"])["InstanceProfile"])


@check("aws_iam_user")
def _user(p: Probe) -> bool:
    return _any(p.client("iam").get_user(UserName=p["name"])["User"])


@check("aws_iam_group")
def _group(p: Probe) -> bool:
    return _any(p.client("iam").get_group(GroupName=p["name"])["Group"])


# -- KMS, Secrets Manager, SSM -------------------------------------------------------------------------
@check("aws_kms_key")
def _kms_key(p: Probe) -> bool:
    state = p.client("kms").describe_key(KeyId=p.id)["KeyMetadata"]["KeyState"]
    return state not in ("PendingDeletion", "PendingReplicaDeletion")


@check("aws_kms_alias")
def _kms_alias(p: Probe) -> bool:
    return any(a["AliasName"] == p["name"] for a in p.client("kms").list_aliases()["Aliases"])


@check("aws_secretsmanager_secret")
def _secret(p: Probe) -> bool:
    return "DeletedDate" not in p.client("secretsmanager").describe_secret(SecretId=p["arn"])


@check("aws_secretsmanager_secret_version")
def _secret_version(p: Probe) -> bool:
    if not p.exists("aws_secretsmanager_secret", arn=p["secret_id"]):
        return False
    raise Unchecked("its secret still exists (a version is not deleted on its own)")


@check("aws_ssm_parameter")
def _parameter(p: Probe) -> bool:
    return _any(p.client("ssm").get_parameter(Name=p["name"])["Parameter"])


# -- storage and databases --------------------------------------------------------------------------
@check("aws_s3_bucket")
def _bucket(p: Probe) -> bool:
    try:
        p.client("s3").head_bucket(Bucket=p.id)
    except ClientError as exc:
        if exc.response["Error"]["Code"] in ("404", "NoSuchBucket"):
            return False
        raise
    return True


def _bucket_part(call: str) -> Check:
    def run(p: Probe) -> bool:
        if not p.exists("aws_s3_bucket", id=p["bucket"]):
            return False
        getattr(p.client("s3"), call)(Bucket=p["bucket"])  # NoSuch* when the part is gone
        return True
    return run


CHECKS.update({
    "aws_s3_bucket_policy": _bucket_part("get_bucket_policy"),
    "aws_s3_bucket_public_access_block": _bucket_part("get_public_access_block"),
    "aws_s3_bucket_lifecycle_configuration": _bucket_part("get_bucket_lifecycle_configuration"),
    "aws_s3_bucket_server_side_encryption_configuration": _bucket_part("get_bucket_encryption"),
})


@check("aws_s3_bucket_versioning")
def _bucket_versioning(p: Probe) -> bool:
    if not p.exists("aws_s3_bucket", id=p["bucket"]):
        return False
    raise Unchecked("its bucket still exists (versioning can only be suspended, not removed)")


@check("aws_dynamodb_table")
def _table(p: Probe) -> bool:
    return _any(p.client("dynamodb").describe_table(TableName=p["name"])["Table"])


@check("aws_db_instance")
def _db_instance(p: Probe) -> bool:
    found = p.client("rds").describe_db_instances(DBInstanceIdentifier=p["identifier"])["DBInstances"]
    return any(db["DBInstanceStatus"] != "deleting" for db in found)


@check("aws_db_subnet_group")
def _db_subnet_group(p: Probe) -> bool:
    return _any(p.client("rds").describe_db_subnet_groups(DBSubnetGroupName=p["name"])["DBSubnetGroups"])


@check("aws_db_parameter_group")
def _db_parameter_group(p: Probe) -> bool:
    return _any(p.client("rds").describe_db_parameter_groups(DBParameterGroupName=p["name"])["DBParameterGroups"])


@check("aws_elasticache_subnet_group")
def _cache_subnet_group(p: Probe) -> bool:
    return _any(p.client("elasticache").describe_cache_subnet_groups(
        CacheSubnetGroupName=p["name"])["CacheSubnetGroups"])


@check("aws_elasticache_cluster")
def _cache_cluster(p: Probe) -> bool:
    found = p.client("elasticache").describe_cache_clusters(CacheClusterId=p["cluster_id"])["CacheClusters"]
    return any(c["CacheClusterStatus"] != "deleting" for c in found)


# -- logs, metrics, messaging, DNS ------------------------------------------------------------------
@check("aws_cloudwatch_log_group")
def _log_group(p: Probe) -> bool:
    groups = p.client("logs").describe_log_groups(logGroupNamePrefix=p["name"])["logGroups"]
    return any(g["logGroupName"] == p["name"] for g in groups)


@check("aws_cloudwatch_query_definition")
def _query_definition(p: Probe) -> bool:
    found = p.client("logs").describe_query_definitions(queryDefinitionNamePrefix=p["name"])["queryDefinitions"]
    return any(q["queryDefinitionId"] == p["query_definition_id"] for q in found)


@check("aws_cloudwatch_metric_alarm")
def _alarm(p: Probe) -> bool:
    return _any(p.client("cloudwatch").describe_alarms(AlarmNames=[p["alarm_name"]])["MetricAlarms"])


@check("aws_sqs_queue")
def _queue(p: Probe) -> bool:
    return _any(p.client("sqs").get_queue_url(QueueName=p["name"])["QueueUrl"])


@check("aws_sqs_queue_policy")
def _queue_policy(p: Probe) -> bool:
    name = p["queue_url"].rstrip("/").rsplit("/", 1)[-1]
    if not p.exists("aws_sqs_queue", name=name):
        return False
    attributes = p.client("sqs").get_queue_attributes(QueueUrl=p["queue_url"], AttributeNames=["Policy"])
    return bool(attributes.get("Attributes", {}).get("Policy"))


@check("aws_sns_topic")
def _topic(p: Probe) -> bool:
    return _any(p.client("sns").get_topic_attributes(TopicArn=p["arn"])["Attributes"])


@check("aws_sns_topic_subscription")
def _subscription(p: Probe) -> bool:
    return _any(p.client("sns").get_subscription_attributes(SubscriptionArn=p["arn"])["Attributes"])


@check("aws_sns_topic_policy")
def _topic_policy(p: Probe) -> bool:
    if not p.exists("aws_sns_topic", arn=p["arn"]):
        return False
    raise Unchecked("its topic still exists (a topic always has a policy)")


@check("aws_route53_zone")
def _zone(p: Probe) -> bool:
    return _any(p.client("route53").get_hosted_zone(Id=p["zone_id"])["HostedZone"])


@check("aws_route53_record")
def _record(p: Probe) -> bool:
    if not p.exists("aws_route53_zone", zone_id=p["zone_id"]):
        return False
    name = p["name"].rstrip(".") + "."
    found = p.client("route53").list_resource_record_sets(HostedZoneId=p["zone_id"], StartRecordName=name,
                                                          StartRecordType=p["type"], MaxItems="1")
    return any(r["Name"].lower() == name.lower() and r["Type"] == p["type"] for r in found["ResourceRecordSets"])


# -- containers, pipelines, security services --------------------------------------------------------
@check("aws_ecr_repository")
def _repository(p: Probe) -> bool:
    return _any(p.client("ecr").describe_repositories(repositoryNames=[p["name"]])["repositories"])


@check("aws_ecr_lifecycle_policy")
def _lifecycle_policy(p: Probe) -> bool:
    if not p.exists("aws_ecr_repository", name=p["repository"]):
        return False
    return _any(p.client("ecr").get_lifecycle_policy(repositoryName=p["repository"])["lifecyclePolicyText"])


@check("aws_codecommit_repository")
def _codecommit(p: Probe) -> bool:
    return _any(p.client("codecommit").get_repository(repositoryName=p["repository_name"])["repositoryMetadata"])


@check("aws_codebuild_project")
def _codebuild(p: Probe) -> bool:
    return _any(p.client("codebuild").batch_get_projects(names=[p["name"]])["projects"])


@check("aws_codepipeline")
def _codepipeline(p: Probe) -> bool:
    return _any(p.client("codepipeline").get_pipeline(name=p["name"])["pipeline"])


@check("aws_codedeploy_app")
def _codedeploy_app(p: Probe) -> bool:
    return _any(p.client("codedeploy").get_application(applicationName=p["name"])["application"])


@check("aws_codedeploy_deployment_group")
def _deployment_group(p: Probe) -> bool:
    return _any(p.client("codedeploy").get_deployment_group(
        applicationName=p["app_name"], deploymentGroupName=p["deployment_group_name"])["deploymentGroupInfo"])


@check("aws_guardduty_detector")
def _detector(p: Probe) -> bool:
    return p.id in p.client("guardduty").list_detectors()["DetectorIds"]
