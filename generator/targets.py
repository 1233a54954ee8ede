"""Provider targets: which `hashicorp/aws` version an environment renders for, and what it supports.

The cdktf bindings we use (cdktf-cdktf-provider-aws 21.22.1) were generated from
hashicorp/aws 6.25.0, so that is the modern default. Older targets (3.39.0 is the only
AWS provider installable offline here) lack some features; the constructs ask
`target.supports(feature)` and either render an equivalent the target has or raise
`UnsupportedFeature` at generation time.

Minimum versions come from the provider changelog; the ones marked "bound" are
conservative bounds (verified absent from the 3.39.0 schema, present in 6.25.0).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from generator.errors import Problem, UnsupportedFeature

MODERN_PROVIDER_VERSION = "6.25.0"
OFFLINE_PROVIDER_VERSION = "3.39.0"


class Feature(str, Enum):
    """Provider features the generator emits that are not in every target."""

    SERVICE_CONNECT = "service_connect"
    S3_BUCKET_SUBRESOURCES = "s3_bucket_subresources"
    RUNTIME_PLATFORM = "runtime_platform"
    GUARDDUTY_DETECTOR_FEATURE = "guardduty_detector_feature"
    ECS_EXEC_LOGGING = "ecs_exec_logging"
    S3_USE_PATH_STYLE = "s3_use_path_style"
    ECS_SERVICE_ALARMS = "ecs_service_alarms"
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
    Feature.S3_USE_PATH_STYLE: (
        "4.0.0", "fallback: provider option s3_force_path_style"),
    Feature.ECS_SERVICE_ALARMS: (
        "4.62.0", "fallback: CloudWatch alarms only drive CodeDeploy rollback"),
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
    def is_modern(self) -> bool:
        """True for the version the bindings were generated from."""
        return self.version == MODERN_PROVIDER_VERSION

    @property
    def major(self) -> int:
        """The provider's major version."""
        return parse_version(self.version)[0]

    @property
    def constraint(self) -> str:
        """The `required_providers` version constraint: exactly the target."""
        return self.version

    def supports(self, feature: Feature) -> bool:
        """Whether this provider version has `feature`."""
        return parse_version(self.version) >= parse_version(FEATURE_MIN_VERSION[feature][0])

    def require(self, feature: Feature, field: str) -> None:
        """Raise UnsupportedFeature naming the config `field` when the target lacks `feature`."""
        if not self.supports(feature):
            minimum, consequence = FEATURE_MIN_VERSION[feature]
            raise UnsupportedFeature("provider target", [Problem(
                field, f"needs hashicorp/aws >= {minimum}, but the environment targets {self.version} ({consequence})")])
