"""The Service Authorization Reference table: complete for what is granted, sourced, and matched correctly."""
from __future__ import annotations

import pytest

from generator.checks.rules import WILDCARD_RESOURCE_ACTIONS
from generator.iam_reference import _globs_intersect, derive, load

pytestmark = pytest.mark.static
SAR = "https://docs.aws.amazon.com/service-authorization/latest/reference/"


def test_table_says_where_it_comes_from():
    table = load()
    assert "Service Authorization Reference" in table.source and table.retrieved
    for prefix, service in table.services.items():
        assert service["page"].startswith(SAR), prefix
    for action in table.actions.values():
        assert len(table.arn_formats(action)) == len(action.resource_types), action.name
        assert all(arn.startswith("arn:${Partition}:") for arn in table.arn_formats(action)), action.name


def test_wildcard_allow_list_is_the_actions_without_resource_types():
    table = load()
    assert set(WILDCARD_RESOURCE_ACTIONS) == {a.name for a in table.actions.values() if not a.resource_types}
    assert "ecs:RegisterTaskDefinition" not in WILDCARD_RESOURCE_ACTIONS  # task-definition* in the SAR
    assert "ecs:DescribeTaskDefinition" in WILDCARD_RESOURCE_ACTIONS
    assert load().action("ecs:CreateTaskSet").resource_types == {"task-set": True}


def test_derive_from_a_definition():
    definition = {"ecs": {"service_name": "Amazon ECS", "service_authorization_url": SAR + "list_ecs.html",
                          "privileges": {
                              "CreateTaskSet": {"resource_types": {"task-set": {"required": True}, "": {}}},
                              "DescribeTaskDefinition": {"resource_types": {"": {"required": False}}}},
                          "resources": {"task-set": {"arn": "arn:${Partition}:ecs:${Region}:${Account}:task-set/"
                                                            "${ClusterName}/${ServiceName}/${TaskSetId}"}}}}
    table = derive(definition, ["ecs:DescribeTaskDefinition", "ecs:CreateTaskSet"], source="s", retrieved="r")
    assert table["actions"] == {"ecs:CreateTaskSet": {"task-set": True}, "ecs:DescribeTaskDefinition": {}}
    assert table["services"]["ecs"]["resource_types"] == {"task-set": definition["ecs"]["resources"]["task-set"]["arn"]}


@pytest.mark.parametrize("action, resource, expected", [
    ("ecs:CreateTaskSet", "arn:${data.aws_partition.p.partition}:ecs:us-west-2:1:task-set/c/s/*", True),
    ("ecs:CreateTaskSet", "${aws_ecs_service.s.id}", False),               # a service ARN is no task set
    ("ecs:RegisterTaskDefinition", "arn:aws:ecs:us-west-2:1:task-definition/family:*", True),
    ("logs:CreateLogStream", "arn:aws:logs:us-east-1:1:log-group:/codebuild/x", False),  # a group, not a stream
    ("logs:CreateLogStream", "arn:aws:logs:us-east-1:1:log-group:/codebuild/x:*", True),
    ("logs:DescribeLogStreams", "${aws_cloudwatch_log_group.g.arn}", True),
    ("s3:GetObject", "${aws_s3_bucket.b.arn}/*", True),
    ("dynamodb:Query", "${aws_dynamodb_table.t.arn}/index/*", True),
    ("secretsmanager:GetSecretValue", "${var.secret_arn}", True),            # unknown reference: not judged
])
def test_resource_matching(action, resource, expected):
    table = load()
    assert table.may_match(table.action(action), resource) is expected


def test_glob_intersection():
    assert _globs_intersect("a*c", "ab*")
    assert not _globs_intersect("a:b", "a\x00")      # one field never spans ':'
    assert _globs_intersect("a*", "a:b\x00")
    assert not _globs_intersect("abc", "abd")
