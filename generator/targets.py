"""Provider targets: which `hashicorp/aws` version an environment renders for, and what it supports.

This is the one table of version-dependent decisions: constructs, modules and validation ask
`target.supports(feature)` (or `target.require`/`target.missing`) and never compare versions
themselves. The cdktf bindings (cdktf-cdktf-provider-aws 21.22.1) were generated from
hashicorp/aws 6.25.0, so that is the modern default; 3.39.0 is the only AWS provider
installable offline here.

Minimum versions come from the provider changelog; the ones marked "bound" are conservative
bounds (verified absent from the 3.39.0 schema, present in 6.25.0).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from generator.errors import Problem, UnsupportedFeature

MODERN_PROVIDER_VERSION = "6.25.0"
OFFLINE_PROVIDER_VERSION = "3.39.0"


class Feature(StrEnum):
    """Provider features the generator emits that are not in every target."""

    SERVICE_CONNECT = "service_connect"
    S3_BUCKET_SUBRESOURCES = "s3_bucket_subresources"
    RUNTIME_PLATFORM = "runtime_platform"
    GUARDDUTY_DETECTOR_FEATURE = "guardduty_detector_feature"
    ECS_EXEC_LOGGING = "ecs_exec_logging"
    MANAGED_MASTER_PASSWORD = "managed_master_password"
    MANAGED_SECRET_ROTATION = "managed_secret_rotation"
    DB_INSTANCE_DB_NAME = "db_instance_db_name"
    EIP_DOMAIN = "eip_domain"
    ECS_CLUSTER_CAPACITY_PROVIDERS_OPTIONAL = "ecs_cluster_capacity_providers_optional"
    TAGS_ON_EVERY_RESOURCE = "tags_on_every_resource"
    DATA_REGION_REGION = "data_region_region"
    ECS_BLUE_GREEN = "ecs_blue_green"
    ECS_LINEAR_CANARY = "ecs_linear_canary"
    GUARDDUTY_DETECTOR_DATA_SOURCE = "guardduty_detector_data_source"
    SERVICE_LINKED_ROLE = "service_linked_role"
    S3_BUCKET_OWNER_ENFORCED = "s3_bucket_owner_enforced"


#: feature -> (first provider version that has it, what the generator does without it)
FEATURE_MIN_VERSION: dict[Feature, tuple[str, str]] = {
    Feature.SERVICE_CONNECT: (
        "4.43.0", "fallback: Cloud Map DNS service discovery (private DNS namespace + service_registries)"),
    Feature.S3_BUCKET_SUBRESOURCES: (
        "4.0.0", "fallback: inline versioning / server_side_encryption_configuration / lifecycle_rule blocks"),
    Feature.RUNTIME_PLATFORM: (
        "3.69.0", "fallback: omitted, Fargate's default platform is LINUX/X86_64; ARM64 is an error"),
    Feature.GUARDDUTY_DETECTOR_FEATURE: (
        "5.17.0", "error: GuardDuty runtime monitoring has no equivalent; set guardduty.runtime_monitoring: false"),
    Feature.ECS_EXEC_LOGGING: (
        "4.0.0", "fallback (bound): cluster execute_command_configuration omitted, ECS Exec uses DEFAULT logging"),
    # manage_master_user_password: hashicorp/aws 4.61.0 changelog (terraform-aws-modules/terraform-aws-rds#488)
    Feature.MANAGED_MASTER_PASSWORD: (
        "4.61.0", "fallback: the master password is a sensitive input variable <database>_db_password, kept in "
                  "Terraform state, in a secret this stack owns"),
    # aws_secretsmanager_secret_rotation without rotation_lambda_arn (managed rotation):
    # hashicorp/terraform-provider-aws#34180, merged 2023-10-31, first released in 5.24.0
    Feature.MANAGED_SECRET_ROTATION: (
        "5.24.0", "error: the rotation schedule of an RDS-managed secret needs it; leave databases.*.rotation_days "
                  "unset (RDS rotates every 7 days)"),
    Feature.DB_INSTANCE_DB_NAME: (
        "4.0.0", "fallback: aws_db_instance spells the database name `name`"),
    Feature.EIP_DOMAIN: (
        "5.0.0", "fallback: aws_eip takes `vpc = true` instead of `domain = \"vpc\"`"),
    Feature.ECS_CLUSTER_CAPACITY_PROVIDERS_OPTIONAL: (
        # aws_ecs_cluster_capacity_providers: hashicorp/terraform-provider-aws#22672 (3.74.0); the inline arguments
        # deprecated in 4.0.0 (#22783) and removed in 5.0.0 (#31174)
        "4.0.0", "fallback (bound): the capacity providers (ecs-cluster module: FARGATE, FARGATE_SPOT) set inline "
                 "as `capacity_providers` (`[]` for none, which 3.x plans otherwise) instead of "
                 "aws_ecs_cluster_capacity_providers"),
    Feature.TAGS_ON_EVERY_RESOURCE: (
        "4.0.0", "fallback (bound): no tags on listeners, rules, routes, policies and other types whose 3.x "
                 "schema has no `tags`"),
    Feature.DATA_REGION_REGION: (
        "6.0.0", "fallback: data.aws_region's `name` (deprecated in 6.x for `region`)"),
    # aws_ecs_service deployment_configuration.strategy BLUE_GREEN, bake_time_in_minutes, lifecycle_hook,
    # load_balancer.advanced_configuration and Service Connect client_alias.test_traffic_rules: provider PR #43434
    # (https://github.com/hashicorp/terraform-provider-aws/pull/43434), released in v6.4.0.
    Feature.ECS_BLUE_GREEN: (
        "6.4.0", "error: ECS-native blue/green has no equivalent; use strategy blue_green (CodeDeploy) or rolling"),
    # strategy LINEAR and CANARY with linear_configuration / canary_configuration: provider PR #44842
    # (https://github.com/hashicorp/terraform-provider-aws/pull/44842), released in v6.21.0.
    Feature.ECS_LINEAR_CANARY: (
        "6.21.0", "error: ECS-native linear and canary have no equivalent; use strategy blue_green (CodeDeploy "
                  "linear/canary deployment configs) or rolling"),
    Feature.GUARDDUTY_DETECTOR_DATA_SOURCE: (
        "2.39.0", "error: the existing detector cannot be read; set guardduty.detector: create"),
    Feature.SERVICE_LINKED_ROLE: (
        "1.15.0", "error: aws_iam_service_linked_role does not exist; set create_service_linked_roles: false"),
    Feature.S3_BUCKET_OWNER_ENFORCED: (
        "3.69.0", "fallback: ownership controls omitted; new buckets default to BucketOwnerEnforced (ACLs off) "
                  "since April 2023 (https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html)"),
}


#: The Terraform CLI (not the provider) a stack needs for the S3 backend's lock object (`use_lockfile`): added in
#: 1.10.0 as experimental, generally available in 1.11.0, when DynamoDB locking (`dynamodb_table`, every version)
#: became deprecated (hashicorp/terraform#35661, #36338; https://developer.hashicorp.com/terraform/language/backend/s3).
S3_LOCKFILE_TERRAFORM = ">= 1.10.0"


def parse_version(text: str) -> tuple[int, int, int]:
    """'3.39.0' -> (3, 39, 0); raises ValueError on anything else."""
    parts = text.strip().split(".")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"provider version must look like MAJOR.MINOR.PATCH, got {text!r}")
    return int(parts[0]), int(parts[1]), int(parts[2])


@dataclass(frozen=True)
class ProviderTarget:
    """The exact `hashicorp/aws` version a stack is rendered for."""

    version: str = MODERN_PROVIDER_VERSION

    def __post_init__(self) -> None:
        parse_version(self.version)

    @property
    def constraint(self) -> str:
        """The stacks' `required_providers` constraint: exactly the target."""
        return self.version

    @property
    def module_constraint(self) -> str:
        """The modules' constraint: `>= <target>, < <next major>`.

        A rendering follows exactly the target's schema (bindings of 6.25.0; the offline 3.39.0
        provider): later releases of the same major only add to it, the next major removes
        arguments renderings use (e.g. `vpc = true` on aws_eip and `name` on aws_db_instance in 5.0).
        """
        return f">= {self.version}, < {parse_version(self.version)[0] + 1}.0.0"

    def supports(self, feature: Feature) -> bool:
        """Whether this provider version has `feature`."""
        return parse_version(self.version) >= parse_version(FEATURE_MIN_VERSION[feature][0])

    def missing(self, feature: Feature, field: str, fix: str) -> Problem | None:
        """A Problem for config `field` when the target lacks `feature` (None when it has it); `fix` says what to do."""
        if self.supports(feature):
            return None
        minimum = FEATURE_MIN_VERSION[feature][0]
        return Problem(field, f"needs hashicorp/aws >= {minimum}; the target is {self.version}: {fix}")

    def require(self, feature: Feature, field: str) -> None:
        """Raise UnsupportedFeature naming the config `field` when the target lacks `feature`."""
        problem = self.missing(feature, field, FEATURE_MIN_VERSION[feature][1])
        if problem is not None:
            raise UnsupportedFeature("provider target", [problem])
