"""The one place that imports cdktf and the AWS provider bindings.

Everything else imports from here, so moving to the community fork (CDK Terrain,
`cdktn`) or another binding version is an edit to this file. Only the binding
submodules we use are imported: importing the package root costs far more time
and memory.
"""
import os

# jsii prints a large end-of-life banner for Node 20 on every process; it is known here.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")

from cdktf import (  # noqa: E402,F401
    App, Aspects, Fn, IAspect, LocalBackend, TerraformOutput, TerraformResource, TerraformStack,
    TerraformVariable, Token,
)
from cdktf_cdktf_provider_aws.appautoscaling_policy import AppautoscalingPolicy  # noqa: F401
from cdktf_cdktf_provider_aws.appautoscaling_target import AppautoscalingTarget  # noqa: F401
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup  # noqa: F401
from cdktf_cdktf_provider_aws.cloudwatch_query_definition import CloudwatchQueryDefinition  # noqa: F401
from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones  # noqa: F401
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity  # noqa: F401
from cdktf_cdktf_provider_aws.data_aws_partition import DataAwsPartition  # noqa: F401
from cdktf_cdktf_provider_aws.data_aws_secretsmanager_random_password import (  # noqa: F401
    DataAwsSecretsmanagerRandomPassword,
)
from cdktf_cdktf_provider_aws.db_instance import DbInstance  # noqa: F401
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup  # noqa: F401
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable  # noqa: F401
from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster  # noqa: F401
from cdktf_cdktf_provider_aws.ecs_service import EcsService  # noqa: F401
from cdktf_cdktf_provider_aws.ecs_task_definition import EcsTaskDefinition  # noqa: F401
from cdktf_cdktf_provider_aws.eip import Eip  # noqa: F401
from cdktf_cdktf_provider_aws.guardduty_detector import GuarddutyDetector  # noqa: F401
from cdktf_cdktf_provider_aws.guardduty_detector_feature import GuarddutyDetectorFeature  # noqa: F401
from cdktf_cdktf_provider_aws.iam_role import IamRole  # noqa: F401
from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy  # noqa: F401
from cdktf_cdktf_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment  # noqa: F401
from cdktf_cdktf_provider_aws.internet_gateway import InternetGateway  # noqa: F401
from cdktf_cdktf_provider_aws.lb import Lb  # noqa: F401
from cdktf_cdktf_provider_aws.lb_listener import LbListener  # noqa: F401
from cdktf_cdktf_provider_aws.lb_listener_rule import LbListenerRule  # noqa: F401
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup  # noqa: F401
from cdktf_cdktf_provider_aws.nat_gateway import NatGateway  # noqa: F401
from cdktf_cdktf_provider_aws.provider import AwsProvider  # noqa: F401
from cdktf_cdktf_provider_aws.route import Route  # noqa: F401
from cdktf_cdktf_provider_aws.route_table import RouteTable  # noqa: F401
from cdktf_cdktf_provider_aws.route_table_association import RouteTableAssociation  # noqa: F401
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret  # noqa: F401
from cdktf_cdktf_provider_aws.secretsmanager_secret_version import SecretsmanagerSecretVersion  # noqa: F401
from cdktf_cdktf_provider_aws.security_group import SecurityGroup  # noqa: F401
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule  # noqa: F401
from cdktf_cdktf_provider_aws.service_discovery_private_dns_namespace import (  # noqa: F401
    ServiceDiscoveryPrivateDnsNamespace,
)
from cdktf_cdktf_provider_aws.service_discovery_service import ServiceDiscoveryService  # noqa: F401
from cdktf_cdktf_provider_aws.ssm_parameter import SsmParameter  # noqa: F401
from cdktf_cdktf_provider_aws.subnet import Subnet  # noqa: F401
from cdktf_cdktf_provider_aws.vpc import Vpc  # noqa: F401
from constructs import Construct, IConstruct  # noqa: F401


def _camel(key: str) -> str:
    head, *rest = key.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def blocks(items: list[dict]) -> list[dict]:
    """A list of nested blocks written as snake_case dicts, in the form jsii expects.

    jsii converts a dict passed where one struct is expected, but passes the dicts of a
    list through as raw maps, which the JS side reads with camelCase keys. Keys that are
    not snake_case identifiers (map keys such as `ClusterName`) are left alone.
    """
    def convert(value):
        if isinstance(value, dict):
            return {(_camel(k) if k.islower() and k.isidentifier() else k): convert(v) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v) for v in value]
        return value
    return [convert(item) for item in items]
