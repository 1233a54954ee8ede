"""Typed environment configuration: what a user writes in `envs/*.yaml`.

Every name the workshop uses is a default here or in `envs/workshop.yaml`; every
default can be overridden. Cross-field rules (references between services, data
stores and pipelines) live in `validate.py`, so this module stays declarative.
"""
from __future__ import annotations

import ipaddress
import re
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from generator.config.fargate import FARGATE_SIZES, describe_memory_choices
from generator.config.names import derive_names
from generator.managed_rules import DEFAULT_RULE_GROUPS, MANAGED_RULE_GROUPS
from generator.targets import MODERN_PROVIDER_VERSION, ProviderTarget

NAME = r"^[a-z][a-z0-9-]{0,30}[a-z0-9]$"
WafRuleGroup = Literal[MANAGED_RULE_GROUPS]  # type: ignore[valid-type]
IMAGE = re.compile(
    r"^(?:(?P<registry>[a-z0-9.-]+(?::[0-9]+)?)/)?(?P<repo>[a-z0-9]+(?:[._/-][a-z0-9]+)*)"
    r"(?::(?P<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@sha256:[a-f0-9]{64})?$")


def _admits(annotation: Any, kinds: tuple[type, ...]) -> bool:
    """Whether a field's type admits values of `kinds` (one of them, Any, a Literal of them, or a union holding one)."""
    if annotation is Any or annotation in kinds:
        return True
    origin = get_origin(annotation)
    if origin is Literal:
        return all(type(arg) in kinds for arg in get_args(annotation))
    return origin in (Union, UnionType, Annotated) and any(_admits(arg, kinds) for arg in get_args(annotation))


class Strict(BaseModel):
    """Base: unknown keys are errors; no coercion ("80" is not 80, true is not 1, .inf is not a number)."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)

    @field_validator("*", mode="before")
    @classmethod
    def _no_yaml_booleans(cls, value: Any, info: ValidationInfo) -> Any:
        # strict mode still lets True equal 1 in Literal[1, ...]; YAML also reads yes/no/on/off as booleans
        if not isinstance(value, bool) or not info.field_name:
            return value
        annotation = cls.model_fields[info.field_name].annotation
        if _admits(annotation, (bool,)):
            return value
        for kinds, expected in (((str,), "text: quote it"), ((int, float), "a number")):
            if _admits(annotation, kinds):
                raise ValueError(f"got the YAML boolean {str(value).lower()} (YAML reads true/false/yes/no/on/off "
                                 f"as booleans); expected {expected}")
        return value


class ProviderConfig(Strict):
    """Which hashicorp/aws version the environment renders for."""

    version: str = MODERN_PROVIDER_VERSION

    @field_validator("version")
    @classmethod
    def _version(cls, value: str) -> str:
        ProviderTarget(value)
        return value


class NetworkConfig(Strict):
    """VPC across `az_count` zones with public and private subnets."""

    cidr: str = "10.0.0.0/16"
    az_count: int = Field(2, ge=2, le=6)
    nat: Literal["single", "per_az"] = "single"

    @field_validator("cidr")
    @classmethod
    def _cidr(cls, value: str) -> str:
        try:
            net = ipaddress.IPv4Network(value, strict=True)
        except ValueError as exc:
            raise ValueError(f"not a valid IPv4 CIDR block ({exc})") from None
        if not 16 <= net.prefixlen <= 24:
            raise ValueError("VPC CIDR prefix must be between /16 and /24")
        return value


class AccessLogsConfig(Strict):
    """ALB access logs, written to an S3 bucket the stack creates (private, SSE-S3, logs expire)."""

    prefix: str = Field("alb", pattern=r"^[a-z0-9][a-z0-9-]{0,62}$",
                        description="key prefix of the logs in the bucket (no 'AWSLogs', no leading or trailing '/')")
    retention_days: int = Field(90, ge=1, le=3650)

    @field_validator("prefix")
    @classmethod
    def _prefix(cls, value: str) -> str:
        # https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
        if "awslogs" in value.lower():
            raise ValueError("must not contain AWSLogs (Elastic Load Balancing adds it)")
        return value


class WafConfig(Strict):
    """A WAFv2 web ACL of AWS managed rule groups, associated with the ALB."""

    rule_groups: list[WafRuleGroup] = Field(default_factory=lambda: list(DEFAULT_RULE_GROUPS), min_length=1)

    @field_validator("rule_groups")
    @classmethod
    def _unique(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("each rule group at most once")
        return value


class AlbConfig(Strict):
    """The internet-facing Application Load Balancer in the public subnets."""

    name: str = Field(max_length=32, description="default: <prefix>-alb")
    listener_port: int = Field(80, ge=1, le=65535)
    certificate_arn: str | None = None
    ingress_cidrs: list[str] = ["0.0.0.0/0"]
    #: who may reach blue/green test listeners (CodeDeploy and ECS-native); None: the VPC's CIDR
    test_ingress_cidrs: list[str] | None = None
    ingress_ipv6_cidrs: list[str] = []
    idle_timeout: int = Field(60, ge=1, le=4000)
    deletion_protection: bool | None = Field(None, description="default: on, off in a sandbox (sandbox: true)")
    access_logs: AccessLogsConfig | None = None
    waf: WafConfig | None = None

    @field_validator("test_ingress_cidrs")
    @classmethod
    def _test_cidrs(cls, value: list[str] | None) -> list[str] | None:
        for cidr in value or []:
            try:
                ipaddress.IPv4Network(cidr, strict=True)
            except ValueError as exc:
                raise ValueError(f"{cidr!r} is not a valid IPv4 CIDR block ({exc})") from None
        return value

    @field_validator("certificate_arn")
    @classmethod
    def _cert(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/.+$", value):
            raise ValueError("must be an ACM certificate ARN (arn:aws:acm:REGION:ACCOUNT:certificate/ID)")
        return value


class ClusterConfig(Strict):
    """The ECS cluster."""

    name: str = Field(description="default: <prefix>-cluster")
    container_insights: bool = True


class LogsConfig(Strict):
    """Application log group and saved Logs Insights queries."""

    group: str = Field(description="default: <prefix>-tasks")
    retention_days: Literal[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653] = 30
    saved_queries: bool = True


class ServiceConnectConfig(Strict):
    """Cloud Map namespace shared by Service Connect (or DNS discovery on old targets)."""

    namespace: str = Field(description="default: <prefix>.local")


class HealthCheck(Strict):
    """Container health check; `path` builds the workshop's curl command."""

    path: str | None = None
    command: list[str] | None = None
    interval: int = Field(10, ge=5, le=300)
    timeout: int = Field(5, ge=2, le=60)
    retries: int = Field(3, ge=1, le=10)
    start_period: int = Field(60, ge=0, le=300)

    @model_validator(mode="after")
    def _one_form(self) -> HealthCheck:
        if (self.path is None) == (self.command is None):
            raise ValueError("give exactly one of 'path' or 'command'")
        if self.path is not None and not self.path.startswith("/"):
            raise ValueError("path must start with '/'")
        return self


class ServiceUrl(Strict):
    """An environment value that is the URL of another service (rendered per target)."""

    service_url: str


class TableName(Strict):
    """An environment value that is the name of a table of this environment."""

    table_name: str


class DatabaseSecret(Strict):
    """A secret taken from a database this environment creates."""

    database: str
    field: Literal["endpoint", "username", "password"]


class SecretsManagerSecret(Strict):
    """A JSON key of an existing Secrets Manager secret."""

    secrets_manager_arn: str = Field(pattern=r"^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:.+$")
    key: str | None = None


class SsmParameterSecret(Strict):
    """An existing SSM parameter."""

    ssm_parameter_arn: str = Field(pattern=r"^arn:aws[a-z-]*:ssm:[a-z0-9-]+:\d{12}:parameter/.+$")


SecretRef = DatabaseSecret | SecretsManagerSecret | SsmParameterSecret


class Autoscaling(Strict):
    """Application Auto Scaling target tracking on the service's desired count."""

    min: int = Field(2, ge=0)
    max: int = Field(10, ge=1)
    target: float = Field(1500, gt=0)
    metric: Literal["ALBRequestCountPerTarget", "ECSServiceAverageCPUUtilization",
                    "ECSServiceAverageMemoryUtilization"] = "ALBRequestCountPerTarget"
    scale_in_cooldown: int = Field(300, ge=0)
    scale_out_cooldown: int = Field(60, ge=0)

    @model_validator(mode="after")
    def _range(self) -> Autoscaling:
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) must not exceed max ({self.max})")
        return self


class ServiceConnectEntry(Strict):
    """How other services reach this one: discovery name, alias and alias port."""

    name: str = Field(description="default: the service's key")
    alias: str = Field(description="default: name")
    port: int = Field(80, ge=1, le=65535)


class LoadBalancing(Strict):
    """Put the service behind the ALB."""

    listener_port: int = Field(ge=1, le=65535, description="default: alb.listener_port")
    path_patterns: list[str] = []
    priority: int | None = Field(None, ge=1, le=50000)
    target_group_name: str = Field(max_length=32, description="default: <prefix>-<service>, cut to 32")
    health_check_path: str = Field(description="default: the container health check's path, else /")


class TableAccess(Strict):
    """Intent: this service reads (or reads and writes) a table of this environment."""

    table: str
    mode: Literal["read", "read_write"] = "read_write"


class ServiceConfig(Strict):
    """One ECS Fargate service and its task definition."""

    image: str
    cpu: int = 1024
    memory: int = 2048
    container_cpu: int | None = Field(None, ge=0)
    port: int = Field(8080, ge=1, le=65535)
    family: str = Field(description="default: <prefix>-<service>")
    container_name: str = "application"
    log_stream_prefix: str = Field(description="default: <service>-service")
    health_check: HealthCheck
    environment: dict[str, str | ServiceUrl | TableName] = {}
    secrets: dict[str, SecretRef] = {}
    desired_count: int = Field(1, ge=0)
    autoscaling: Autoscaling | None = None
    service_connect: ServiceConnectEntry | None = None
    load_balancer: LoadBalancing | None = None
    exec: bool = True
    access: list[TableAccess] = []
    execution_role: str = Field(description="default: <prefix>-<service>-execution")
    task_role: str | None = Field(None, description="default: <prefix>-<service>-task when exec or access need one")
    cpu_architecture: Literal["X86_64", "ARM64"] = "X86_64"
    deployment_minimum_healthy_percent: int = Field(100, ge=0, le=100)
    deployment_maximum_percent: int = Field(200, ge=100, le=400)

    @field_validator("image")
    @classmethod
    def _image(cls, value: str) -> str:
        if not IMAGE.match(value):
            raise ValueError("not a valid image reference (expected REGISTRY/REPOSITORY:TAG, e.g. "
                             "public.ecr.aws/aws-containers/retail-store-sample-ui:0.7.0)")
        return value

    @field_validator("environment", "secrets")
    @classmethod
    def _env_names(cls, value: dict) -> dict:
        for key in value:
            if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", key):
                raise ValueError(f"{key!r} is not a valid environment variable name")
        return value

    @model_validator(mode="after")
    def _fargate_size(self) -> ServiceConfig:
        if self.cpu not in FARGATE_SIZES:
            raise ValueError(f"cpu {self.cpu} is not a Fargate size; valid: "
                             f"{', '.join(str(c) for c in FARGATE_SIZES)}")
        if self.memory not in FARGATE_SIZES[self.cpu]:
            raise ValueError(f"memory {self.memory} is not valid with cpu {self.cpu} on Fargate; "
                             f"valid: {describe_memory_choices(self.cpu)}")
        overlap = set(self.environment) & set(self.secrets)
        if overlap:
            raise ValueError(f"{', '.join(sorted(overlap))} set in both environment and secrets")
        return self


class TableIndex(Strict):
    """A global secondary index."""

    name: str
    partition_key: str
    sort_key: str | None = None


class TableConfig(Strict):
    """A DynamoDB table (on-demand, encrypted, point-in-time recovery)."""

    name: str = Field(description="default: <prefix>-<key>")
    partition_key: str = "id"
    sort_key: str | None = None
    attributes: dict[str, Literal["S", "N", "B"]] = {}
    indexes: list[TableIndex] = []
    point_in_time_recovery: bool = True


class DatabaseConfig(Strict):
    """An RDS database in the private subnets, reachable only from the services that use it."""

    engine: Literal["mysql"] = "mysql"
    engine_version: str = "8.0"
    instance_class: str = "db.t4g.micro"
    allocated_storage: int = Field(20, ge=20, le=65536)
    db_name: str = "catalog"
    username: str = "catalog_user"
    identifier: str = Field(description="default: <prefix>-<key>")
    secret_name: str = Field(description="default: <prefix>-<key>-db; only where the stack owns the secret "
                                         "(targets < 4.61.0); RDS names the secret it manages")
    endpoint_parameter: str = Field(description="default: /<prefix>/<key>/db-endpoint")
    multi_az: bool = False
    backup_retention_days: int = Field(7, ge=0, le=35)
    deletion_protection: bool = False
    secret_recovery_days: int = Field(7, ge=0, le=30, description="only where the stack owns the secret")
    secret_kms_key_arn: str | None = Field(
        None, pattern=r"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/.+$",
        description="customer managed KMS key of the credentials secret (default: AWS managed aws/secretsmanager); "
                    "its key policy must let RDS and the execution roles use it")
    rotation_days: int | None = Field(
        None, ge=1, le=1000, description="days between rotations of the RDS-managed secret (default: RDS's 7; "
                                         "Secrets Manager accepts 1 to 1000)")


class GuardDutyConfig(Strict):
    """GuardDuty for the account and region, and its ECS Fargate runtime monitoring.

    GuardDuty allows one detector per account and region, so by default the stack adopts the
    account's detector (`existing`) instead of creating one; `create` is for fresh accounts.
    With `managed_by_organization` the organization's delegated administrator owns the
    detector and its features, and the stack renders nothing for GuardDuty.
    """

    enabled: bool = True
    runtime_monitoring: bool = True
    detector: Literal["create", "existing"] = "existing"
    managed_by_organization: bool = False


class SourceConfig(Strict):
    """Where a pipeline's source comes from."""

    type: Literal["codecommit", "codestar"] = "codecommit"
    #: CodeCommit: repository name (default `<prefix>-app`); codestar: `owner/name` (required)
    repository: str | None = None
    branch: str = "main"
    connection_arn: str | None = None


class BuildConfig(Strict):
    """CodeBuild settings for the image build."""

    image: str = "aws/codebuild/amazonlinux2-x86_64-standard:5.0"
    compute_type: Literal["BUILD_GENERAL1_SMALL", "BUILD_GENERAL1_MEDIUM", "BUILD_GENERAL1_LARGE"] = \
        "BUILD_GENERAL1_SMALL"
    context: str = "./src/ui"
    timeout_minutes: int = Field(30, ge=5, le=480)


class BlueGreenConfig(Strict):
    """CodeDeploy blue/green settings."""

    deployment_config: str = "CodeDeployDefault.ECSLinear10PercentEvery1Minutes"
    termination_wait_minutes: int = Field(5, ge=0, le=2880)
    test_listener_port: int = Field(8080, ge=1, le=65535)
    green_target_group_name: str = Field(max_length=32, description="default: <prefix>-<service>-green, cut to 32")
    alarms: list[str] = []
    application_name: str = Field(description="default: <prefix>-<service>")
    deployment_group_name: str = Field(description="default: <prefix>-<service>-group")


class TestTrafficHeader(Strict):
    """The HTTP header (exact value) that routes Service Connect test traffic to the green revision."""

    name: str = Field(min_length=1)
    value: str = Field(min_length=1)


#: lifecycle stages a hook can run at (the ECS API's DeploymentLifecycleHookStage values that the
#: aws_ecs_service docs of the provider list)
HOOK_STAGES = Literal["RECONCILE_SERVICE", "PRE_SCALE_UP", "POST_SCALE_UP", "TEST_TRAFFIC_SHIFT",
                      "POST_TEST_TRAFFIC_SHIFT", "PRODUCTION_TRAFFIC_SHIFT", "POST_PRODUCTION_TRAFFIC_SHIFT"]


class LifecycleHook(Strict):
    """A Lambda function ECS invokes at the given deployment stages."""

    function_arn: str = Field(pattern=r"^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+"
                                      r"(:[A-Za-z0-9$_-]+)?$")
    stages: list[HOOK_STAGES] = Field(min_length=1)


def _tenths(value: float) -> float:
    """ECS takes percentages in multiples of 0.1 (CanaryConfiguration, LinearConfiguration)."""
    if abs(value * 10 - round(value * 10)) > 1e-9:
        raise ValueError(f"{value} is not a multiple of 0.1")
    return value


class CanaryConfig(Strict):
    """ECS-native canary: `percent` of production traffic first, the rest after `bake_time_minutes` (API defaults)."""

    percent: float = Field(5.0, ge=0.1, le=100.0)
    bake_time_minutes: int = Field(10, ge=0, le=1440)

    _percent = field_validator("percent")(_tenths)


class LinearConfig(Strict):
    """ECS-native linear: `step_percent` more traffic every `step_bake_time_minutes` (API defaults)."""

    step_percent: float = Field(10.0, ge=3.0, le=100.0)
    step_bake_time_minutes: int = Field(6, ge=0, le=1440)

    _percent = field_validator("step_percent")(_tenths)


class EcsDeploymentConfig(Strict):
    """ECS-native blue/green, linear and canary: ECS shifts traffic between two target groups itself."""

    bake_time_minutes: int = Field(5, ge=0, le=1440)
    test_listener_port: int = Field(8080, ge=1, le=65535)
    alternate_target_group_name: str = Field(max_length=32, description="default: <prefix>-<service>-alt, cut to 32")
    infrastructure_role: str = Field(max_length=64, description="default: <prefix>-<service>-ecs-infra")
    hook_role: str = Field(max_length=64, description="default: <prefix>-<service>-ecs-hooks")
    canary: CanaryConfig | None = None
    linear: LinearConfig | None = None
    alarms: list[str] = []
    lifecycle_hooks: list[LifecycleHook] = []
    test_traffic_header: TestTrafficHeader | None = None


class PipelineConfig(Strict):
    """A CodePipeline that builds the service's image and deploys it (strategies: generator.strategies)."""

    service: str
    strategy: Literal["rolling", "blue_green", "ecs_blue_green", "ecs_linear", "ecs_canary"] = "rolling"
    name: str = Field(description="default: <prefix>-<key>")
    source: SourceConfig = SourceConfig()
    build: BuildConfig = BuildConfig()
    ecr_repository: str = Field(description="default: <prefix>-<service>")
    image_parameter: str = Field(description="default: /codebuild/<prefix>-<service>-latest-image")
    blue_green: BlueGreenConfig | None = None
    ecs_deployment: EcsDeploymentConfig | None = None
    artifact_expiry_days: int = Field(30, ge=1, le=3650)


class StateConfig(Strict):
    """Where Terraform keeps the environment's state: a local file (default) or an S3 object with a lock.

    Locking: `use_lockfile` (an S3 lock object, Terraform >= 1.10) or `dynamodb_table` (any Terraform;
    deprecated from 1.11); rules in `validate.check_state`, rendering in `generator/backend.py`.
    """

    backend: Literal["local", "s3"] = "local"
    bucket: str | None = None
    key: str | None = None
    region: str | None = Field(None, pattern=r"^[a-z]{2}(-gov)?-[a-z]+-\d$")
    encrypt: bool = True
    kms_key_id: str | None = Field(None, pattern=r"^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key/[A-Za-z0-9-]+$")
    use_lockfile: bool = False
    dynamodb_table: str | None = None


class EnvironmentConfig(Strict):
    """A whole environment: one stack. Names left out are derived from `prefix` and keys (config/names.py).

    `sandbox: true` marks a disposable environment (the embedded sandbox, a scratch account): defaults
    that would block `terraform destroy` (ALB deletion protection) are off there.
    """

    name: Annotated[str, Field(pattern=NAME)]
    prefix: Annotated[str, Field(pattern=NAME)] = "retail-store-ecs"
    region: Annotated[str, Field(pattern=r"^[a-z]{2}(-gov)?-[a-z]+-\d$")] = "us-west-2"
    sandbox: bool = False
    tags: dict[str, str] = {}
    provider: ProviderConfig = ProviderConfig()
    network: NetworkConfig = NetworkConfig()
    alb: AlbConfig
    cluster: ClusterConfig
    logs: LogsConfig
    service_connect: ServiceConnectConfig
    services: dict[Annotated[str, Field(pattern=NAME)], ServiceConfig]
    tables: dict[str, TableConfig] = {}
    databases: dict[str, DatabaseConfig] = {}
    guardduty: GuardDutyConfig = GuardDutyConfig()
    pipelines: dict[str, PipelineConfig] = {}
    state: StateConfig = StateConfig()
    #: create the service-linked roles the stack's services need (fresh accounts): constructs/service_linked_roles.py
    create_service_linked_roles: bool = False

    @model_validator(mode="before")
    @classmethod
    def _derive_names(cls, data: object) -> object:
        return derive_names(data)
