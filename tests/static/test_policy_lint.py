"""parliament (pinned) finds nothing unexplained in any generated identity policy, and does find real defects."""
from __future__ import annotations

import json
from importlib.metadata import version

import pytest

from generator.checks import policy_lint

pytestmark = pytest.mark.static


def test_parliament_is_the_pinned_version():
    assert version("parliament") == policy_lint.PARLIAMENT_VERSION


@pytest.fixture(scope="module")
def findings(stacks, modules) -> dict[str, list[policy_lint.LintFinding]]:
    """parliament over every stack and module, once: name -> findings."""
    documents = {**{f"stack {n}": s.document() for n, s in stacks.items()},
                 **{f"module {n}": doc for n, doc in modules.items()}}
    return {name: policy_lint.lint(doc) for name, doc in documents.items()}


def test_stacks_and_modules_have_no_unexplained_findings(stacks, modules, findings):
    for name, stack in stacks.items():
        assert policy_lint.statements(stack.document()) > 20, name  # the linter judged the stack's policies
    assert sum(policy_lint.statements(doc) for doc in modules.values()) > 20
    unexplained = {name: [str(f) for f in found if f.explanation is None] for name, found in findings.items()}
    assert {name: found for name, found in unexplained.items() if found} == {}


def test_every_explanation_is_still_needed(findings):
    seen = {(f.issue, action) for found in findings.values() for f in found if f.explanation for action in f.actions}
    assert set(policy_lint.EXPLAINED) <= seen


def role_policy(*statements: dict) -> dict:
    return {"resource": {"aws_iam_role_policy": {"p": {"policy": json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", **s} for s in statements]})}}}}


def test_linter_finds_the_old_pipeline_and_flow_log_grants():
    """ecs:RegisterTaskDefinition on '*' (it has task-definition resources) and logs:DescribeLogGroups scoped
    to a group (it has none) are what the generator granted before; parliament reports both."""
    doc = role_policy(
        {"Action": ["ecs:RegisterTaskDefinition"], "Resource": ["*"]},
        {"Action": ["logs:DescribeLogGroups"], "Resource": ["${aws_cloudwatch_log_group.flow.arn}"]})
    found = {(f.issue, f.actions) for f in policy_lint.unexplained(doc)}
    assert ("RESOURCE_STAR", ("ecs:RegisterTaskDefinition",)) in found
    assert ("RESOURCE_MISMATCH", ("logs:DescribeLogGroups",)) in found


def test_references_become_arns_of_their_type():
    policy = policy_lint.concrete({"Statement": [{"Action": ["ecs:DeleteTaskSet"], "Resource": [
        "${aws_ecs_service.svc.id}", "arn:${data.aws_partition.p.partition}:ecs:us-west-2:"
        "${data.aws_caller_identity.c.account_id}:task-set/${aws_ecs_cluster.c.name}/*", "${var.other}"]}]})
    assert policy["Statement"][0]["Resource"] == [
        "arn:aws:ecs:us-west-2:123456789012:service/x/x", "arn:aws:ecs:us-west-2:123456789012:task-set/x/*",
        "arn:aws:ecs:us-west-2:123456789012:task-set/x/x/x"]  # a variable: an ARN of the action's type


def test_a_reference_to_a_conditional_resource_becomes_an_arn_of_its_type():
    """A module's `one(x[*].arn)` (the resource created with `count`) is a reference like `x.arn`."""
    policy = policy_lint.concrete({"Statement": [{"Action": ["logs:PutLogEvents"], "Resource": [
        "${one(aws_cloudwatch_log_group.flow[*].arn)}:*", "${aws_cloudwatch_log_group.flow.arn}:*"]}]})
    [counted, plain] = policy["Statement"][0]["Resource"]
    assert counted == plain == "arn:aws:logs:us-west-2:123456789012:log-group:x:*"
