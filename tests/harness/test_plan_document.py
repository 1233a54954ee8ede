"""The plan and state readers: what counts as a change and how it is named; what a state holds (no Terraform).

Documents are in the shape of `terraform show -json PLANFILE` (format 1.0, as Terraform 1.0.3 writes it).
"""
from __future__ import annotations

import pytest

from harness.documents import Plan, State

pytestmark = pytest.mark.static


def change(address: str, actions: list[str], before=None, after=None, unknown=None, **sensitive) -> dict:
    rtype = address.split(".")[-2]
    return {"address": address, "type": rtype, "change": {
        "actions": actions, "before": before, "after": after, "after_unknown": unknown or {}, **sensitive}}


def plan(*changes: dict, outputs: dict | None = None) -> Plan:
    return Plan({"format_version": "1.0", "resource_changes": list(changes), "output_changes": outputs or {}})


def test_no_op_and_read_are_empty() -> None:
    assert plan().is_empty
    assert plan(change("aws_ssm_parameter.p", ["no-op"], {"value": "1"}, {"value": "1"}),
                change("data.aws_region.r", ["read"])).is_empty
    assert plan(outputs={"url": {"actions": ["no-op"]}}).is_empty


@pytest.mark.parametrize("actions", [["update"], ["create"], ["delete"], ["delete", "create"], ["create", "delete"]])
def test_any_other_action_is_a_change(actions) -> None:
    found = plan(change("aws_ssm_parameter.p", actions, {"value": "1"}, {"value": "2"}))
    assert not found.is_empty and [c.address for c in found.pending()] == ["aws_ssm_parameter.p"]


def test_an_output_change_alone_is_not_empty() -> None:
    assert not plan(outputs={"url": {"actions": ["update"]}}).is_empty


def test_describe_names_the_resource_and_each_changed_attribute() -> None:
    found = plan(change("aws_cloudwatch_log_group.app", ["update"],
                        {"name": "/app", "retention_in_days": 30, "tags": {"a": "1"}},
                        {"name": "/app", "retention_in_days": 7, "tags": {"a": "2"}}))
    assert found.describe_pending() == ("aws_cloudwatch_log_group.app: update\n"
                                        "    retention_in_days: 30 -> 7\n"
                                        "    tags.a: \"1\" -> \"2\"")


def test_unknown_after_apply_and_list_items_are_named() -> None:
    [pending] = plan(change("aws_ecs_service.s", ["update"], {"task_definition": "f:1", "load_balancer": [
        {"container_port": 80}]}, {"task_definition": None, "load_balancer": [{"container_port": 8080}]},
        {"task_definition": True})).pending()
    assert pending.changed_attributes() == ["load_balancer[0].container_port", "task_definition"]
    assert "task_definition: \"f:1\" -> (known after apply)" in pending.describe()


def test_sensitive_values_are_hidden() -> None:
    [pending] = plan(change("aws_db_instance.db", ["update"], {"password": "old"}, {"password": "new"},
                            before_sensitive={"password": True}, after_sensitive={"password": True})).pending()
    assert pending.describe() == "aws_db_instance.db: update\n    password: (sensitive) -> (sensitive)"


def test_a_created_resource_names_its_attributes() -> None:
    [pending] = plan(change("aws_sqs_queue.q", ["create"], None, {"name": "q"})).pending()
    assert pending.changed_attributes() == ["name"]


def test_state_names_counted_and_module_resources() -> None:
    """What the leak check and pytest-terraform's fixture read from a state file (format 4)."""
    aws = 'provider["registry.terraform.io/hashicorp/aws"]'
    state = State({"version": 4, "resources": [
        {"mode": "managed", "type": "aws_sqs_queue", "name": "q", "provider": aws,
         "instances": [{"index_key": 0, "attributes": {"id": "first"}}, {"index_key": 1, "attributes": {"id": "b"}}]},
        {"module": "module.net", "mode": "managed", "type": "aws_vpc", "name": "v",
         "provider": f"module.net.{aws}.west",
         "instances": [{"attributes": {"id": "vpc-1", "arn": "arn:aws:ec2:eu-west-1:1:vpc/vpc-1"}}]},
        {"mode": "data", "type": "aws_region", "name": "r", "provider": aws, "instances": [{"attributes": {}}]}]})
    assert [r.address for r in state.managed()] == ["aws_sqs_queue.q[0]", "aws_sqs_queue.q[1]", "module.net.aws_vpc.v"]
    assert state.resources == {"aws_sqs_queue": {"q": {"id": "first"}}, "aws_vpc": {"v": state.all[2].values}}
    queue, vpc = state.all[0], state.all[2]
    assert (queue.provider_key, vpc.provider_key) == ("aws", "net:aws.west")
    assert queue.region({"aws": "us-east-2"}, "us-east-1") == "us-east-2"
    assert vpc.region({}, "us-east-1") == "eu-west-1"  # from its ARN
