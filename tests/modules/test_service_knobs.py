"""The service modules' knobs applied on the embedded sandbox: examples/minimal with override files that give the web
service a security group of the caller's own and no container health check, and the api service extra egress, its
own health check command, a sidecar reading an SSM parameter and a Fargate Spot weighted capacity provider strategy;
every knob read back from the emulator, then an empty second plan, destroy and no leaks. Each validation of those
inputs is shown failing the plan with its message."""
from __future__ import annotations

import json
import shutil

import pytest
from module_examples import example
from tf_cli import validation_report

from generator.targets import OFFLINE_PROVIDER_VERSION
from harness import TerraformError, TerraformRun, deployed

pytestmark = pytest.mark.apply

EXTRA_SG = """
data "aws_caller_identity" "knobs" {}
data "aws_partition" "knobs" {}
data "aws_region" "knobs" {}

locals {
  # known at plan time, so the api module's execution role policy is counted at plan time
  sidecar_token_arn = join(":", ["arn", data.aws_partition.knobs.partition, "ssm", data.aws_region.knobs.name,
  data.aws_caller_identity.knobs.account_id, "parameter/${var.name}/sidecar-token"])
}

resource "aws_ssm_parameter" "sidecar_token" {
  name  = "/${var.name}/sidecar-token"
  type  = "String"
  value = "not-a-secret"
}

resource "aws_security_group" "web" {
  name        = "${var.name}-web-own"
  description = "web tasks, brought by the caller"
  vpc_id      = module.network.vpc_id
}

resource "aws_security_group_rule" "web_from_alb" {
  type                     = "ingress"
  description              = "from the ALB"
  protocol                 = "tcp"
  from_port                = 80
  to_port                  = 80
  security_group_id        = aws_security_group.web.id
  source_security_group_id = module.alb.security_group_id
}

resource "aws_security_group_rule" "web_https_out" {
  type              = "egress"
  description       = "HTTPS to AWS APIs"
  protocol          = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_blocks       = ["0.0.0.0/0"]
  security_group_id = aws_security_group.web.id
}

output "knobs" {
  value = {
    web_group          = aws_security_group.web.id
    web_created_group  = module.web.security_group_id
    alb_group          = module.alb.security_group_id
    api_group          = module.api.security_group_id
    api_execution_role = module.api.execution_role_arn
    sidecar_token_arn  = aws_ssm_parameter.sidecar_token.arn
  }
}
"""

OVERRIDES = """
module "web" {
  create_security_group  = false
  security_group_ids     = [aws_security_group.web.id]
  container_health_check = false
}

module "api" {
  egress_rules = [
    { description = "HTTPS to AWS APIs and image registries", port = 443, cidr_blocks = ["0.0.0.0/0"] },
    { description = "PostgreSQL in the VPC", port = 5432, cidr_blocks = ["10.0.0.0/16"] },
  ]
  health_check_path    = null # not needed without a load balancer once the command is given
  health_check_command = ["CMD-SHELL", "wget -q -O /dev/null http://localhost/ || exit 1"]
  additional_container_definitions = jsonencode([{
    name      = "token-refresher"
    image     = "public.ecr.aws/docker/library/busybox:1.36"
    essential = false
    command   = ["sh", "-c", "sleep infinity"]
    secrets   = [{ name = "TOKEN", valueFrom = local.sidecar_token_arn }]
  }])
  capacity_provider_strategy = [
    { capacity_provider = "FARGATE", weight = 1, base = 1 },
    { capacity_provider = "FARGATE_SPOT", weight = 3, base = 0 },
  ]
}

module "web_to_api" {
  caller_security_group_id = aws_security_group.web.id
}
"""


def egress(group: dict) -> set[tuple]:
    """(port, CIDR or peer group) of each egress permission."""
    return {(p["FromPort"], r.get("CidrIp") or r.get("GroupId")) for p in group["IpPermissionsEgress"]
            for r in p.get("IpRanges", []) + p.get("UserIdGroupPairs", [])}


def test_service_knobs_apply_and_read_back(sandbox, sandbox_kind, toolchain, tmp_path):
    if sandbox_kind != "local":
        pytest.skip("applies to the embedded sandbox")
    root = example("minimal", {"knobs.tf": EXTRA_SG, "knobs_override.tf": OVERRIDES})(tmp_path, toolchain.terraform)
    with deployed(root, sandbox.new_account(), toolchain, say=lambda _: None) as dep:
        knobs = dep.outputs["knobs"]
        ecs, ec2, iam = dep.client("ecs"), dep.client("ec2"), dep.client("iam")
        cluster = dep.outputs["cluster_name"]
        [described] = ecs.describe_clusters(clusters=[cluster])["clusters"]
        assert sorted(described["capacityProviders"]) == ["FARGATE", "FARGATE_SPOT"]  # a set in Terraform
        web, api = ecs.describe_services(cluster=cluster, services=["web", "api"])["services"]

        # web: only the caller's group, and the load balancer may reach it
        assert knobs["web_created_group"] is None
        assert web["networkConfiguration"]["awsvpcConfiguration"]["securityGroups"] == [knobs["web_group"]]
        assert not ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": ["minimal-web"]}])[
            "SecurityGroups"]
        [alb_group] = ec2.describe_security_groups(GroupIds=[knobs["alb_group"]])["SecurityGroups"]
        assert (80, knobs["web_group"]) in egress(alb_group)
        web_task = ecs.describe_task_definition(taskDefinition=web["taskDefinition"])["taskDefinition"]
        assert "healthCheck" not in web_task["containerDefinitions"][0]

        # api: egress rules, health check command, sidecar, capacity provider strategy, execution role
        [api_group] = ec2.describe_security_groups(GroupIds=[knobs["api_group"]])["SecurityGroups"]
        assert {(443, "0.0.0.0/0"), (5432, "10.0.0.0/16")} <= egress(api_group)
        assert {port for port, _ in egress(api_group)} == {443, 5432}
        task = ecs.describe_task_definition(taskDefinition=api["taskDefinition"])["taskDefinition"]
        main, sidecar = task["containerDefinitions"]
        assert main["healthCheck"]["command"] == ["CMD-SHELL", "wget -q -O /dev/null http://localhost/ || exit 1"]
        assert (sidecar["name"], sidecar["essential"]) == ("token-refresher", False)
        assert sidecar["secrets"] == [{"name": "TOKEN", "valueFrom": knobs["sidecar_token_arn"]}]
        assert sorted(api["capacityProviderStrategy"], key=lambda item: item["capacityProvider"]) == [
            {"capacityProvider": "FARGATE", "weight": 1, "base": 1},
            {"capacityProvider": "FARGATE_SPOT", "weight": 3, "base": 0}]
        assert "launchType" not in api
        assert web["launchType"] == "FARGATE"
        role = knobs["api_execution_role"].rsplit("/", 1)[1]
        [policy_name] = iam.list_role_policies(RoleName=role)["PolicyNames"]
        document = iam.get_role_policy(RoleName=role, PolicyName=policy_name)["PolicyDocument"]
        assert document["Statement"] == [{"Sid": "ReadParameters", "Effect": "Allow", "Action": ["ssm:GetParameters"],
                                          "Resource": [knobs["sidecar_token_arn"]]}]
        dep.run.assert_idempotent()
    assert [(p.name, p.ok) for p in dep.phases] == [(n, True) for n in (
        "init", "plan", "apply", "second plan", "destroy", "leak check")]
    assert dep.report is not None and dep.report.clean and dep.report.not_checked == [], dep.report.details()


CALL = """
module "bad_%d" {
  source         = "../../modules/%s"
  name           = "svc"
  cluster_name   = "c"
  cluster_arn    = "arn:aws:ecs:us-east-1:123456789012:cluster/c"
  namespace = {
    id = "ns-1", name = "a.local", arn = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1"
  }
  vpc_id         = "vpc-1"
  subnet_ids     = ["subnet-1"]
  image          = "public.ecr.aws/nginx/nginx:1.27"
  log_group_name = "g"
  %s
}
"""
#: what ecs-service-alb needs besides ecs-service's inputs
BEHIND_ALB = """alb_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/0123456789abcdef"
  alb_security_group_id = "sg-0123456789abcdef0"
  health_check_path     = "/"
  """
PROVIDER = 'provider "aws" {\n  region = "us-east-1"\n}\n'

#: one bad input -> the message of its validation
INVALID = {
    'security_group_ids = ["default"]': "Each must be a security group id (sg-...).",
    'egress_rules = [{ description = "x", port = 70000, cidr_blocks = ["0.0.0.0/0"] }]':
        "Each port must be a whole number from 1 to 65535.",
    'egress_rules = [{ description = "x", port = 443, cidr_blocks = ["10.0.0.1/16"] }]': "no host bits set",
    'egress_rules = [{ description = "x", port = 443, cidr_blocks = [] }]': "no host bits set",
    'egress_rules = [{ description = "tab\\there", port = 443, cidr_blocks = ["0.0.0.0/0"] }]':
        "Each description takes 1 to 255 letters",
    'health_check_command = ["curl", "-f", "http://localhost/"]': "Must start with CMD",
    'health_check_command = ["CMD-SHELL"]': "Must start with CMD",
    'additional_container_definitions = "{\\"name\\": \\"x\\", \\"image\\": \\"y\\"}"':
        "Must be a JSON list of container definitions, each with a name and an image.",
    'additional_container_definitions = "[{\\"name\\": \\"x\\"}]"':
        "Must be a JSON list of container definitions, each with a name and an image.",
    'additional_container_definitions = "not json"':
        "Must be a JSON list of container definitions, each with a name and an image.",
    ('additional_container_definitions = jsonencode([{ name = "x", image = "y", secrets = '
     '[{ name = "T", valueFrom = "token" }] }])'): "Each sidecar secret's valueFrom must be",
    'capacity_provider_strategy = [{ capacity_provider = "SPOT", weight = 1, base = 0 }]':
        "Each capacity_provider must be one of FARGATE, FARGATE_SPOT.",
    'capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1001, base = 0 }]':
        "Each weight must be a whole number from 0 to 1000",
    'capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1, base = 100001 }]':
        "each base from 0 to 100000",
    ('capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 1, base = 1 }, '
     '{ capacity_provider = "FARGATE_SPOT", weight = 1, base = 2 }]'):
        "Only one capacity provider may have a base above 0.",
    ('capacity_provider_strategy = [{ capacity_provider = "FARGATE", weight = 0, base = 1 }, '
     '{ capacity_provider = "FARGATE_SPOT", weight = 0, base = 0 }]'):
        "At least one capacity provider needs a weight above 0.",
}

#: one bad routing input of ecs-service-alb -> the message of its validation (rule condition limits:
#: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/rule-condition-types.html)
ALB_INVALID = {
    'create_listener = false\n  listener_arn = "listener-1"':
        "Must be a listener ARN (arn:aws:elasticloadbalancing:...).",
    'path_patterns = ["/a", "/b", "/c", "/d"]': "Give 1 to 3 values with at most 3 wildcards",
    'path_patterns = []': "Give 1 to 3 values with at most 3 wildcards",
    'path_patterns = ["/a*", "/b*", "/c*/d*"]': "Give 1 to 3 values with at most 3 wildcards",
    'host_headers = ["a.example.com", "b.example.com", "c.example.com"]': "Give 1 to 2 values with at most 2 wildcards",
    "priority = 0": "Must be a whole number from 1 to 50000.",
    "priority = 1.5": "Must be a whole number from 1 to 50000.",
}

#: inputs valid alone, wrong together: Terraform 1.0 validates each variable alone, so the plan fails on them
ACROSS = {
    'create_security_group = false\n  health_check_path = "/"':
        "security_group_ids: give at least one security group when create_security_group = false.",
    "container_health_check = true":
        "health_check_path: give it or health_check_command while container_health_check is true.",
}
ALB_ACROSS = {
    "create_listener = false": "listener_arn: give the shared listener's ARN (e.g. the alb module's listener_arn) "
                               "when create_listener = false.",
}


def cases(invalid: dict[str, str], behind_alb: dict[str, str]) -> list[tuple[str, str, str]]:
    """(module, arguments, message) of ecs-service's cases, then ecs-service-alb's."""
    return ([("ecs-service", arguments, message) for arguments, message in invalid.items()]
            + [("ecs-service-alb", BEHIND_ALB + arguments, message) for arguments, message in behind_alb.items()])


def calls(called: list[tuple[str, str, str]]) -> tuple[str, dict[int, range]]:
    """A root calling the module once per case, and the lines of main.tf each call spans."""
    text, spans = PROVIDER, {}
    for number, (module, arguments, _) in enumerate(called):
        block = CALL % (number, module, arguments)
        first = text.count("\n") + 2
        spans[number] = range(first, first + block.count("\n"))
        text += block
    return text, spans


@pytest.mark.plan
def test_each_knob_validation_rejects_its_bad_value(rendered, offline, tmp_path):
    """All cases in one root; each message must come from the call that has the bad value (its lines)."""
    shutil.copytree(rendered[OFFLINE_PROVIDER_VERSION], tmp_path / "modules")
    workdir = tmp_path / "examples" / "bad"
    workdir.mkdir(parents=True)
    called = cases(INVALID, ALB_INVALID)
    text, spans = calls(called)
    (workdir / "main.tf").write_text(text)
    report = validation_report(offline, workdir)
    assert not report["valid"]
    found = [(d.get("range", {}).get("filename"), d.get("range", {}).get("start", {}).get("line"),
              " ".join(d.get("detail", "").split())) for d in report["diagnostics"]]
    missing = [arguments for number, (_, arguments, message) in enumerate(called)
               if not any(file == "main.tf" and line in spans[number] and message in detail
                          for file, line, detail in found)]
    assert not missing, json.dumps(found, indent=1)
    print(f"{len(called)} bad service inputs rejected by their validation")


@pytest.mark.apply
def test_checks_across_inputs_fail_the_plan(rendered, sandbox, sandbox_kind, toolchain, tmp_path):
    """Planned against the sandbox (the module's data sources answer), each case in its own root."""
    if sandbox_kind != "local":
        pytest.skip("plans against the embedded sandbox")
    shutil.copytree(rendered[OFFLINE_PROVIDER_VERSION], tmp_path / "modules")
    for number, case in enumerate(cases(ACROSS, ALB_ACROSS)):
        root = tmp_path / "examples" / f"across-{number}"
        root.mkdir(parents=True)
        (root / "main.tf").write_text(calls([case])[0])
        message = case[2]
        run = TerraformRun(root, tmp_path / f"run-{number}", toolchain, sandbox=sandbox.new_account())
        run.init()
        with pytest.raises(TerraformError) as failed:
            run.plan()
        assert message in " ".join(failed.value.output.split()), failed.value.tail
