"""AWS's rules for the names and numbers an environment sends to AWS: the one table validation applies.

Where botocore's service models carry a constraint (length, pattern, range) it is read from them
(`botocore.session.get_session().get_service_model(SERVICE).shape_for(SHAPE).metadata`), so the
rule is AWS's own published API model; the shape is named next to each rule. The rules the models
do not carry (their shapes are a bare `String`, or the rule is prose in the API reference) are
spelled out here, each with the AWS page that states it. botocore's patterns are Java regular
expressions (`\\p{L}`, `\\p{Print}`), which the `regex` module reads as they are.

To add a rule: one `NameRule` (or `Limit`) entry below with its source, then use its kind in
`aws_names.py` (names) or `aws_checks.py` (numbers and combinations).
"""
from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import regex

#: a further check: (predicate that is True when the name breaks it, what the name does wrong)
Extra = tuple[Callable[[str], bool], str]


@dataclass(frozen=True)
class NameRule:
    """What AWS accepts for one kind of name."""

    what: str
    max_length: int
    allowed: str
    #: the characters allowed anywhere, as a regex class (names the offending characters)
    charset: str | None = None
    #: the whole form (default: `charset` repeated)
    pattern: str | None = None
    min_length: int = 1
    not_prefixed: tuple[str, ...] = ()
    not_suffixed: tuple[str, ...] = ()
    extra: tuple[Extra, ...] = ()
    #: AWS treats names that differ only in case as the same name (uniqueness compares them folded)
    case_insensitive: bool = False
    source: str = ""

    def describe(self) -> str:
        """The valid names, in words."""
        count = (f"{self.min_length} to {self.max_length}" if self.min_length != self.max_length
                 else str(self.max_length))
        text = f"{count} characters: {self.allowed}"
        if self.not_prefixed:
            text += f"; not starting with {' or '.join(repr(p) for p in self.not_prefixed)}"
        if self.not_suffixed:
            text += f"; not ending with {' or '.join(repr(s) for s in self.not_suffixed)}"
        return text

    def problem(self, value: str) -> str | None:
        """Why `value` is not a valid name of this kind (None when it is)."""
        reason = self._reason(value)
        if reason is None:
            return None
        return f"{value!r} is not a valid {self.what}: {reason}; valid: {self.describe()}"

    def _reason(self, value: str) -> str | None:
        if not self.min_length <= len(value) <= self.max_length:
            return f"it has {len(value)} characters"
        if self.charset is not None and not _compiled(f"{self.charset}*").fullmatch(value):
            bad = [c for c in dict.fromkeys(value) if not _compiled(self.charset).fullmatch(c)]
            return f"it contains {', '.join(repr(c) for c in bad)}"
        if self.pattern is not None and not _compiled(self.pattern).fullmatch(value):
            return "it does not have that form"
        folded = value.lower()
        for prefix in self.not_prefixed:
            if folded.startswith(prefix.lower()):
                return f"it starts with {value[:len(prefix)]!r}"
        for suffix in self.not_suffixed:
            if folded.endswith(suffix.lower()):
                return f"it ends with {value[-len(suffix):]!r}"
        return next((message for breaks, message in self.extra if breaks(value)), None)


@dataclass(frozen=True)
class Limit:
    """A number AWS accepts only within `minimum..maximum`."""

    what: str
    minimum: int
    maximum: int
    source: str = ""

    def problem(self, value: float) -> str | None:
        """Why `value` is out of range (None when it is within)."""
        if self.minimum <= value <= self.maximum:
            return None
        return f"{value} is outside {self.minimum}..{self.maximum}, the range AWS accepts for {self.what}"


@functools.cache
def _compiled(pattern: str) -> regex.Pattern:
    return regex.compile(pattern)


# --- botocore ------------------------------------------------------------------------------------

@functools.cache
def _session() -> Any:
    import botocore.session  # imported on first use: only validation reads the models

    return botocore.session.get_session()


@functools.cache
def _model(service: str) -> Any:
    return _session().get_service_model(service)


def shape(service: str, name: str) -> dict:
    """The constraints (min, max, pattern) botocore's model of `service` gives shape `name`."""
    return dict(_model(service).shape_for(name).metadata)


def _from_model(service: str, shape_name: str, what: str, allowed: str, **more: Any) -> NameRule:
    """A rule with the length and pattern of botocore's shape (`more` adds what the model lacks)."""
    meta = shape(service, shape_name)
    fields = {"min_length": max(meta.get("min", 1), 1), "max_length": meta["max"], "pattern": meta.get("pattern"),
              "source": f"botocore {service} {shape_name}"}
    return NameRule(what=what, allowed=allowed, **{**fields, **more})


def _model_limit(service: str, shape_name: str, what: str) -> Limit:
    meta = shape(service, shape_name)
    return Limit(what, meta["min"], meta["max"], source=f"botocore {service} {shape_name}")


@functools.cache
def ecs_regions() -> frozenset[str]:
    """Regions botocore's endpoint data lists for ECS, in the partitions this stack renders ARNs for."""
    session = _session()
    return frozenset(region for partition in ("aws", "aws-cn", "aws-us-gov")
                     for region in session.get_available_regions("ecs", partition_name=partition))


# --- extra checks --------------------------------------------------------------------------------

def _edge(char: str) -> Extra:
    return (lambda v: v.startswith(char) or v.endswith(char), f"it starts or ends with {char!r}")


def _dns_labels(value: str) -> bool:
    """True when a dot-separated label is empty, longer than 63, or starts/ends with a hyphen."""
    return any(not label or len(label) > 63 or label[0] == "-" or label[-1] == "-" for label in value.split("."))


def _is_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


ECS_CHARS = r"[A-Za-z0-9_-]"
SERVICE_CONNECT_CHARS = r"[a-z0-9_-]"
ECS_DOCS = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/"
ELB_DOCS = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/"
RDS_DOCS = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/"


def _ecs(what: str, page: str) -> NameRule:
    return NameRule(what, 255, "letters, digits, '_' and '-'", charset=ECS_CHARS, source=ECS_DOCS + page)


@functools.cache
def names() -> dict[str, NameRule]:
    """Every kind of name this stack sends to AWS -> its rule."""
    no_leading_hyphen: Extra = (lambda v: v.startswith("-"), "it starts with '-'")
    return {
        # "a maximum of 32 characters, must contain only alphanumeric characters or hyphens, must not begin or
        # end with a hyphen, and must not begin with "internal-"" (API_CreateLoadBalancer, API_CreateTargetGroup)
        "load_balancer": NameRule(
            "load balancer name", 32, "letters, digits and hyphens, not starting or ending with a hyphen",
            charset=r"[A-Za-z0-9-]", not_prefixed=("internal-",), extra=(_edge("-"),),
            source=ELB_DOCS + "API_CreateLoadBalancer.html"),
        "target_group": NameRule(
            "target group name", 32, "letters, digits and hyphens, not starting or ending with a hyphen",
            charset=r"[A-Za-z0-9-]", extra=(_edge("-"),), source=ELB_DOCS + "API_CreateTargetGroup.html"),
        # "IAM user, group, role, and policy names must be unique within the account. Names are not
        # distinguished by case." https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
        "iam_role": _from_model("iam", "roleNameType", "IAM role name", "letters, digits and _+=,.@-",
                                charset=r"[\w+=,.@-]", case_insensitive=True),
        "iam_policy": _from_model("iam", "policyNameType", "IAM policy name", "letters, digits and _+=,.@-",
                                  charset=r"[\w+=,.@-]"),
        # "Up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens are allowed."
        "ecs_cluster": _ecs("ECS cluster name", "API_CreateCluster.html"),
        "ecs_service": _ecs("ECS service name", "API_CreateService.html"),
        "ecs_family": _ecs("ECS task definition family", "API_RegisterTaskDefinition.html"),
        "ecs_container": _ecs("ECS container name", "API_ContainerDefinition.html"),
        # Service Connect names the container's port mapping after the container. Port mapping and discovery
        # names: "up to 64 characters ... lowercase letters, numbers, underscores (_), and hyphens (-). The name
        # can't start with a hyphen." Client alias dnsName: up to 127 characters, periods too.
        "ecs_port_name": NameRule(
            "ECS port mapping name (Service Connect names it after the container)", 64,
            "lowercase letters, digits, '_' and '-', not starting with '-'", charset=SERVICE_CONNECT_CHARS,
            extra=(no_leading_hyphen,), source=ECS_DOCS + "API_PortMapping.html"),
        "service_connect_name": NameRule(
            "Service Connect discovery name", 64, "lowercase letters, digits, '_' and '-', not starting with '-'",
            charset=SERVICE_CONNECT_CHARS, extra=(no_leading_hyphen,),
            source=ECS_DOCS + "API_ServiceConnectService.html"),
        "service_connect_alias": NameRule(
            "Service Connect client alias (DNS name)", 127,
            "lowercase letters, digits, '_', '-' and '.', not starting with '-'", charset=r"[a-z0-9_.-]",
            extra=(no_leading_hyphen,), source=ECS_DOCS + "API_ServiceConnectClientAlias.html"),
        "cloud_map_service": NameRule(
            "Cloud Map service name", 127, "dot-separated labels of letters, digits, '_' and '-', not starting "
            "or ending with '-'", charset=r"[A-Za-z0-9_.-]",
            pattern=shape("servicediscovery", "ServiceName")["pattern"],
            source="botocore servicediscovery ServiceName"),
        # A private DNS namespace is a Route 53 private hosted zone: labels of at most 63 characters
        # https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/DomainNameFormat.html
        "namespace": _from_model(
            "servicediscovery", "NamespaceNamePrivate", "Cloud Map namespace (DNS name)",
            "dot-separated labels of 1 to 63 letters, digits, '_' and '-', not starting or ending with '-'",
            charset=r"[A-Za-z0-9_.-]", extra=((_dns_labels, "a label is empty, longer than 63 or starts/ends "
                                                            "with '-'"),)),
        # "Log group names can't start with the string aws/" (CreateLogGroup, in botocore's documentation)
        "log_group": _from_model("logs", "LogGroupName", "CloudWatch log group name", "letters, digits and _-/.#",
                                 charset=r"[A-Za-z0-9_\-/.#]", not_prefixed=("aws/",)),
        "log_stream_prefix": _from_model("logs", "LogStreamName", "awslogs stream prefix (log stream name)",
                                         "any characters but ':' and '*'", charset=r"[^:*]"),
        "logs_query": _from_model("logs", "QueryDefinitionName", "Logs Insights query name", "any characters"),
        # "Must contain from 1 to 63 letters, numbers, or hyphens. First character must be a letter. Can't end
        # with a hyphen or contain two consecutive hyphens." "stored as a lowercase string" (CreateDBInstance)
        "rds_identifier": NameRule(
            "RDS DB instance identifier", 63, "letters, digits and hyphens, starting with a letter, not ending "
            "with a hyphen, no two hyphens in a row", charset=r"[A-Za-z0-9-]", pattern=r"[A-Za-z][A-Za-z0-9-]*",
            extra=((lambda v: v.endswith("-") or "--" in v, "it ends with '-' or has '--'"),),
            case_insensitive=True, source=RDS_DOCS + "API_CreateDBInstance.html"),
        # "no more than 255 letters, numbers, periods, underscores, spaces, or hyphens. Must not be default.
        # First character must be a letter." "stored as a lowercase string" (CreateDBSubnetGroup)
        "rds_subnet_group": NameRule(
            "RDS DB subnet group name", 255, "letters, digits, periods, underscores, spaces and hyphens, "
            "starting with a letter, not 'default'", charset=r"[A-Za-z0-9._ -]", pattern=r"[A-Za-z][A-Za-z0-9._ -]*",
            extra=((lambda v: v.lower() == "default", "it is 'default'"),), case_insensitive=True,
            source=RDS_DOCS + "API_CreateDBSubnetGroup.html"),
        # MySQL (CreateDBInstance): DBName "1 to 64 letters or numbers ... Must begin with a letter. Subsequent
        # characters can be letters, underscores, or digits"; MasterUsername "1 to 16 letters, numbers, or
        # underscores. First character must be a letter."
        "mysql_db_name": NameRule(
            "MySQL database name", 64, "letters, digits and '_', starting with a letter", charset=r"[A-Za-z0-9_]",
            pattern=r"[A-Za-z][A-Za-z0-9_]*", source=RDS_DOCS + "API_CreateDBInstance.html"),
        "mysql_username": NameRule(
            "MySQL master username", 16, "letters, digits and '_', starting with a letter", charset=r"[A-Za-z0-9_]",
            pattern=r"[A-Za-z][A-Za-z0-9_]*", source=RDS_DOCS + "API_CreateDBInstance.html"),
        "dynamodb_table": _from_model("dynamodb", "TableName", "DynamoDB table name", "letters, digits and _.-",
                                      charset=r"[a-zA-Z0-9_.-]"),
        "dynamodb_index": _from_model("dynamodb", "IndexName", "DynamoDB index name", "letters, digits and _.-",
                                      charset=r"[a-zA-Z0-9_.-]"),
        "dynamodb_attribute": _from_model("dynamodb", "KeySchemaAttributeName", "DynamoDB key attribute name",
                                          "any characters"),
        "ecr_repository": _from_model(
            "ecr", "RepositoryName", "ECR repository name", "lowercase letters and digits in parts joined by "
            "'.', '_', '__' or '-', in '/'-separated segments", charset=r"[a-z0-9._/-]"),
        # PutParameter: names "can include only the following symbols and letters: a-zA-Z0-9_.-" plus "/" for
        # hierarchies (which need the leading "/", at most 15 levels); "can't be prefixed with "aws" or "ssm"
        # (case-insensitive)"; "The maximum length for the fully qualified parameter name is 1011 characters"
        # https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html
        "ssm_parameter": NameRule(
            "SSM parameter name", 1011, "letters, digits and _.-, in '/'-separated levels after a leading '/'",
            charset=r"[A-Za-z0-9_.\-/]",
            extra=((lambda v: v.lstrip("/").lower().startswith(("aws", "ssm")), "it starts with 'aws' or 'ssm'"),
                   (lambda v: "/" in v and not v.startswith("/"), "a hierarchy must start with '/'"),
                   (lambda v: v.count("/") > 15, "it has more than 15 levels"),
                   (lambda v: "//" in v or v.endswith("/"), "it has an empty level")),
            source="https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_PutParameter.html"),
        # "The secret name can contain ASCII letters, numbers, and the following characters: /_+=.@-"
        # (CreateSecret Name, in botocore's documentation)
        "secret": _from_model("secretsmanager", "NameType", "Secrets Manager secret name",
                              "ASCII letters, digits and /_+=.@-", charset=r"[A-Za-z0-9/_+=.@-]"),
        "codepipeline": _from_model("codepipeline", "PipelineName", "CodePipeline name", "letters, digits and .@-_",
                                    charset=r"[A-Za-z0-9.@\-_]"),
        "codebuild_project": _from_model(
            "codebuild", "ProjectName", "CodeBuild project name (the pipeline's name)",
            "letters, digits, '-' and '_', starting with a letter or digit", charset=r"[A-Za-z0-9\-_]"),
        "codedeploy_application": _from_model("codedeploy", "ApplicationName", "CodeDeploy application name",
                                              "letters, digits and +=,.@_-", charset=r"[A-Za-z0-9+=,.@_-]"),
        "codedeploy_group": _from_model("codedeploy", "DeploymentGroupName", "CodeDeploy deployment group name",
                                        "letters, digits and +=,.@_-", charset=r"[A-Za-z0-9+=,.@_-]"),
        # "The suffix .git is prohibited" (CreateRepository, in botocore's documentation)
        "codecommit_repository": _from_model("codecommit", "RepositoryName", "CodeCommit repository name",
                                             "letters, digits, '_', '.' and '-'", charset=r"[\w.-]",
                                             not_suffixed=(".git",)),
        "codecommit_branch": _from_model("codecommit", "BranchName", "branch name", "any characters"),
        "connection_arn": _from_model("codestar-connections", "ConnectionArn", "CodeStar connection ARN",
                                      "arn:PARTITION:codestar-connections:REGION:ACCOUNT:connection/ID"),
        "cloudwatch_alarm": _from_model("cloudwatch", "AlarmName", "CloudWatch alarm name", "any characters"),
        # "Up to 255 characters in length. Can't start with sg-. Valid characters: a-z, A-Z, 0-9, spaces, and
        # ._-:/()#,@[]+=&;{}!$*"; "Names are case-insensitive and must be unique within the VPC."
        # https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
        "security_group": NameRule(
            "security group name", 255, "letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*",
            charset=r"[A-Za-z0-9 ._\-:/()#,@\[\]+=&;{}!$*]", not_prefixed=("sg-",), case_insensitive=True,
            source="https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html"),
        # General purpose bucket naming rules: "between 3 (min) and 63 (max) characters long", "only lowercase
        # letters, numbers, dots (.), and hyphens (-)", "begin and end with a letter or number", no two adjacent
        # periods, not an IP address, reserved prefixes xn--, sthree-, amzn-s3-demo- and suffixes -s3alias,
        # --ol-s3, .mrap, --x-s3  https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
        "s3_bucket": NameRule(
            "S3 bucket name", 63, "lowercase letters, digits, '.' and '-', starting and ending with a letter or "
            "digit, no '..', not an IP address", min_length=3, charset=r"[a-z0-9.-]",
            pattern=r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?", not_prefixed=("xn--", "sthree-", "amzn-s3-demo-"),
            not_suffixed=("-s3alias", "--ol-s3", ".mrap", "--x-s3"),
            extra=((lambda v: ".." in v, "it has '..'"), (_is_ip, "it is an IP address")),
            source="https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"),
        # The bucket prefix AWS completes with a unique suffix (the same rules)
        "s3_bucket_prefix": NameRule(
            "S3 bucket name prefix (the pipeline's name, lowercased)", 37,
            "lowercase letters, digits, '.' and '-', starting with a letter or digit, no '..'",
            charset=r"[a-z0-9.-]", pattern=r"[a-z0-9][a-z0-9.-]*", not_prefixed=("xn--", "sthree-", "amzn-s3-demo-"),
            extra=((lambda v: ".." in v, "it has '..'"),),
            source="https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html"),
        "scaling_policy": _from_model("application-autoscaling", "PolicyName", "scaling policy name",
                                      "printable characters"),
        # Tags: the strictest services' pattern (ECS). "Do not use aws:, AWS:, or any upper or lowercase
        # combination of such as a prefix for either keys or values" (ECS Tag, in botocore's documentation)
        "tag_key": _from_model("ecs", "TagKey", "tag key", "letters, digits, spaces and _.:/=+-@",
                               charset=r"[\p{L}\p{Z}\p{N}_.:/=+\-@]", not_prefixed=("aws:",)),
        "tag_value": _from_model("ecs", "TagValue", "tag value", "letters, digits, spaces and _.:/=+-@",
                                 charset=r"[\p{L}\p{Z}\p{N}_.:/=+\-@]", not_prefixed=("aws:",), min_length=0),
        # "A path pattern is case-sensitive, can be up to 128 characters in length, and can contain any of the
        # following characters. A-Z, a-z, 0-9; _ - . $ / ~ " ' @ : +; & (using &amp;); *; ?"
        "path_pattern": NameRule(
            "listener rule path pattern", 128, "letters, digits and _-.$/~\"'@:+&*?",
            charset=r"[A-Za-z0-9_\-.$/~\"'@:+&*?]", source=ELB_DOCS + "API_RuleCondition.html"),
        "health_check_path": _from_model("elbv2", "Path", "target group health check path", "any characters"),
        "waf_web_acl": _from_model("wafv2", "EntityName", "WAF web ACL name", "letters, digits, '_' and '-'"),
    }


@functools.cache
def limits() -> dict[str, Limit]:
    """Numbers AWS bounds -> their range."""
    return {
        "health_check_interval": _model_limit("elbv2", "HealthCheckIntervalSeconds",
                                              "a target group's health check interval (s)"),
        "health_check_timeout": _model_limit("elbv2", "HealthCheckTimeoutSeconds",
                                             "a target group's health check timeout (s)"),
        "health_check_threshold": _model_limit("elbv2", "HealthCheckThresholdCount",
                                               "a target group's healthy/unhealthy threshold"),
        "rule_priority": _model_limit("elbv2", "RulePriority", "a listener rule priority"),
        # "Tasks per service: 5,000" https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html
        "tasks_per_service": Limit("the tasks of one ECS service", 0, 5000,
                                   "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html"),
        # "One or more global secondary indexes (the maximum is 20)"
        # https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
        "global_secondary_indexes": Limit("the global secondary indexes of a table", 0, 20,
                                          "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/"
                                          "API_CreateTable.html"),
        # "A maximum of 10 alarms can be added."
        # https://docs.aws.amazon.com/codedeploy/latest/APIReference/API_AlarmConfiguration.html
        "codedeploy_alarms": Limit("the alarms of a CodeDeploy deployment group", 0, 10,
                                   "https://docs.aws.amazon.com/codedeploy/latest/APIReference/"
                                   "API_AlarmConfiguration.html"),
        # "You can specify up to three match evaluations per condition" and "up to five wildcards per rule"
        # https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html
        "path_patterns_per_rule": Limit("the path patterns of one listener rule condition", 1, 3,
                                        "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/"
                                        "rule-condition-types.html"),
        "wildcards_per_rule": Limit("the wildcards ('*', '?') of one listener rule", 0, 5,
                                    "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/"
                                    "rule-condition-types.html"),
        # "Maximum number of tags per resource—50"
        # https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
        "tags_per_resource": Limit("the tags of one resource (yours plus Environment and Name)", 0, 50,
                                   "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html"),
    }


#: DeleteSecret: "The number of days from 7 to 30"; 0 means ForceDeleteWithoutRecovery in the provider
#: https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html
SECRET_RECOVERY_DAYS = frozenset({0, *range(7, 31)})


@dataclass(frozen=True)
class EngineCatalog:
    """Versions and instance classes one RDS engine offers (a short list, not every one AWS has)."""

    versions: tuple[str, ...]
    #: instance family (db.FAMILY.SIZE) -> sizes
    classes: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def version_known(self, version: str) -> bool:
        """A major version (8.0) or one of its minor versions (8.0.40)."""
        return any(version == v or regex.fullmatch(regex.escape(v) + r"\.\d+", version) for v in self.versions)

    def class_known(self, instance_class: str) -> bool:
        parts = instance_class.split(".")
        return len(parts) == 3 and parts[0] == "db" and parts[2] in self.classes.get(parts[1], ())

    def describe_classes(self) -> str:
        return "; ".join(f"db.{family}.{{{','.join(sizes)}}}" for family, sizes in self.classes.items())


_BURST = ("micro", "small", "medium", "large", "xlarge", "2xlarge")
_STANDARD = ("large", "xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge")

#: engine -> what RDS offers. MySQL major versions:
#: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/MySQL.Concepts.VersionMgmt.html
#: (5.7 only under RDS Extended Support); instance classes per engine:
#: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html
#: Extend by adding versions or families here.
RDS_ENGINES: dict[str, EngineCatalog] = {
    "mysql": EngineCatalog(
        versions=("5.7", "8.0", "8.4"),
        classes={"t3": _BURST, "t4g": _BURST, "m5": _STANDARD, "m6g": _STANDARD, "m6i": _STANDARD,
                 "m7g": _STANDARD, "r5": _STANDARD, "r6g": _STANDARD, "r6i": _STANDARD, "r7g": _STANDARD}),
}
