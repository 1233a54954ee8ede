"""The one place that imports cdktf and the AWS provider bindings.

Everything else imports from here, so moving to the community fork (CDK Terrain,
`cdktn`) or another binding version is an edit to this file. Only the binding
submodules we use are imported: importing the package root costs far more time
and memory.
"""
import functools
import importlib.util
import os
import re
import sys
import types
from typing import Any

# jsii prints a large end-of-life banner for Node 20 on every process; it is known here.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")
os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")


def _register_bare_binding_package(name: str = "cdktf_cdktf_provider_aws") -> None:
    """Make `import <name>.<submodule>` load only that submodule.

    The package's own __init__ imports all of its ~2,200 submodules (about 530 MB and
    several seconds in Python). Registering a bare package object first lets Python find
    the submodules without running it; each submodule loads the jsii assembly itself.
    """
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.submodule_search_locations is None:
        raise ImportError(f"{name} is not installed")
    package = types.ModuleType(name)
    package.__path__ = list(spec.submodule_search_locations)
    package.__spec__ = spec
    package.__file__ = spec.origin
    sys.modules[name] = package


_register_bare_binding_package()

from cdktf import (  # noqa: E402,F401
    App,
    Aspects,
    Fn,
    IAspect,
    LocalBackend,
    Op,
    S3Backend,
    TerraformDataSource,
    TerraformLocal,
    TerraformOutput,
    TerraformProvider,
    TerraformResource,
    TerraformStack,
    TerraformVariable,
    Token,
)
from cdktf_cdktf_provider_aws.appautoscaling_policy import AppautoscalingPolicy  # noqa: E402,F401
from cdktf_cdktf_provider_aws.appautoscaling_target import AppautoscalingTarget  # noqa: E402,F401
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup  # noqa: E402,F401
from cdktf_cdktf_provider_aws.cloudwatch_query_definition import CloudwatchQueryDefinition  # noqa: E402,F401
from cdktf_cdktf_provider_aws.codebuild_project import CodebuildProject  # noqa: E402,F401
from cdktf_cdktf_provider_aws.codecommit_repository import CodecommitRepository  # noqa: E402,F401
from cdktf_cdktf_provider_aws.codedeploy_app import CodedeployApp  # noqa: E402,F401
from cdktf_cdktf_provider_aws.codedeploy_deployment_group import CodedeployDeploymentGroup  # noqa: E402,F401
from cdktf_cdktf_provider_aws.codepipeline import Codepipeline  # noqa: E402,F401
from cdktf_cdktf_provider_aws.data_aws_availability_zones import DataAwsAvailabilityZones  # noqa: E402,F401
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity  # noqa: E402,F401
from cdktf_cdktf_provider_aws.data_aws_elb_service_account import DataAwsElbServiceAccount  # noqa: E402,F401
from cdktf_cdktf_provider_aws.data_aws_guardduty_detector import DataAwsGuarddutyDetector  # noqa: E402,F401
from cdktf_cdktf_provider_aws.data_aws_partition import DataAwsPartition  # noqa: E402,F401
from cdktf_cdktf_provider_aws.data_aws_region import DataAwsRegion  # noqa: E402,F401
from cdktf_cdktf_provider_aws.db_instance import DbInstance  # noqa: E402,F401
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup  # noqa: E402,F401
from cdktf_cdktf_provider_aws.default_security_group import DefaultSecurityGroup  # noqa: E402,F401
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable  # noqa: E402,F401
from cdktf_cdktf_provider_aws.ecr_lifecycle_policy import EcrLifecyclePolicy  # noqa: E402,F401
from cdktf_cdktf_provider_aws.ecr_repository import EcrRepository  # noqa: E402,F401
from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster  # noqa: E402,F401
from cdktf_cdktf_provider_aws.ecs_cluster_capacity_providers import EcsClusterCapacityProviders  # noqa: E402,F401
from cdktf_cdktf_provider_aws.ecs_service import EcsService  # noqa: E402,F401
from cdktf_cdktf_provider_aws.ecs_task_definition import EcsTaskDefinition  # noqa: E402,F401
from cdktf_cdktf_provider_aws.eip import Eip  # noqa: E402,F401
from cdktf_cdktf_provider_aws.flow_log import FlowLog  # noqa: E402,F401
from cdktf_cdktf_provider_aws.guardduty_detector import GuarddutyDetector  # noqa: E402,F401
from cdktf_cdktf_provider_aws.guardduty_detector_feature import GuarddutyDetectorFeature  # noqa: E402,F401
from cdktf_cdktf_provider_aws.iam_role import IamRole  # noqa: E402,F401
from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy  # noqa: E402,F401
from cdktf_cdktf_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment  # noqa: E402,F401
from cdktf_cdktf_provider_aws.iam_service_linked_role import IamServiceLinkedRole  # noqa: E402,F401
from cdktf_cdktf_provider_aws.internet_gateway import InternetGateway  # noqa: E402,F401
from cdktf_cdktf_provider_aws.kms_key import KmsKey  # noqa: E402,F401
from cdktf_cdktf_provider_aws.lb import Lb  # noqa: E402,F401
from cdktf_cdktf_provider_aws.lb_listener import LbListener  # noqa: E402,F401
from cdktf_cdktf_provider_aws.lb_listener_certificate import LbListenerCertificate  # noqa: E402,F401
from cdktf_cdktf_provider_aws.lb_listener_rule import LbListenerRule  # noqa: E402,F401
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup  # noqa: E402,F401
from cdktf_cdktf_provider_aws.nat_gateway import NatGateway  # noqa: E402,F401
from cdktf_cdktf_provider_aws.provider import AwsProvider  # noqa: E402,F401
from cdktf_cdktf_provider_aws.route import Route  # noqa: E402,F401
from cdktf_cdktf_provider_aws.route_table import RouteTable  # noqa: E402,F401
from cdktf_cdktf_provider_aws.route_table_association import RouteTableAssociation  # noqa: E402,F401
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket  # noqa: E402,F401
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfiguration  # noqa: E402,F401
from cdktf_cdktf_provider_aws.s3_bucket_ownership_controls import S3BucketOwnershipControls  # noqa: E402,F401
from cdktf_cdktf_provider_aws.s3_bucket_policy import S3BucketPolicy  # noqa: E402,F401
from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock  # noqa: E402,F401
from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (  # noqa: E402,F401
    S3BucketServerSideEncryptionConfigurationA,
)
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA  # noqa: E402,F401
from cdktf_cdktf_provider_aws.secretsmanager_secret import SecretsmanagerSecret  # noqa: E402,F401
from cdktf_cdktf_provider_aws.secretsmanager_secret_rotation import SecretsmanagerSecretRotation  # noqa: E402,F401
from cdktf_cdktf_provider_aws.secretsmanager_secret_version import SecretsmanagerSecretVersion  # noqa: E402,F401
from cdktf_cdktf_provider_aws.security_group import SecurityGroup  # noqa: E402,F401
from cdktf_cdktf_provider_aws.security_group_rule import SecurityGroupRule  # noqa: E402,F401
from cdktf_cdktf_provider_aws.service_discovery_private_dns_namespace import (  # noqa: E402,F401
    ServiceDiscoveryPrivateDnsNamespace,
)
from cdktf_cdktf_provider_aws.service_discovery_service import ServiceDiscoveryService  # noqa: E402,F401
from cdktf_cdktf_provider_aws.ssm_parameter import SsmParameter  # noqa: E402,F401
from cdktf_cdktf_provider_aws.subnet import Subnet  # noqa: E402,F401
from cdktf_cdktf_provider_aws.vpc import Vpc  # noqa: E402,F401
from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAcl  # noqa: E402,F401
from cdktf_cdktf_provider_aws.wafv2_web_acl_association import Wafv2WebAclAssociation  # noqa: E402,F401
from cdktf_cdktf_provider_aws.wafv2_web_acl_logging_configuration import (  # noqa: E402,F401
    Wafv2WebAclLoggingConfiguration,
)
from constructs import Construct, IConstruct  # noqa: E402,F401

#: how cdktf encodes a string token: `${TfToken[<key>]}` anywhere in the string (cdktf 0.21
#: lib/tokens/private/encoding.js: BEGIN_STRING_TOKEN_MARKER, VALID_KEY_CHARS, STRING_TOKEN_REGEX)
_STRING_TOKEN = re.compile(r"\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}")
_LIST_TOKEN = re.compile(r"#\{TfToken\[[a-zA-Z0-9:._-]+\]\}")  # BEGIN_LIST_TOKEN_MARKER, LIST_TOKEN_REGEX


def is_unresolved(value: Any) -> bool:
    """`Token.is_unresolved(value)`, answered in Python for a string and a one-string list (cdktf's own tests are
    these regexes; asking Node costs a jsii round trip per value); other values are asked of cdktf."""
    if isinstance(value, str):
        return _STRING_TOKEN.search(value) is not None
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        return _LIST_TOKEN.search(value[0]) is not None
    return bool(Token.is_unresolved(value))


def resource_type(element: Any) -> str:
    """The Terraform type of a resource or data source binding (`aws_vpc`), read once per binding class: the
    instance's `terraform_resource_type` is a jsii round trip every time."""
    binding: Any = type(element)  # the bindings' classes are hashable; their metaclass hides it from mypy
    return binding_type(binding)


@functools.cache
def binding_type(cls: Any) -> str:
    """The Terraform type of a binding class (its static `TF_RESOURCE_TYPE`, one round trip per class)."""
    return str(cls.TF_RESOURCE_TYPE)


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
