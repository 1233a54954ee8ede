"""Each static rule fails on a small bad Terraform JSON document and passes on its fixed form."""
from __future__ import annotations

import copy
import json

import pytest

from generator.checks import rules
from generator.hcl.reader import JsonDoc
from generator.rules import document

pytestmark = pytest.mark.static

CONTAINER = {"name": "app", "image": "nginx",
             "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"]},
             "logConfiguration": {"logDriver": "awslogs", "options": {}}}


def task(**overrides) -> dict:
    body = {"family": "app", "network_mode": "awsvpc", "requires_compatibilities": ["FARGATE"], "cpu": "256",
            "memory": "512", "container_definitions": json.dumps([CONTAINER])}
    return {"resource": {"aws_ecs_task_definition": {"app": {**body, **overrides}}}}


def messages(findings: list[rules.Finding]) -> list[str]:
    return [f"{f.address}: {f.message}" for f in findings]


def test_good_task_passes():
    assert rules.fargate_tasks(task()) == [] and rules.containers(task()) == []


@pytest.mark.parametrize("overrides, expected", [
    ({"network_mode": "bridge"}, "network_mode is 'bridge'"),
    ({"requires_compatibilities": ["EC2"]}, "requires_compatibilities lacks FARGATE"),
    ({"cpu": "256", "memory": "4096"}, "cpu 256 / memory 4096 is not a Fargate size"),
    ({"cpu": "300"}, "cpu 300 / memory 512 is not a Fargate size"),
])
def test_fargate_tasks_fail(overrides, expected):
    assert messages(rules.fargate_tasks(task(**overrides))) == [f"aws_ecs_task_definition.app: {expected}"]


def test_fargate_size_from_variable_default():
    doc = task(cpu="${var.cpu}", memory="${var.memory}")
    doc["variable"] = {"cpu": {"type": "number", "default": 512}, "memory": {"type": "number", "default": 512}}
    assert messages(rules.fargate_tasks(doc)) == [
        "aws_ecs_task_definition.app: cpu 512 / memory 512 is not a Fargate size"]
    del doc["variable"]["cpu"]["default"]
    assert rules.fargate_tasks(doc) == []  # judged where the module is called


@pytest.mark.parametrize("drop, expected", [("healthCheck", "no healthCheck command"),
                                            ("logConfiguration", "no logConfiguration")])
def test_containers_fail(drop, expected):
    container = {k: v for k, v in CONTAINER.items() if k != drop}
    doc = task(container_definitions=json.dumps([container]))
    assert messages(rules.containers(doc)) == [f"aws_ecs_task_definition.app container 'app': {expected}"]
    hcl_form = task(container_definitions=JsonDoc([container]))  # jsonencode([...]) read from HCL
    assert len(rules.containers(hcl_form)) == 1


def test_public_ip_fails():
    service = {"network_configuration": {"subnets": ["s"], "assign_public_ip": True}}
    doc = {"resource": {"aws_ecs_service": {"svc": service}}}
    assert messages(rules.no_public_ips(doc)) == ["aws_ecs_service.svc: assign_public_ip is true"]
    service["network_configuration"]["assign_public_ip"] = False
    assert rules.no_public_ips(doc) == []


def alb_doc(rule: dict) -> dict:
    """An ALB with a listener on 80 and one more rule on its security group."""
    return {"resource": {
        "aws_security_group": {"alb": {"name": "alb", "description": "alb"}},
        "aws_lb": {"main": {"security_groups": ["${aws_security_group.alb.id}"]}},
        "aws_lb_listener": {"http": {"load_balancer_arn": "${aws_lb.main.arn}", "port": 80}},
        "aws_security_group_rule": {"r": {"type": "ingress", "security_group_id": "${aws_security_group.alb.id}",
                                          "protocol": "tcp", "description": "clients", **rule}},
    }}


def test_internet_ingress_to_listener_port_passes():
    assert rules.security_group_rules(alb_doc({"from_port": 80, "to_port": 80, "cidr_blocks": ["0.0.0.0/0"]})) == []


@pytest.mark.parametrize("rule", [
    {"from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]},
    {"from_port": 0, "to_port": 65535, "cidr_blocks": ["0.0.0.0/0"]},
    {"from_port": 80, "to_port": 80, "ipv6_cidr_blocks": ["::/0"], "security_group_id": "${aws_security_group.x.id}"},
])
def test_internet_ingress_elsewhere_fails(rule):
    [finding] = rules.security_group_rules(alb_doc(rule))
    assert finding.address == "aws_security_group_rule.r" and "ingress from the internet" in finding.message


def test_rules_need_descriptions():
    doc = alb_doc({"from_port": 80, "to_port": 80, "cidr_blocks": ["10.0.0.0/8"], "description": ""})
    doc["resource"]["aws_security_group"]["alb"]["egress"] = [{"from_port": 0, "to_port": 0, "protocol": "-1",
                                                               "cidr_blocks": ["10.0.0.0/8"]}]
    doc["resource"]["aws_vpc_security_group_ingress_rule"] = {"v": {"cidr_ipv4": "0.0.0.0/0", "from_port": 443,
                                                                    "to_port": 443, "description": "tls"}}
    assert messages(rules.security_group_rules(doc)) == [
        "aws_security_group_rule.r: no description",
        "aws_vpc_security_group_ingress_rule.v: ingress from the internet on ports 443-443, "
        "which is no load balancer listener port",
        "aws_security_group.alb egress[0]: no description",
    ]


def policy_doc(statement: dict) -> dict:
    return {"resource": {"aws_iam_role_policy": {"p": {"policy": json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", **statement}]})}}}}


@pytest.mark.parametrize("statement, problem", [
    ({"Action": "*", "Resource": "arn:aws:s3:::b"}, "wildcard action '*'"),
    ({"Action": ["s3:*"], "Resource": ["arn:aws:s3:::b"]}, "wildcard action 's3:*'"),
    ({"Action": ["s3:GetObject", "ssmmessages:OpenDataChannel"], "Resource": "*"}, "Resource '*' for s3:GetObject"),
    ({"NotAction": "iam:*", "Resource": "arn:aws:s3:::b"}, "NotAction/NotResource in an Allow statement"),
    ({"Action": ["ecs:RegisterTaskDefinition"], "Resource": "*"}, "Resource '*' for ecs:RegisterTaskDefinition"),
    ({"Action": ["logs:DescribeLogGroups"], "Resource": ["arn:aws:logs:us-east-1:1:log-group:g"]},
     "logs:DescribeLogGroups is authorized only on Resource '*' (https://docs.aws.amazon.com/service-authorization/"
     "latest/reference/list_amazoncloudwatchlogs.html); scoped, AWS denies it"),
    ({"Action": ["ecs:CreateTaskSet"], "Resource": ["arn:aws:ecs:us-west-2:1:service/c/s"]},
     "ecs:CreateTaskSet is authorized only on task-set ARNs; none of arn:aws:ecs:us-west-2:1:service/c/s is one"),
    ({"Action": ["ecs:Frobnicate"], "Resource": ["arn:aws:ecs:us-west-2:1:service/c/s"]},
     "ecs:Frobnicate is not in the IAM reference table (generator/data/iam_actions.json)"),
    ({"Action": "sts:AssumeRole", "Principal": {"AWS": "*"}}, "Principal '*'"),
])
def test_iam_policy_fails(statement, problem):
    assert messages(rules.iam_policies(policy_doc(statement))) == [f"aws_iam_role_policy.p: {problem}"]


def test_iam_allow_list_and_deny_pass():
    assert rules.iam_policies(policy_doc({"Action": ["ssmmessages:OpenDataChannel",
                                                     "elasticloadbalancing:DescribeRules"], "Resource": "*"})) == []
    assert rules.iam_policies(policy_doc({"Action": "*", "Resource": "*", "Effect": "Deny"})) == []


def test_iam_other_policy_sources():
    bad = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}
    doc = {
        "resource": {"aws_iam_role": {"r": {"assume_role_policy": JsonDoc(bad)}},
                     "aws_iam_policy": {"m": {"policy": json.dumps(bad)}}},
        "data": {"aws_iam_policy_document": {"d": {"statement": [{"actions": ["*"], "resources": ["*"]}]}}},
        "output": {"caller_policy": {"value": json.dumps(bad), "description": "x"}},
    }
    addresses = [f.address for f in rules.iam_policies(doc)]
    assert addresses == ["aws_iam_policy.m", "aws_iam_policy.m", "aws_iam_role.r", "aws_iam_role.r",
                         "data.aws_iam_policy_document.d", "data.aws_iam_policy_document.d",
                         "output.caller_policy", "output.caller_policy"]


def test_ecr_repository_fails():
    repo = {"name": "r", "image_tag_mutability": "MUTABLE", "image_scanning_configuration": {"scan_on_push": False}}
    doc = {"resource": {"aws_ecr_repository": {"r": repo}}}
    assert messages(rules.ecr_repositories(doc)) == ["aws_ecr_repository.r: image tags are mutable",
                                                     "aws_ecr_repository.r: no scan on push"]
    repo.update(image_tag_mutability="IMMUTABLE", image_scanning_configuration=[{"scan_on_push": True}])
    assert rules.ecr_repositories(doc) == []


SSE = {"rule": [{"apply_server_side_encryption_by_default": [{"sse_algorithm": "AES256"}]}]}
BLOCK = {"bucket": "${aws_s3_bucket.b.id}", "block_public_acls": True, "block_public_policy": True,
         "ignore_public_acls": True, "restrict_public_buckets": True}


def test_s3_bucket_fails_without_encryption_and_block():
    doc = {"resource": {"aws_s3_bucket": {"b": {"bucket_prefix": "b-"}}}}
    assert messages(rules.s3_buckets(doc)) == ["aws_s3_bucket.b: no default encryption",
                                               "aws_s3_bucket.b: public access is not fully blocked"]
    doc["resource"]["aws_s3_bucket_public_access_block"] = {"b": {**BLOCK, "restrict_public_buckets": False}}
    assert len(rules.s3_buckets(doc)) == 2


def test_s3_bucket_both_renderings_pass():
    modern = {"resource": {"aws_s3_bucket": {"b": {}},
                           "aws_s3_bucket_server_side_encryption_configuration": {
                               "b": {"bucket": "${aws_s3_bucket.b.id}", **SSE}},
                           "aws_s3_bucket_public_access_block": {"b": BLOCK}}}
    inline = {"resource": {"aws_s3_bucket": {"b": {"server_side_encryption_configuration": {
        "rule": {"apply_server_side_encryption_by_default": {"sse_algorithm": "aws:kms"}}}}},
        "aws_s3_bucket_public_access_block": {"b": BLOCK}}}
    assert rules.s3_buckets(modern) == [] and rules.s3_buckets(inline) == []
    other = copy.deepcopy(modern)
    other["resource"]["aws_s3_bucket_server_side_encryption_configuration"]["b"]["bucket"] = "${aws_s3_bucket.x.id}"
    assert messages(rules.s3_buckets(other)) == ["aws_s3_bucket.b: no default encryption"]


@pytest.mark.parametrize("group", [{"name": "g"}, {"name": "g", "retention_in_days": 0}])
def test_log_group_without_retention_fails(group):
    doc = {"resource": {"aws_cloudwatch_log_group": {"g": group}}}
    assert messages(rules.log_groups(doc)) == ["aws_cloudwatch_log_group.g: no retention_in_days"]


def test_interface_fails():
    doc = {"variable": {"a": {"type": "string"}, "b": {"description": "b"}, "ok": {"type": "number",
                                                                                   "description": "ok"}},
           "output": {"o": {"value": "x"}, "fine": [{"value": "y", "description": "y"}]}}
    assert messages(rules.interface(doc)) == ["var.a: no description", "var.b: no type", "output.o: no description"]


def test_check_runs_every_rule():
    doc = task(network_mode="bridge")
    doc["resource"]["aws_cloudwatch_log_group"] = {"g": {}}
    assert {f.rule for f in rules.check(doc)} == {"fargate_tasks", "log_groups"}
    assert set(rules.RULES) == {"fargate_tasks", "containers", "no_public_ips", "security_group_rules",
                                "iam_policies", "trust_policies", "secrets_in_state", "ecr_repositories", "s3_buckets",
                                "log_groups", "interface"}


def trust_doc(service: str, condition: dict | None = None, execution: bool = False) -> dict:
    statement = {"Effect": "Allow", "Principal": {"Service": service}, "Action": "sts:AssumeRole",
                 **({"Condition": condition} if condition else {})}
    doc = {"resource": {"aws_iam_role": {"r": {"assume_role_policy": json.dumps(
        {"Version": "2012-10-17", "Statement": [statement]})}}}}
    if execution:
        doc["resource"]["aws_ecs_task_definition"] = {"t": {"execution_role_arn": "${aws_iam_role.r.arn}"}}
    return doc


def test_trust_policies_need_confused_deputy_keys():
    assert messages(rules.trust_policies(trust_doc("codebuild.amazonaws.com"))) == [
        "aws_iam_role.r: codebuild.amazonaws.com may assume it on behalf of any account "
        "(no aws:SourceAccount/aws:SourceArn)"]
    assert len(rules.trust_policies(trust_doc("ecs-tasks.amazonaws.com"))) == 1  # a task role
    assert rules.trust_policies(trust_doc("codebuild.amazonaws.com", {"StringEquals": {"aws:SourceAccount": "1"}})) == []


def test_trust_policies_documented_exceptions():
    assert rules.trust_policies(trust_doc("codepipeline.amazonaws.com")) == []
    assert rules.trust_policies(trust_doc("ecs-tasks.amazonaws.com", execution=True)) == []


def test_secrets_in_state():
    generated = {"data": {"aws_secretsmanager_random_password": {"p": {"password_length": 32}}},
                 "resource": {"aws_db_instance": {"db": {"password": "${data.aws_secretsmanager_random_password.p."
                                                                     "random_password}"}}}}
    assert messages(rules.secrets_in_state(generated)) == [
        "data.aws_secretsmanager_random_password.p: generates a secret into Terraform state",
        "aws_db_instance.db: password is neither RDS-managed nor an input variable"]
    managed = {"resource": {"aws_db_instance": {"db": {"manage_master_user_password": True}}}}
    given = {"resource": {"aws_db_instance": {"db": {"password": "${var.catalog_db_password}"}}}}
    assert rules.secrets_in_state(managed) == [] and rules.secrets_in_state(given) == []


def test_aws_names_judges_resource_nested_and_tag_names_but_not_expressions():
    doc = {"resource": {
        "aws_lb_target_group": {"tg": {"name": "ui_app", "health_check": {"path": "/" + "h" * 1024}}},
        "aws_iam_role": {"r": {"name": "${var.name}-role", "tags": {"aws:team": "x"}}},
        "aws_dynamodb_table": {"t": {"name": "ok-table", "hash_key": "id",
                                     "global_secondary_index": [{"name": "ix", "hash_key": "k"}]}},
        "aws_ecs_task_definition": {"app": {"family": "app", "container_definitions": json.dumps(
            [{**CONTAINER, "portMappings": [{"name": "App", "containerPort": 80}]}])}}}}
    assert messages(document.aws_names(doc)) == [
        "aws_lb_target_group.tg: 'ui_app' is not a valid target group name: it contains '_'; valid: 1 to 32 "
        "characters: letters, digits and hyphens, not starting or ending with a hyphen",
        "aws_lb_target_group.tg: '/" + "h" * 1024 + "' is not a valid target group health check path: it has 1025 "
        "characters; valid: 1 to 1024 characters: any characters",
        "aws_iam_role.r: 'aws:team' is not a valid tag key: it starts with 'aws:'; valid: 1 to 128 characters: "
        "letters, digits, spaces and _.:/=+-@; not starting with 'aws:'",
        "aws_dynamodb_table.t: 'ix' is not a valid DynamoDB index name: it has 2 characters; valid: 3 to 255 "
        "characters: letters, digits and _.-",
        "aws_ecs_task_definition.app: 'App' is not a valid ECS port mapping name (Service Connect names it after the "
        "container): it contains 'A'; valid: 1 to 64 characters: lowercase letters, digits, '_' and '-', not "
        "starting with '-'"]
