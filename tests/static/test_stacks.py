"""The project's static rules hold on every synthesized stack (one synth per session)."""
from __future__ import annotations

import pytest
from tfjson import one

from generator.checks import rules
from generator.checks.terraform import decoded, resources
from generator.config import load_env
from generator.config.loader import ENVS_DIR

pytestmark = pytest.mark.static

ENVS = sorted(path.stem for path in ENVS_DIR.glob("*.yaml"))


@pytest.fixture(scope="module")
def documents(stacks) -> dict[str, dict]:
    return {name: stack.document() for name, stack in stacks.items()}


def test_every_env_is_checked(stacks):
    assert sorted(stacks) == ENVS


@pytest.mark.parametrize("env", ENVS)
@pytest.mark.parametrize("rule", sorted(rules.RULES))
def test_rule_holds(documents, env, rule):
    findings = rules.RULES[rule](documents[env])
    assert findings == [], "\n".join(map(str, findings))


@pytest.mark.parametrize("env", ENVS)
def test_rules_have_something_to_judge(documents, env):
    """Guards against a rule passing because it found nothing (renamed type, changed shape)."""
    doc = documents[env]
    tasks = resources(doc, "aws_ecs_task_definition")
    assert tasks and all(decoded(t["container_definitions"]) for t in tasks.values())
    assert resources(doc, "aws_ecs_service") and resources(doc, "aws_security_group_rule")
    assert resources(doc, "aws_iam_role_policy") and resources(doc, "aws_cloudwatch_log_group")
    assert doc["output"] and all(decoded(p["policy"]) for p in resources(doc, "aws_iam_role_policy").values())
    _, listener_rule = one(doc, "aws_security_group_rule", type="ingress", cidr_blocks=["0.0.0.0/0"], from_port=80)
    assert listener_rule["description"]


@pytest.mark.parametrize("env", [env for env in ENVS if load_env(env).pipelines])
def test_pipelines_bring_registries_and_buckets(documents, env):
    """Environments with pipelines have ECR repositories and artifact buckets for the rules to judge."""
    doc = documents[env]
    assert resources(doc, "aws_ecr_repository") and resources(doc, "aws_s3_bucket")


@pytest.mark.parametrize("env", ENVS)
def test_hardening(documents, env):
    """Flow logs on, default security group closed, every log group encrypted with the logs key."""
    doc = documents[env]
    [(_, flow_log)] = resources(doc, "aws_flow_log").items()
    assert flow_log["vpc_id"] == "${aws_vpc.network_vpc.id}" and flow_log["traffic_type"] == "ALL"
    [(_, default_sg)] = resources(doc, "aws_default_security_group").items()
    assert "ingress" not in default_sg and "egress" not in default_sg
    [(_, key)] = resources(doc, "aws_kms_key").items()
    assert key["enable_key_rotation"] is True
    groups = resources(doc, "aws_cloudwatch_log_group")
    assert {g["kms_key_id"] for g in groups.values()} == {"${aws_kms_key.logs_key.arn}"}
