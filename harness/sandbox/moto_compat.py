# Every patch replaces methods of moto's classes on purpose; mypy's objections to that are not defects here.
# mypy: disable-error-code="method-assign, attr-defined, assignment, index"
"""Fill gaps of moto 5.2.5 that our stacks hit, inside the sandbox server process only.

Each patch fills one missing or wrong behaviour with what real AWS does, and nothing more;
`PATCHES` names them so the harness can print which are active. The stacks are never
changed to dodge an emulator gap.
"""
from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from typing import Any

PATCHES: dict[str, str] = {}


def patch(description: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """Register a patch function under its name with a one-line description."""
    def register(func: Callable[[], None]) -> Callable[[], None]:
        PATCHES[func.__name__] = description
        return func
    return register


@patch("ECS Create/UpdateService keep enableExecuteCommand, enableECSManagedTags and "
       "healthCheckGracePeriodSeconds (moto drops them; Terraform then plans them again)")
def ecs_service_settings() -> None:
    from moto.ecs import responses

    settings = {"enableExecuteCommand": "enable_execute_command", "enableECSManagedTags": "enable_ecs_managed_tags",
                "healthCheckGracePeriodSeconds": "health_check_grace_period_seconds"}

    def keeping(original):
        def wrapper(self):
            result = original(self)
            service = self.ecs_backend.describe_services(
                self._get_param("cluster", "default"),
                [self._get_param("serviceName") or self._get_param("service")])[0][0]
            for param, attr in settings.items():
                value = self._get_param(param)
                if value is not None:
                    setattr(service, attr, value)
            return result
        return wrapper

    cls = responses.EC2ContainerServiceResponse
    cls.create_service = keeping(cls.create_service)
    cls.update_service = keeping(cls.update_service)


@patch("ECS Create/UpdateService keep capacityProviderStrategy and then have no launchType (moto drops the "
       "strategy and reports launch type EC2; Terraform then plans to replace the service)")
def ecs_service_capacity_provider_strategy() -> None:
    """CreateService: "If a capacityProviderStrategy is specified, the launchType parameter must be omitted"; the
    service then reports the strategy and no launch type
    (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html,
    https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_Service.html)."""
    from moto.ecs import responses

    def keeping(original):
        def wrapper(self):
            strategy = self._get_param("capacityProviderStrategy")
            result = original(self)
            if strategy:
                service = self.ecs_backend.describe_services(
                    self._get_param("cluster", "default"),
                    [self._get_param("serviceName") or self._get_param("service")])[0][0]
                service.capacity_provider_strategy = strategy
                service.launch_type = None
                for deployment in service.deployments:
                    deployment.pop("launchType", None)
                    deployment["capacityProviderStrategy"] = strategy
            return result
        return wrapper

    cls = responses.EC2ContainerServiceResponse
    cls.create_service = keeping(cls.create_service)
    cls.update_service = keeping(cls.update_service)


@patch("CloudWatch Logs Put/Describe/DeleteQueryDefinition (not implemented in moto)")
def logs_query_definitions() -> None:
    from moto.logs.responses import LogsResponse

    def store(self) -> dict[str, dict[str, Any]]:
        backend = self.logs_backend
        if not hasattr(backend, "query_definitions"):
            backend.query_definitions = {}
        return backend.query_definitions

    def put_query_definition(self) -> str:
        definitions = store(self)
        query_id = self._get_param("queryDefinitionId") or str(uuid.uuid4())
        definitions[query_id] = {"queryDefinitionId": query_id, "name": self._get_param("name"),
                                 "queryString": self._get_param("queryString"),
                                 "logGroupNames": self._get_param("logGroupNames") or [],
                                 "lastModified": int(time.time() * 1000)}
        return json.dumps({"queryDefinitionId": query_id})

    def describe_query_definitions(self) -> str:
        prefix = self._get_param("queryDefinitionNamePrefix") or ""
        found = [d for d in store(self).values() if d["name"].startswith(prefix)]
        return json.dumps({"queryDefinitions": found})

    def delete_query_definition(self) -> str:
        removed = store(self).pop(self._get_param("queryDefinitionId"), None)
        return json.dumps({"success": removed is not None})

    LogsResponse.put_query_definition = put_query_definition
    LogsResponse.describe_query_definitions = describe_query_definitions
    LogsResponse.delete_query_definition = delete_query_definition


@patch("CodeDeploy DeleteApplication / DeleteDeploymentGroup (not implemented in moto; destroy would retry for "
       "minutes)")
def codedeploy_deletes() -> None:
    from moto.codedeploy.responses import CodeDeployResponse

    def delete_application(self) -> str:
        backend = self.codedeploy_backend
        name = self._get_param("applicationName")
        backend.applications.pop(name, None)
        backend.deployment_groups.pop(name, None)
        return "{}"

    def delete_deployment_group(self) -> str:
        groups = self.codedeploy_backend.deployment_groups.get(self._get_param("applicationName"), {})
        groups.pop(self._get_param("deploymentGroupName"), None)
        return json.dumps({"hooksNotCleanedUp": []})

    CodeDeployResponse.delete_application = delete_application
    CodeDeployResponse.delete_deployment_group = delete_deployment_group


@patch("CodeDeploy deployment groups report autoRollbackConfiguration and alarmConfiguration as stored, "
       "with disabled defaults when none was set (moto answers {}; hashicorp/aws 3.39 dereferences the "
       "missing `enabled` and panics)")
def codedeploy_group_defaults() -> None:
    from moto.codedeploy import responses

    original = responses._deployment_group_info

    def info(group) -> dict[str, Any]:
        out = original(group)
        out["autoRollbackConfiguration"] = group.auto_rollback_configuration or {"enabled": False, "events": []}
        out["alarmConfiguration"] = group.alarm_configuration or {
            "enabled": False, "ignorePollAlarmFailure": False, "alarms": []}
        return out

    responses._deployment_group_info = info


@patch("CodeCommit ListRepositories, ListTagsForResource, TagResource, UntagResource (not implemented in moto), "
       "and tags given to CreateRepository")
def codecommit_tags() -> None:
    from moto.codecommit.responses import CodeCommitResponse

    def tags(self) -> dict[str, dict[str, str]]:
        backend = self.codecommit_backend
        if not hasattr(backend, "resource_tags"):
            backend.resource_tags = {}
        return backend.resource_tags

    def list_tags_for_resource(self) -> str:
        return json.dumps({"tags": tags(self).get(self._get_param("resourceArn"), {})})

    def tag_resource(self) -> str:
        tags(self).setdefault(self._get_param("resourceArn"), {}).update(self._get_param("tags") or {})
        return "{}"

    def untag_resource(self) -> str:
        current = tags(self).get(self._get_param("resourceArn"), {})
        for key in self._get_param("tagKeys") or []:
            current.pop(key, None)
        return "{}"

    def list_repositories(self) -> str:
        names = sorted(self.codecommit_backend.repositories)
        return json.dumps({"repositories": [
            {"repositoryName": n, "repositoryId": self.codecommit_backend.repositories[n].repository_metadata[
                "repositoryId"]} for n in names]})

    create_repository = CodeCommitResponse.create_repository

    def create_with_tags(self) -> str:
        body = create_repository(self)
        arn = json.loads(body)["repositoryMetadata"]["Arn"]
        tags(self).setdefault(arn, {}).update(self._get_param("tags") or {})
        return body

    CodeCommitResponse.create_repository = create_with_tags
    CodeCommitResponse.list_repositories = list_repositories
    CodeCommitResponse.list_tags_for_resource = list_tags_for_resource
    CodeCommitResponse.tag_resource = tag_resource
    CodeCommitResponse.untag_resource = untag_resource


@patch("CodeBuild accepts source/artifacts type CODEPIPELINE without a location (as AWS does)")
def codebuild_codepipeline_source() -> None:
    from moto.codebuild import responses

    check_source = responses._validate_required_params_source
    check_artifacts = responses._validate_required_params_artifacts

    def source(source: dict[str, Any]) -> None:
        if source.get("type") != "CODEPIPELINE":
            check_source(source)

    def artifacts(artifacts: dict[str, Any]) -> None:
        if artifacts.get("type") != "CODEPIPELINE":
            check_artifacts(artifacts)

    responses._validate_required_params_source = source
    responses._validate_required_params_artifacts = artifacts


@patch("CodeBuild DeleteProject accepts the project ARN as its name, as AWS does (hashicorp/aws 3.39 "
       "deletes by ARN; moto ignored it and the project stayed)")
def codebuild_delete_by_arn() -> None:
    from moto.codebuild.models import CodeBuildBackend

    original = CodeBuildBackend.delete_project

    def delete_project(self, project_name: str) -> None:
        original(self, project_name.split(":project/", 1)[-1])

    CodeBuildBackend.delete_project = delete_project


@patch("ElastiCache DeleteCacheSubnetGroup (not implemented in moto; destroy retried it for minutes). "
       "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_DeleteCacheSubnetGroup.html")
def elasticache_delete_subnet_group() -> None:
    from moto.core.responses import EmptyResult
    from moto.elasticache.exceptions import CacheSubnetGroupNotFound
    from moto.elasticache.responses import ElastiCacheResponse

    def delete_cache_subnet_group(self) -> EmptyResult:
        name = self._get_param("CacheSubnetGroupName")
        backend = self.elasticache_backend
        group = backend.cache_subnet_groups.pop(name, None)
        if group is None:
            raise CacheSubnetGroupNotFound(name)
        backend.tagging_service.delete_all_tags_for_resource(group.arn)
        return EmptyResult()

    ElastiCacheResponse.delete_cache_subnet_group = delete_cache_subnet_group


@patch("EC2 CreateCustomerGateway keeps DeviceName and Describe returns it (moto drops it; Terraform then "
       "replaces the gateway on every plan). "
       "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateCustomerGateway.html")
def ec2_customer_gateway_device_name() -> None:
    from moto.ec2.responses.customer_gateways import CustomerGateways

    create = CustomerGateways.create_customer_gateway

    def create_customer_gateway(self):
        result = create(self)
        device_name = self._get_param("DeviceName")
        if device_name:
            gateway = self.ec2_backend.customer_gateways[result.result["CustomerGateway"].id]
            gateway.device_name = device_name
        return result

    CustomerGateways.create_customer_gateway = create_customer_gateway


@patch("EC2 CreateDhcpOptions applies the tags of its TagSpecifications (moto drops them; Terraform then plans "
       "them again). https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateDhcpOptions.html")
def ec2_dhcp_options_tags() -> None:
    from moto.ec2.responses.dhcp_options import DHCPOptions

    create = DHCPOptions.create_dhcp_options

    def create_dhcp_options(self):
        result = create(self)
        tags = self._parse_tag_specification().get("dhcp-options", {})
        if tags:
            result.result["DhcpOptions"].add_tags(tags)
        return result

    DHCPOptions.create_dhcp_options = create_dhcp_options


@patch("EC2 DeleteVpc also deletes the VPC's default network ACL, as it does its default security group and "
       "main route table (moto left the ACL behind: a leak after every destroy). "
       "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DeleteVpc.html")
def ec2_delete_vpc_default_acl() -> None:
    from moto.ec2.models import EC2Backend

    delete_vpc = EC2Backend.delete_vpc

    def delete_vpc_and_default_acl(self, vpc_id: str):
        vpc = delete_vpc(self, vpc_id)
        for acl in [a for a in self.network_acls.values() if a.vpc_id == vpc_id and a.default]:
            self.network_acls.pop(acl.id, None)
        return vpc

    EC2Backend.delete_vpc = delete_vpc_and_default_acl


@patch("Route 53 CreateHostedZone with a VPC makes a private zone, as AWS does without "
       "HostedZoneConfig.PrivateZone (moto ignored the VPC: the zone read back public, Terraform re-added the "
       "VPC on every plan). https://docs.aws.amazon.com/Route53/latest/APIReference/API_CreateHostedZone.html")
def route53_private_zone_from_vpc() -> None:
    from moto.route53.responses import Route53

    create = Route53.create_hosted_zone

    def create_hosted_zone(self):
        if self._get_param("VPC.VPCId"):
            get_bool = self._get_bool_param

            def private_when_vpc(name: str, if_none: Any = None) -> Any:
                return True if name == "HostedZoneConfig.PrivateZone" else get_bool(name, if_none)
            self._get_bool_param = private_when_vpc
        return create(self)

    Route53.create_hosted_zone = create_hosted_zone


@patch("SQS GetQueueAttributes returns RedrivePolicy as compact JSON, as SQS does (moto re-serialized it with "
       "spaces; hashicorp/aws 3.x then planned the policy again). "
       "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueAttributes.html; "
       "what SQS answers: https://github.com/hashicorp/terraform/issues/5119")
def sqs_compact_redrive_policy() -> None:
    from moto.sqs.models import Queue

    original = Queue.attributes.fget

    def compact(self) -> dict[str, Any]:
        result = original(self)
        if self.redrive_policy:
            result["RedrivePolicy"] = json.dumps(self.redrive_policy, separators=(",", ":"))
        return result

    Queue.attributes = property(compact)


@patch("RDS parameters set with ModifyDBParameterGroup have Source `user`, and DescribeDBParameters filters by "
       "Source (moto gave no Source; hashicorp/aws 3.x keeps only `user` parameters and planned them again). "
       "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_Parameter.html, "
       "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DescribeDBParameters.html")
def rds_user_parameters() -> None:
    from moto.core.responses import ActionResult
    from moto.rds.responses import RDSResponse

    modify = RDSResponse.modify_db_parameter_group

    def modify_db_parameter_group(self) -> ActionResult:
        result = modify(self)
        group = self.backend.db_parameter_groups[self.params.get("DBParameterGroupName")]
        for param in self.params.get("Parameters", []):
            group.parameters[param.original_dict()["ParameterName"]]["Source"] = "user"
        return result

    describe = RDSResponse.describe_db_parameters

    def describe_db_parameters(self) -> ActionResult:
        result = describe(self)
        source = self.params.get("Source")
        if source:
            result.result["Parameters"] = [p for p in result.result["Parameters"] if p.get("Source") == source]
        return result

    RDSResponse.modify_db_parameter_group = modify_db_parameter_group
    RDSResponse.describe_db_parameters = describe_db_parameters


@patch("Cloud Map DeleteNamespace also deletes the Route 53 hosted zone it created for a DNS namespace (moto "
       "left the zone: a leak after every destroy). "
       "https://docs.aws.amazon.com/cloud-map/latest/dg/deleting-namespaces.html")
def servicediscovery_namespace_zone() -> None:
    from moto.route53 import route53_backends
    from moto.servicediscovery.models import ServiceDiscoveryBackend
    from moto.utilities.utils import get_partition

    delete = ServiceDiscoveryBackend.delete_namespace

    def delete_namespace(self, namespace_id: str) -> str:
        namespace = self.namespaces.get(namespace_id)
        operation = delete(self, namespace_id)
        zone_id = (namespace.dns_properties or {}).get("HostedZoneId") if namespace else None
        if zone_id:
            zones = route53_backends[self.account_id][get_partition(self.region_name)].zones
            zones.pop(zone_id.replace("/hostedzone/", ""), None)
        return operation

    ServiceDiscoveryBackend.delete_namespace = delete_namespace

@patch("S3 bucket policy conditions are evaluated against the request (moto lets every condition match, so a "
       "Deny on aws:SourceVpce or aws:SecureTransport refuses every object request); the sandbox stands in for "
       "AWS's HTTPS endpoints, so aws:SecureTransport is true")
def s3_bucket_policy_conditions() -> None:
    from moto.iam.access_control import IAMPolicy, PermissionResult
    from moto.s3.models import FakeBucket

    # https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html:
    # a condition on a key the request context lacks does not match, unless its operator ends in IfExists.
    context = {"aws:securetransport": "true"}  # condition keys are case-insensitive

    def holds(operator: str, key: str, expected: Any) -> bool:
        actual = context.get(key.lower())
        if actual is None:
            return operator.endswith("IfExists")
        choices = {str(v).lower() for v in (expected if isinstance(expected, list) else [expected])}
        base = operator.removesuffix("IfExists")
        if base in ("Bool", "StringEquals", "StringEqualsIgnoreCase"):
            return actual in choices
        if base in ("StringNotEquals", "StringNotEqualsIgnoreCase"):
            return actual not in choices
        return True  # an operator not evaluated here keeps moto's behaviour: the statement applies

    def get_permission(self, action: str, resource: str) -> Any:
        if self.policy is None:
            return PermissionResult.NEUTRAL
        document = json.loads(self.policy)
        statements = document["Statement"] if isinstance(document["Statement"], list) else [document["Statement"]]
        applying = [{k: v for k, v in statement.items() if k != "Condition"} for statement in statements
                    if all(holds(operator, key, expected)
                           for operator, pairs in statement.get("Condition", {}).items()
                           for key, expected in pairs.items())]
        if not applying:
            return PermissionResult.NEUTRAL
        return IAMPolicy(json.dumps({**document, "Statement": applying})).is_action_permitted(action, resource)

    FakeBucket.get_permission = get_permission


@patch("GuardDuty GetAdministratorAccount answers in the API's JSON names (administrator.accountId, ...); moto "
       "capitalizes them, so SDKs read no administrator")
def guardduty_administrator_names() -> None:
    from moto.guardduty.responses import GuardDutyResponse

    def get_administrator_account(self) -> str:
        detector_id = self.path.split("/")[-2]
        found = self.guardduty_backend.get_administrator_account(detector_id).get("Administrator")
        return json.dumps({"administrator": {"accountId": found["AccountId"],
                                             "relationshipStatus": found["RelationshipStatus"]}} if found else {})

    GuardDutyResponse.get_administrator_account = get_administrator_account


def apply_all() -> list[str]:
    """Apply every patch (in the server process); returns their names."""
    for name in PATCHES:
        globals()[name]()
    return list(PATCHES)
