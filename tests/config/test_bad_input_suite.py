"""Bad input that AWS (or the provider at plan time) would reject: every case through the CLI (`synth`).

Each case names the rule it breaks (its id), mutates a valid environment, and asserts: exit code 2,
a `FILE: FIELD: message` line for the exact field with the rule's words, no traceback, and nothing
written (no output folder, nothing but the environment file in the folder). Validation fails before
anything is synthesized, so the whole table costs a few seconds.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator import cli

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]
BASES = {name: yaml.safe_load((ROOT / "envs" / f"{name}.yaml").read_text()) for name in ("workshop", "local")}
DELETE = object()
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
LONG = "a" * 300


@dataclass(frozen=True)
class Case:
    """`edits` are (path, value): a dotted path, or a tuple when a key holds dots; DELETE removes the key."""

    rule: str
    field: str
    expected: str
    edits: tuple = ()
    base: str = "workshop"
    raw: bytes | None = None  # the file's bytes, for reading cases
    extra: dict = field(default_factory=dict)


def C(rule: str, fld: str, expected: str, *edits: tuple, base: str = "workshop") -> Case:
    return Case(rule, fld, expected, edits, base)


def R(rule: str, fld: str, expected: str, raw: bytes) -> Case:
    return Case(rule, fld, expected, raw=raw)


def edited(base: dict, edits: tuple) -> dict:
    data = copy.deepcopy(base)
    for path, value in edits:
        *parents, last = path.split(".") if isinstance(path, str) else path
        node: Any = data
        for key in parents:
            node = node.setdefault(key, {})
        if value is DELETE:
            del node[last]
        else:
            node[last] = value
    return data


#: a secret name reaches AWS only where the stack owns the secret: targets without RDS-managed passwords
OWNED_SECRET = (("provider.version", "3.39.0"), ("guardduty.runtime_monitoring", False))
W = BASES["workshop"]
ASSETS = W["services"]["assets"]
UI = W["services"]["ui"]


def service(**changes) -> dict:
    """A valid extra service (no discovery entry, own family and log prefix) to collide with."""
    return {**copy.deepcopy(ASSETS), "service_connect": None, **changes}


def bad_pipeline(**changes) -> dict:
    return {"service": "assets", "strategy": "rolling", "name": "extra-pipeline", "ecr_repository": "extra-repo",
            "image_parameter": "/extra/image", **changes}


def database(**changes) -> dict:
    return {"db_name": "orders", "identifier": "orders-db", "secret_name": "orders-db-secret",
            "endpoint_parameter": "/orders/endpoint", **changes}


def indexes(count: int) -> list[dict]:
    return [{"name": f"index{i:02d}", "partition_key": "customerId"} for i in range(count)]


BG = "pipelines.ui-blue-green"
RL = "pipelines.ui-rolling"
CICD = "services.retail-store-ui-cicd"

NAMES = [
    C("lb-characters", "alb.name", "is not a valid load balancer name: it contains '_'", ("alb.name", "my_alb")),
    C("lb-leading-hyphen", "alb.name", "load balancer name: it starts or ends with '-'", ("alb.name", "-alb")),
    C("lb-trailing-hyphen", "alb.name", "load balancer name: it starts or ends with '-'", ("alb.name", "alb-")),
    C("lb-internal-prefix", "alb.name", "load balancer name: it starts with 'internal-'",
      ("alb.name", "internal-app")),
    C("lb-length", "alb.name", "at most 32 characters", ("alb.name", "a" * 33)),
    C("tg-characters", "services.ui.load_balancer.target_group_name", "target group name: it contains '_'",
      ("services.ui.load_balancer.target_group_name", "ui_app")),
    C("tg-leading-hyphen", "services.ui.load_balancer.target_group_name", "target group name: it starts or ends",
      ("services.ui.load_balancer.target_group_name", "-ui")),
    C("tg-trailing-hyphen", "services.ui.load_balancer.target_group_name", "target group name: it starts or ends",
      ("services.ui.load_balancer.target_group_name", "ui-")),
    C("tg-green-characters", f"{BG}.blue_green.green_target_group_name", "target group name: it contains '.'",
      (f"{BG}.blue_green.green_target_group_name", "green.ui")),
    C("tg-green-length", f"{BG}.blue_green.green_target_group_name", "at most 32 characters",
      (f"{BG}.blue_green.green_target_group_name", "g" * 33)),
    C("iam-role-characters", "services.ui.execution_role", "IAM role name: it contains ' '",
      ("services.ui.execution_role", "execution role")),
    C("iam-role-length", "services.carts.task_role", "IAM role name: it has 65 characters",
      ("services.carts.task_role", "r" * 65)),
    C("iam-role-hash", "services.ui.task_role", "IAM role name: it contains '#'", ("services.ui.task_role", "role#1")),
    C("ecs-cluster-characters", "cluster.name", "ECS cluster name: it contains ' '", ("cluster.name", "my cluster")),
    C("ecs-cluster-length", "cluster.name", "ECS cluster name: it has 256 characters", ("cluster.name", "c" * 256)),
    C("ecs-family-characters", "services.ui.family", "ECS task definition family: it contains '.'",
      ("services.ui.family", "ui.v2")),
    C("ecs-family-length", "services.ui.family", "ECS task definition family: it has 256 characters",
      ("services.ui.family", "f" * 256)),
    C("ecs-container-characters", "services.ui.container_name", "ECS container name: it contains '.'",
      ("services.ui.container_name", "app.main")),
    C("ecs-port-name-uppercase", "services.ui.container_name",
      "its port mapping name: 'App' is not a valid ECS port mapping name", ("services.ui.container_name", "App")),
    C("ecs-port-name-length", "services.ui.container_name", "ECS port mapping name (Service Connect names it after "
      "the container): it has 65 characters", ("services.ui.container_name", "c" * 65)),
    C("ecs-port-name-hyphen", "services.ui.container_name", "ECS port mapping name (Service Connect names it after "
      "the container): it starts with '-'", ("services.ui.container_name", "-app")),
    C("ecs-service-key", "services.UI.[key]", "should match pattern", ("services.UI", copy.deepcopy(UI))),
    C("log-stream-prefix", "services.ui.log_stream_prefix", "awslogs stream prefix (log stream name): it contains ':'",
      ("services.ui.log_stream_prefix", "ui:service")),
    C("log-stream-prefix-star", "services.ui.log_stream_prefix", "it contains '*'",
      ("services.ui.log_stream_prefix", "ui*")),
    C("service-connect-uppercase", "services.catalog.service_connect.name",
      "Service Connect discovery name: it contains 'C'", ("services.catalog.service_connect.name", "Catalog")),
    C("service-connect-hyphen", "services.catalog.service_connect.name", "Service Connect discovery name: it starts "
      "with '-'", ("services.catalog.service_connect.name", "-catalog")),
    C("service-connect-length", "services.catalog.service_connect.name", "Service Connect discovery name: it has 65",
      ("services.catalog.service_connect.name", "c" * 65)),
    C("service-connect-alias-uppercase", "services.catalog.service_connect.alias",
      "Service Connect client alias (DNS name): it contains 'C'", ("services.catalog.service_connect.alias", "Cat")),
    C("service-connect-alias-length", "services.catalog.service_connect.alias", "client alias (DNS name): it has 128",
      ("services.catalog.service_connect.alias", "a" * 128)),
    C("cloud-map-service-form", "services.catalog.service_connect.name", "Cloud Map service name: it does not have",
      ("services.catalog.service_connect.name", "-catalog"), base="local"),
    C("cloud-map-service-characters", "services.catalog.service_connect.name", "Cloud Map service name: it contains",
      ("services.catalog.service_connect.name", "cat alog"), base="local"),
    C("namespace-empty-label", "service_connect.namespace", "Cloud Map namespace (DNS name): a label is empty",
      ("service_connect.namespace", "retail..local")),
    C("namespace-label-hyphen", "service_connect.namespace", "a label is empty, longer than 63 or starts/ends",
      ("service_connect.namespace", "-retail.local")),
    C("namespace-label-length", "service_connect.namespace", "a label is empty, longer than 63",
      ("service_connect.namespace", "r" * 64 + ".local")),
    C("namespace-characters", "service_connect.namespace", "Cloud Map namespace (DNS name): it contains ' '",
      ("service_connect.namespace", "retail store.local")),
    C("log-group-aws-prefix", "logs.group", "CloudWatch log group name: it starts with 'aws/'",
      ("logs.group", "aws/ecs/tasks")),
    C("log-group-characters", "logs.group", "CloudWatch log group name: it contains ' '", ("logs.group", "task logs")),
    C("log-group-length", "logs.group", "CloudWatch log group name: it has 513 characters", ("logs.group", "l" * 513)),
    C("rds-identifier-first-letter", "databases.catalog.identifier", "RDS DB instance identifier: it does not have",
      ("databases.catalog.identifier", "1catalog")),
    C("rds-identifier-double-hyphen", "databases.catalog.identifier", "RDS DB instance identifier: it ends with '-' "
      "or has '--'", ("databases.catalog.identifier", "cat--alog")),
    C("rds-identifier-trailing-hyphen", "databases.catalog.identifier", "it ends with '-' or has '--'",
      ("databases.catalog.identifier", "catalog-")),
    C("rds-identifier-characters", "databases.catalog.identifier", "RDS DB instance identifier: it contains '_'",
      ("databases.catalog.identifier", "cat_alog")),
    C("rds-identifier-length", "databases.catalog.identifier", "RDS DB instance identifier: it has 64 characters",
      ("databases.catalog.identifier", "c" * 64)),
    C("rds-subnet-group-default", "databases.catalog.identifier", "its DB subnet group: 'default' is not a valid "
      "RDS DB subnet group name", ("databases.catalog.identifier", "default")),
    C("mysql-db-name-first-letter", "databases.catalog.db_name", "MySQL database name: it does not have that form",
      ("databases.catalog.db_name", "1catalog")),
    C("mysql-db-name-hyphen", "databases.catalog.db_name", "MySQL database name: it contains '-'",
      ("databases.catalog.db_name", "cata-log")),
    C("mysql-db-name-length", "databases.catalog.db_name", "MySQL database name: it has 65 characters",
      ("databases.catalog.db_name", "d" * 65)),
    C("mysql-username-first-letter", "databases.catalog.username", "MySQL master username: it does not have",
      ("databases.catalog.username", "1user")),
    C("mysql-username-length", "databases.catalog.username", "MySQL master username: it has 17 characters",
      ("databases.catalog.username", "u" * 17)),
    C("mysql-username-hyphen", "databases.catalog.username", "MySQL master username: it contains '-'",
      ("databases.catalog.username", "cat-user")),
    C("dynamodb-table-short", "tables.carts.name", "DynamoDB table name: it has 2 characters",
      ("tables.carts.name", "ab")),
    C("dynamodb-table-characters", "tables.carts.name", "DynamoDB table name: it contains ' '",
      ("tables.carts.name", "carts table")),
    C("dynamodb-table-length", "tables.carts.name", "DynamoDB table name: it has 256 characters",
      ("tables.carts.name", "t" * 256)),
    C("dynamodb-index-short", "tables.carts.indexes[0].name", "DynamoDB index name: it has 2 characters",
      ("tables.carts.indexes", [{"name": "ix", "partition_key": "customerId"}])),
    C("dynamodb-index-characters", "tables.carts.indexes[0].name", "DynamoDB index name: it contains ' '",
      ("tables.carts.indexes", [{"name": "idx customer", "partition_key": "customerId"}])),
    C("dynamodb-attribute-empty", "tables.carts.partition_key", "DynamoDB key attribute name: it has 0 characters",
      ("tables.carts.partition_key", "")),
    C("ecr-uppercase", f"{BG}.ecr_repository", "ECR repository name: it contains 'R', 'U'",
      (f"{BG}.ecr_repository", "Retail-UI")),
    C("ecr-short", f"{BG}.ecr_repository", "ECR repository name: it has 1 characters", (f"{BG}.ecr_repository", "a")),
    C("ecr-form", f"{BG}.ecr_repository", "ECR repository name: it does not have that form",
      (f"{BG}.ecr_repository", "retail-ui-")),
    C("ssm-aws-prefix", f"{BG}.image_parameter", "SSM parameter name: it starts with 'aws' or 'ssm'",
      (f"{BG}.image_parameter", "/aws/retail")),
    C("ssm-ssm-prefix", f"{BG}.image_parameter", "SSM parameter name: it starts with 'aws' or 'ssm'",
      (f"{BG}.image_parameter", "/SSM/retail")),
    C("ssm-leading-slash", f"{BG}.image_parameter", "SSM parameter name: a hierarchy must start with '/'",
      (f"{BG}.image_parameter", "codebuild/retail")),
    C("ssm-characters", f"{BG}.image_parameter", "SSM parameter name: it contains ' '",
      (f"{BG}.image_parameter", "/codebuild/retail ui")),
    C("ssm-depth", f"{BG}.image_parameter", "SSM parameter name: it has more than 15 levels",
      (f"{BG}.image_parameter", "/l" * 16)),
    C("ssm-empty-level", "databases.catalog.endpoint_parameter", "SSM parameter name: it has an empty level",
      ("databases.catalog.endpoint_parameter", "/retail//db")),
    C("ssm-length", "databases.catalog.endpoint_parameter", "SSM parameter name: it has 1012 characters",
      ("databases.catalog.endpoint_parameter", "/" + "p" * 1011)),
    C("secret-characters", "databases.catalog.secret_name", "Secrets Manager secret name: it contains ' '",
      ("databases.catalog.secret_name", "catalog db"), *OWNED_SECRET),
    C("secret-hash", "databases.catalog.secret_name", "Secrets Manager secret name: it contains '#'",
      ("databases.catalog.secret_name", "catalog#db"), *OWNED_SECRET),
    C("secret-length", "databases.catalog.secret_name", "Secrets Manager secret name: it has 513 characters",
      ("databases.catalog.secret_name", "s" * 513), *OWNED_SECRET),
    C("codepipeline-characters", f"{BG}.name", "CodePipeline name: it contains ' '", (f"{BG}.name", "pipe line")),
    C("codepipeline-length", f"{BG}.name", "CodePipeline name: it has 101 characters", (f"{BG}.name", "p" * 101)),
    C("codebuild-period", f"{BG}.name", "its CodeBuild project: 'retail.pipe' is not a valid CodeBuild project name",
      (f"{BG}.name", "retail.pipe")),
    C("codebuild-at", f"{BG}.name", "CodeBuild project name (the pipeline's name): it contains '@'",
      (f"{BG}.name", "retail@pipe")),
    C("codebuild-first-character", f"{BG}.name", "CodeBuild project name (the pipeline's name): it does not have",
      (f"{BG}.name", "_retail")),
    C("s3-bucket-prefix", f"{BG}.name", "its artifact bucket prefix: 'retail_pipe-artifacts-' is not a valid S3 "
      "bucket name prefix", (f"{BG}.name", "retail_pipe")),
    C("s3-bucket-reserved-prefix", f"{BG}.name", "S3 bucket name prefix (the pipeline's name, lowercased): it starts "
      "with 'xn--'", (f"{BG}.name", "xn--pipe")),
    C("codedeploy-app-characters", f"{BG}.blue_green.application_name", "CodeDeploy application name: it contains",
      (f"{BG}.blue_green.application_name", "retail ui")),
    C("codedeploy-app-length", f"{BG}.blue_green.application_name", "CodeDeploy application name: it has 101",
      (f"{BG}.blue_green.application_name", "a" * 101)),
    C("codedeploy-group-characters", f"{BG}.blue_green.deployment_group_name", "CodeDeploy deployment group name: "
      "it contains '#'", (f"{BG}.blue_green.deployment_group_name", "group#1")),
    C("codedeploy-group-length", f"{BG}.blue_green.deployment_group_name", "CodeDeploy deployment group name: it has",
      (f"{BG}.blue_green.deployment_group_name", "g" * 101)),
    C("codecommit-git-suffix", f"{BG}.source.repository", "CodeCommit repository name: it ends with '.git'",
      (f"{BG}.source.repository", "retail-store-sample-app.git"), (f"{RL}.source.repository", "other-app")),
    C("codecommit-characters", f"{BG}.source.repository", "CodeCommit repository name: it contains ' '",
      (f"{BG}.source.repository", "retail store")),
    C("codecommit-length", f"{BG}.source.repository", "CodeCommit repository name: it has 101 characters",
      (f"{BG}.source.repository", "r" * 101)),
    C("codecommit-branch-empty", f"{BG}.source.branch", "branch name: it has 0 characters",
      (f"{BG}.source.branch", "")),
    C("codecommit-branch-length", f"{BG}.source.branch", "branch name: it has 257 characters",
      (f"{BG}.source.branch", "b" * 257)),
    C("codestar-connection-arn", f"{RL}.source.connection_arn", "CodeStar connection ARN: it does not have",
      (f"{RL}.source", {"type": "codestar", "repository": "me/app", "connection_arn": "my-connection"})),
    C("security-group-sg-prefix", "alb.name", "its security group: 'sg-web-alb' is not a valid security group name: "
      "it starts with 'sg-'", ("alb.name", "sg-web")),
    C("cloudwatch-alarm-length", f"{BG}.blue_green.alarms[0]", "CloudWatch alarm name: it has 256 characters",
      (f"{BG}.blue_green.alarms", ["a" * 256])),
    C("tag-key-aws-prefix", "tags.aws:owner", "tag key: it starts with 'aws:'", ("tags", {"aws:owner": "me"})),
    C("tag-value-aws-prefix", "tags.Owner", "tag value: it starts with 'AWS:'", ("tags", {"Owner": "AWS:me"})),
    C("tag-key-length", "tags." + "k" * 129, "tag key: it has 129 characters", ("tags", {"k" * 129: "v"})),
    C("tag-value-length", "tags.Owner", "tag value: it has 257 characters", ("tags", {"Owner": "v" * 257})),
    C("tag-key-characters", "tags.a!b", "tag key: it contains '!'", ("tags", {"a!b": "v"})),
    C("tag-value-characters", "tags.Owner", "tag value: it contains '#'", ("tags", {"Owner": "team#1"})),
    C("path-pattern-characters", f"{CICD}.load_balancer.path_patterns[0]", "listener rule path pattern: it contains",
      (f"{CICD}.load_balancer.path_patterns", ["/a b"])),
    C("path-pattern-hash", f"{CICD}.load_balancer.path_patterns[0]", "listener rule path pattern: it contains '#'",
      (f"{CICD}.load_balancer.path_patterns", ["/a#b"])),
    C("path-pattern-length", f"{CICD}.load_balancer.path_patterns[0]", "listener rule path pattern: it has 129",
      (f"{CICD}.load_balancer.path_patterns", ["/" + "p" * 128])),
    C("s3-bucket-state", "state.bucket", "'Team-State' is not a valid S3 bucket name: it contains 'T', 'S'",
      ("state", {"backend": "s3", "bucket": "Team-State", "key": "team.tfstate", "use_lockfile": True})),
    C("s3-bucket-state-suffix", "state.bucket", "S3 bucket name: it ends with '-s3alias'",
      ("state", {"backend": "s3", "bucket": "team-s3alias", "key": "team.tfstate", "use_lockfile": True})),
    C("health-check-path-length", "services.ui.load_balancer.health_check_path", "target group health check path: "
      "it has 1025 characters", ("services.ui.load_balancer.health_check_path", "/" + "h" * 1024)),
]

DERIVED = [
    C("derived-table-name-characters", "tables.my table.name", "DynamoDB table name: it contains ' '; valid: 3 to "
      "255 characters: letters, digits and _.- (derived from prefix and keys", (("tables", "my table"), {})),
    C("derived-rds-identifier-characters", "databases.my_db.identifier", "RDS DB instance identifier: it contains "
      "'_'; valid:", (("databases", "my_db"), {"db_name": "mydb"})),
    C("derived-pipeline-name-period", "pipelines.ui.x.name", "its CodeBuild project: 'retail-store-ecs-ui.x' is not "
      "a valid CodeBuild project name", (("pipelines", "ui.x"), bad_pipeline()),
      (("pipelines", "ui.x", "name"), DELETE)),
    C("derived-bucket-prefix-underscore", "pipelines.ui_x.name", "its artifact bucket prefix: "
      "'retail-store-ecs-ui_x-artifacts-' is not a valid S3 bucket name prefix", (("pipelines", "ui_x"),
                                                                                  bad_pipeline()),
      (("pipelines", "ui_x", "name"), DELETE)),
    C("derived-secret-name-characters", "databases.my db.secret_name", "Secrets Manager secret name: it contains ' '",
      (("databases", "my db"), {"db_name": "mydb", "identifier": "mydb"}), *OWNED_SECRET),
    C("derived-ssm-characters", "databases.my db.endpoint_parameter", "SSM parameter name: it contains ' '",
      (("databases", "my db"), {"db_name": "mydb", "identifier": "mydb", "secret_name": "mydb"})),
    C("derived-ssm-aws-prefix", "databases.catalog.endpoint_parameter", "'/aws-shop/catalog/db-endpoint' is not a "
      "valid SSM parameter name: it starts with 'aws' or 'ssm'", ("prefix", "aws-shop"), base="local"),
    C("derived-security-group-prefix", "services.ui", "its security group: 'sg-shop-ui' is not a valid security group "
      "name: it starts with 'sg-'", ("prefix", "sg-shop"), base="local"),
]

NUMBERS = [
    C("health-timeout-not-below-interval", "services.ui.health_check.timeout", "10 s is also the target group's "
      "health check timeout, which must be smaller than its interval (10 s)", ("services.ui.health_check.interval", 5),
      ("services.ui.health_check.timeout", 10)),
    C("health-timeout-equals-interval", "services.ui.health_check.timeout", "must be smaller than its interval (20 s)",
      ("services.ui.health_check", {"path": "/actuator/health", "interval": 20, "timeout": 20})),
    C("health-timeout-above-interval", "services.ui.health_check.timeout", "valid: 2..9",
      ("services.ui.health_check", {"path": "/actuator/health", "interval": 10, "timeout": 30})),
    C("health-retries-below-threshold", "services.ui.health_check.retries", "is also the target group's unhealthy "
      "threshold: 1 is outside 2..10", ("services.ui.health_check.retries", 1)),
    C("container-cpu-above-task", "services.assets.container_cpu", "2048 exceeds the task's cpu (1024); valid: "
      "0..1024", ("services.assets.container_cpu", 2048)),
    C("desired-count-above-quota", "services.assets.desired_count", "5001 is outside 0..5000, the range AWS accepts "
      "for the tasks of one ECS service", ("services.assets.desired_count", 5001)),
    C("autoscaling-max-above-quota", "services.ui.autoscaling.max", "5001 is outside 0..5000",
      ("services.ui.autoscaling.max", 5001)),
    C("path-patterns-per-rule", f"{CICD}.load_balancer.path_patterns", "4 patterns; AWS takes at most 3",
      (f"{CICD}.load_balancer.path_patterns", ["/a", "/b", "/c", "/d"])),
    C("wildcards-per-rule", f"{CICD}.load_balancer.path_patterns", "6 wildcards; AWS takes at most 5",
      (f"{CICD}.load_balancer.path_patterns", ["/a*?*", "/b***"])),
    C("rule-priority-range", f"{CICD}.load_balancer.priority", "less than or equal to 50000",
      (f"{CICD}.load_balancer.priority", 50001), (f"{CICD}.load_balancer.path_patterns", ["/cicd/*"])),
    C("rule-priority-unique", "services.ui-two.load_balancer.priority", "listener 8081 already has a rule with "
      "priority 5 (service 'retail-store-ui-cicd')", (f"{CICD}.load_balancer.path_patterns", ["/cicd/*"]),
      (f"{CICD}.load_balancer.priority", 5),
      ("services.ui-two", service(family="ui-two", log_stream_prefix="ui-two", load_balancer={
          "listener_port": 8081, "path_patterns": ["/two/*"], "priority": 5, "target_group_name": "ui-two"}))),
    C("rule-priority-derived-unique", "services.ui-two.load_balancer.priority", "already has a rule with priority 10",
      (f"{CICD}.load_balancer.path_patterns", ["/cicd/*"]),
      ("services.ui-two", service(family="ui-two", log_stream_prefix="ui-two", load_balancer={
          "listener_port": 8081, "path_patterns": ["/two/*"], "priority": 10, "target_group_name": "ui-two"}))),
    C("secret-recovery-window-gap", "databases.catalog.secret_recovery_days", "3: Secrets Manager keeps a deleted "
      "secret 7 to 30 days; valid: 0 (delete at once) or 7..30", ("databases.catalog.secret_recovery_days", 3)),
    C("secret-recovery-window-max", "databases.catalog.secret_recovery_days", "less than or equal to 30",
      ("databases.catalog.secret_recovery_days", 31)),
    C("gsi-count", "tables.carts.indexes", "21 is outside 0..20, the range AWS accepts for the global secondary "
      "indexes of a table", ("tables.carts.indexes", indexes(21))),
    C("gsi-unique-names", "tables.carts.indexes[1].name", "'index00' is also index [0]; index names are unique",
      ("tables.carts.indexes", indexes(1) * 2)),
    C("codedeploy-alarm-count", f"{BG}.blue_green.alarms", "11 is outside 0..10, the range AWS accepts for the "
      "alarms of a CodeDeploy deployment group", (f"{BG}.blue_green.alarms", [f"alarm-{i}" for i in range(11)])),
    C("codedeploy-alarm-twice", f"{BG}.blue_green.alarms", "alarm-1 listed twice", (f"{BG}.blue_green.alarms",
                                                                                    ["alarm-1", "alarm-1"])),
    C("cidr-host-bits", "alb.ingress_cidrs[0]", "'10.0.0.1/16' has host bits set; the network address is "
      "10.0.0.0/16", ("alb.ingress_cidrs", ["10.0.0.1/16"])),
    C("cidr-ipv6-in-ipv4-field", "alb.ingress_cidrs[0]", "'::/0' is an IPv6 block; those go in "
      "alb.ingress_ipv6_cidrs", ("alb.ingress_cidrs", ["::/0"])),
    C("cidr-not-a-block", "alb.ingress_cidrs[1]", "'not-a-cidr' is not a CIDR block",
      ("alb.ingress_cidrs", ["0.0.0.0/0", "not-a-cidr"])),
    C("cidr-prefix-too-long", "alb.ingress_cidrs[0]", "'10.0.0.0/33' is not a CIDR block",
      ("alb.ingress_cidrs", ["10.0.0.0/33"])),
    C("cidr-ipv4-in-ipv6-field", "alb.ingress_ipv6_cidrs[0]", "'0.0.0.0/0' is an IPv4 block; those go in "
      "alb.ingress_cidrs", ("alb.ingress_ipv6_cidrs", ["0.0.0.0/0"])),
    C("cidr-ipv6-host-bits", "alb.ingress_ipv6_cidrs[0]", "has host bits set; the network address is 2001:db8::/32",
      ("alb.ingress_ipv6_cidrs", ["2001:db8::1/32"])),
    C("cidr-no-source", "alb.ingress_cidrs", "empty (and no alb.ingress_ipv6_cidrs)", ("alb.ingress_cidrs", [])),
    C("certificate-other-region", "alb.certificate_arn", "the certificate is in aws/eu-west-1, but an ALB takes only "
      "certificates of its own region: aws/us-west-2",
      ("alb.certificate_arn", "arn:aws:acm:eu-west-1:111122223333:certificate/abc")),
    C("certificate-other-partition", "alb.certificate_arn", "the certificate is in aws-cn/us-west-2",
      ("alb.certificate_arn", "arn:aws-cn:acm:us-west-2:111122223333:certificate/abc")),
    C("rds-engine-version-unknown", "databases.catalog.engine_version", "'9.9' is not an RDS mysql version; valid: "
      "5.7, 8.0, 8.4", ("databases.catalog.engine_version", "9.9")),
    C("rds-engine-version-form", "databases.catalog.engine_version", "'8.0.x' is not an RDS mysql version",
      ("databases.catalog.engine_version", "8.0.x")),
    C("rds-instance-class-size", "databases.catalog.instance_class", "'db.t4g.huge' is not an RDS mysql instance "
      "class this generator knows; valid: db.t3.{micro", ("databases.catalog.instance_class", "db.t4g.huge")),
    C("rds-instance-class-form", "databases.catalog.instance_class", "'t4g.micro' is not an RDS mysql instance class",
      ("databases.catalog.instance_class", "t4g.micro")),
    C("rds-allocated-storage", "databases.catalog.allocated_storage", "greater than or equal to 20",
      ("databases.catalog.allocated_storage", 10)),
    C("region-unknown", "region", "'us-west-9' is not a region where botocore's endpoint data offers ECS; valid: "
      "af-south-1", ("region", "us-west-9")),
    C("region-form", "region", "should match pattern", ("region", "uswest2")),
    C("tags-per-resource", "tags", "48 tags plus the stack's Environment, Name, Tier make 51; AWS allows 50",
      ("tags", {f"Key{i}": "v" for i in range(48)})),
]

SAME_NAME = [
    C("iam-role-case", "services.assets.execution_role", "'retailstoreecstaskexecutionrole' is also the IAM role name "
      "of services.ui.execution_role; AWS takes each IAM role name once, ignoring case",
      ("services.assets.execution_role", "retailstoreecstaskexecutionrole")),
    C("iam-role-pipeline", f"{BG}.name", "its build role: 'ecs-immersion-day-retail-store-sample-build' is also the "
      "IAM role name of services.catalog.execution_role",
      ("services.catalog.execution_role", "ecs-immersion-day-retail-store-sample-build")),
    C("iam-role-flow-logs", "services.carts.task_role", "is also the IAM role name of prefix (its VPC flow log role)",
      ("services.carts.task_role", "retail-store-ecs-vpc-flow-logs")),
    C("dynamodb-lock-table-twice", "state.dynamodb_table", "'retail-store-ecs-carts' is also the DynamoDB table "
      "name of tables.carts.name", ("state", {"backend": "s3", "bucket": "team-state", "key": "team.tfstate",
                                             "dynamodb_table": "retail-store-ecs-carts"})),
    C("dynamodb-table-twice", "tables.orders.name", "'retail-store-ecs-carts' is also the DynamoDB table name of "
      "tables.carts.name", ("tables.orders", {"name": "retail-store-ecs-carts"})),
    C("rds-identifier-case", "databases.orders.identifier", "is also the RDS DB instance identifier of "
      "databases.catalog.identifier; AWS takes each RDS DB instance identifier once, ignoring case",
      ("databases.orders", database(identifier="Retail-Store-ECS-Catalog"))),
    C("secret-twice", "databases.orders.secret_name", "'retail-store-ecs-catalog-db' is also the Secrets Manager "
      "secret name of databases.catalog.secret_name", ("databases.orders", database(
          secret_name="retail-store-ecs-catalog-db")), *OWNED_SECRET),
    C("ssm-parameter-twice", f"{BG}.image_parameter", "is also the SSM parameter name of "
      f"{RL}.image_parameter", (f"{BG}.image_parameter", "/codebuild/retail-store-sample-ui-cicd-latest-image")),
    C("ssm-parameter-endpoint", f"{RL}.image_parameter", "also the SSM parameter name of "
      "databases.catalog.endpoint_parameter", (f"{RL}.image_parameter", "/retail-store-ecs/catalog/db-endpoint")),
    C("codepipeline-twice", f"{BG}.name", "'ecs-immersion-day-retail-store-sample-rolling' is also the CodePipeline "
      f"name of {RL}.name", (f"{BG}.name", "ecs-immersion-day-retail-store-sample-rolling")),
    C("ecr-twice", f"{BG}.ecr_repository", f"is also the ECR repository name of {RL}.ecr_repository",
      (f"{BG}.ecr_repository", "retail-store-sample-ui-cicd")),
    C("codedeploy-app-twice", f"{BG}.blue_green.application_name", "is also the CodeDeploy application name of "
      f"{RL}.blue_green.application_name", (f"{RL}.strategy", "blue_green"), (f"{RL}.blue_green", {
          "test_listener_port": 8084, "green_target_group_name": "cicd-green", "application_name":
          "retail-ui-deployment"})),
    C("security-group-service-vs-database", "databases.catalog.identifier", "its security group: "
      "'retail-store-ecs-catalog-db' is also the security group name of services.catalog-db (its security group)",
      ("services.catalog-db", service(family="catalog-db", log_stream_prefix="catalog-db"))),
    C("security-group-service-vs-alb", "services.ui-alb", "its security group: 'retail-store-ecs-ui-alb' is also "
      "the security group name of alb.name (its security group)",
      ("services.ui-alb", service(family="ui-alb", log_stream_prefix="ui-alb"))),
    C("log-group-codebuild", f"{RL}.name", "its build log group: '/codebuild/ecs-immersion-day-retail-store-sample-"
      "rolling' is also the CloudWatch log group name of logs.group",
      ("logs.group", "/codebuild/ecs-immersion-day-retail-store-sample-rolling")),
    C("log-group-flow-logs", "logs.group", "is also the CloudWatch log group name of prefix (its VPC flow log group)",
      ("logs.group", "/vpc/retail-store-ecs/flow-logs")),
    C("target-group-twice", "services.carts.load_balancer.target_group_name", "'ui-application' is also used by "
      "service 'ui'", ("services.carts.load_balancer", {"listener_port": 8090, "target_group_name":
                                                        "ui-application"})),
]

SAME_ADDRESS = [
    C("tables-key-hyphen-underscore", "tables.carts_a", "keys 'carts_a' and 'carts-a' become the same Terraform "
      "address (carts_a...)", ("tables.carts-a", {"name": "t-one"}), ("tables.carts_a", {"name": "t-two"})),
    C("tables-key-period", "tables.carts_b", "keys 'carts_b' and 'carts.b' become the same Terraform address",
      (("tables", "carts.b"), {"name": "t-one"}), ("tables.carts_b", {"name": "t-two"})),
    C("pipelines-key-hyphen-underscore", "pipelines.ui_rolling", "keys 'ui_rolling' and 'ui-rolling' become the same "
      "Terraform address", ("pipelines.ui_rolling", bad_pipeline())),
    C("databases-key-hyphen-underscore", "databases.cat_a", "keys 'cat_a' and 'cat-a' become the same Terraform "
      "address", ("databases.cat-a", database()), ("databases.cat_a", database(
          identifier="orders-two", secret_name="orders-two", endpoint_parameter="/orders/two"))),
    C("roles-period-hyphen", "services.carts.task_role", "role 'role-a' and role 'role.a' become the same Terraform "
      "address", ("services.ui.task_role", "role.a"), ("services.carts.task_role", "role-a")),
    C("roles-policy-suffix", "services.carts.task_role", "role 'svc-role-policy' and role 'svc-role' become the same "
      "Terraform address", ("services.ui.task_role", "svc-role"), ("services.carts.task_role", "svc-role-policy")),
    C("roles-managed-suffix", "services.carts.task_role", "role 'retailStoreEcsTaskExecutionRole_managed' and role "
      "'retailStoreEcsTaskExecutionRole'", ("services.carts.task_role", "retailStoreEcsTaskExecutionRole_managed")),
    C("codecommit-repositories", f"{BG}.source.repository", "CodeCommit repositories 'retail-app' and 'retail.app' "
      "become the same Terraform address", (f"{RL}.source.repository", "retail.app"),
      (f"{BG}.source.repository", "retail-app")),
    C("green-target-group-address", f"{BG}.service", "the green target group of service 'retail-store-ui-bg' and the "
      "target group of service 'retail-store-ui-bg-green' become the same Terraform address",
      ("services.retail-store-ui-bg-green", service(family="bg-green", log_stream_prefix="bg-green", load_balancer={
          "listener_port": 8090, "target_group_name": "bg-green"}))),
    C("database-key-variable", "databases.1db", "the key '1db' names the Terraform variable 1db_db_password",
      ("databases.1db", database()), base="local"),
    C("database-key-variable-period", "databases.cat.db", "names the Terraform variable cat.db_db_password",
      (("databases", "cat.db"), database()), base="local"),
]


def _nest(depth: int) -> bytes:
    return b"name: deep\nx: " + b"[" * depth + b"]" * depth + b"\n"


LAUGHS = b"a: &a [x, x, x, x, x, x, x, x, x, x]\n" + b"".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n".encode() for i in range(8))

READING = [
    R("binary-file", "(file)", "not UTF-8 text (byte 0x89 at offset 0)", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    R("latin-1-file", "(file)", "not UTF-8 text (byte 0xe9 at offset 12)", b"name: caf\xc3\xa9-\xe9\n"),
    R("nul-bytes", "(yaml)", "unacceptable character #x0000", b"name: a\x00b\n"),
    R("empty-file", "(file)", "is empty; expected a mapping of configuration keys", b""),
    R("blank-file", "(file)", "is empty", b"  \n\n\t\n"),
    R("comments-only", "(file)", "holds no settings (only comments or null)", b"# nothing here\n"),
    R("yaml-null", "(file)", "holds no settings", b"null\n"),
    R("billion-laughs", "(yaml)", "expands to more than 20000 values", LAUGHS),
    R("deep-nesting", "(yaml)", "nested deeper than 32 levels", _nest(100)),
    R("too-big", "(file)", "an environment file is at most 1048576 bytes", b"#" * (1 << 20) + b"\nname: x\n"),
    R("top-level-list", "(top level)", "expected a mapping of configuration keys", b"- name: x\n"),
    R("top-level-scalar", "(top level)", "expected a mapping", b"just text\n"),
    R("duplicate-key", "(yaml)", "duplicate key 'name'", b"name: a\nname: b\n"),
    R("two-documents", "(yaml)", "expected a single document", b"name: a\n---\nname: b\n"),
    R("syntax-error", "(yaml)", "while parsing a flow sequence at line 1, column 7", b"name: [a, b\n"),
    R("python-tag", "(yaml)", "could not determine a constructor", b"name: !!python/object:os.system x\n"),
    R("tab-indent", "(yaml)", "at line 2, column 1", b"name: a\n\tprefix: b\n"),
]

TYPES = [
    C("yaml-bool-for-port", "services.ui.port", "got the YAML boolean true (YAML reads true/false/yes/no/on/off as "
      "booleans); expected a number", ("services.ui.port", True)),
    C("string-for-port", "services.ui.port", "Input should be a valid integer, got '8080'",
      ("services.ui.port", "8080")),
    C("float-for-cpu", "services.ui.cpu", "Input should be a valid integer, got 1024.0", ("services.ui.cpu", 1024.0)),
    C("yaml-bool-for-count", "services.assets.desired_count", "got the YAML boolean true",
      ("services.assets.desired_count", True)),
    C("string-for-bool", "services.ui.exec", "Input should be a valid boolean, got 'true'",
      ("services.ui.exec", "true")),
    C("yaml-bool-for-literal", "logs.retention_days", "got the YAML boolean true", ("logs.retention_days", True)),
    C("float-for-tag", "tags.Version", "Input should be a valid string, got 1.0", ("tags.Version", 1.0)),
    C("yaml-bool-for-text", f"{BG}.source.branch", "got the YAML boolean true (YAML reads true/false/yes/no/on/off "
      "as booleans); expected text: quote it", (f"{BG}.source.branch", True)),
    C("infinity", "services.ui.autoscaling.target", "Input should be a finite number",
      ("services.ui.autoscaling.target", float("inf"))),
    C("float-for-version", "provider.version", "Input should be a valid string, got 3.39", ("provider.version", 3.39)),
    C("yaml-bool-for-name", "name", "got the YAML boolean false", ("name", False)),
    C("list-for-mapping", "services", "Input should be a valid dictionary, got []", ("services", [])),
    C("string-for-list", "services.ui.health_check.command", "Input should be a valid list, got 'curl'",
      ("services.ui.health_check", {"command": "curl"})),
    C("null-for-port", "services.ui.port", "Input should be a valid integer, got nothing (null)",
      ("services.ui.port", None)),
    C("int-for-text", "cluster.name", "Input should be a valid string, got 42", ("cluster.name", 42)),
]

CLASSES = {"names": NAMES, "derived": DERIVED, "numbers": NUMBERS, "same-name": SAME_NAME,
           "same-address": SAME_ADDRESS, "reading": READING, "types": TYPES}
CASES = [pytest.param(case, id=f"{cls}-{case.rule}") for cls, cases in CLASSES.items() for case in cases]


def test_the_suite_covers_every_class_with_enough_cases():
    assert len(CASES) >= 150
    assert all(len(cases) >= 7 for cases in CLASSES.values())
    assert len({case.rule for cases in CLASSES.values() for case in cases}) == len(CASES)


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_clean_line_exit_2_and_nothing_written(case, tmp_path, capsys):
    envs = tmp_path / "envs"
    envs.mkdir()
    path = envs / "bad.yaml"
    if case.raw is not None:
        path.write_bytes(case.raw)
    else:
        path.write_text(yaml.dump(edited(BASES[case.base], case.edits), Dumper=DUMPER, allow_unicode=True,
                                  sort_keys=False))
    out = tmp_path / "out"
    code = cli.main(["--envs-dir", str(envs), "synth", "--env", "bad", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err
    lines = [line.removeprefix("error: ") for line in err.splitlines()]
    mine = [line for line in lines if line.startswith(f"{path}: {case.field}: ")]
    assert any(case.expected in line for line in mine), f"expected {case.field}: ...{case.expected}... in\n{err}"
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["envs"]
    assert sorted(p.name for p in envs.iterdir()) == ["bad.yaml"]
