"""Idempotency proves its negatives on a small generated stack applied to the sandbox.

One service with CPU autoscaling and a CodeDeploy blue/green pipeline (so every `ignore_changes` an offline
rendering has is in it: the service's desired count and task definition, the listeners' default action,
the latest-image SSM parameter's value). After apply, attributes are changed out of band with boto3, as
autoscaling, the pipeline and CodeDeploy change them:
- a change the stack does not ignore makes the second plan non-empty, and `NotIdempotent` names the resource
  and the attribute (then the change is undone and the plan is empty again);
- a change the stack ignores on purpose leaves the second plan empty (and the change is really there).
"""
from __future__ import annotations

import pytest

from generator import load_file, sandbox_overrides, synthesize
from harness import NotIdempotent, deployed

pytestmark = pytest.mark.apply
ENV = """\
name: negatives
prefix: {prefix}
region: us-east-1
provider: {{version: 3.39.0}}
sandbox: true
network: {{cidr: 10.31.0.0/16, az_count: 2, nat: single}}
logs: {{retention_days: 7}}
services:
  web:
    image: public.ecr.aws/aws-containers/retail-store-sample-ui:0.7.0
    health_check: {{path: /actuator/health}}
    desired_count: 1
    autoscaling: {{min: 1, max: 4, target: 70, metric: ECSServiceAverageCPUUtilization}}
    load_balancer: {{}}
    exec: false
pipelines:
  web:
    service: web
    strategy: blue_green
    blue_green: {{test_listener_port: 8082}}
guardduty: {{enabled: false}}
"""


@pytest.fixture(scope="module")
def applied(tmp_path_factory, run_id, sandbox, toolchain, keep):
    folder = tmp_path_factory.mktemp("negatives")
    path = folder / "negatives.yaml"
    path.write_text(ENV.format(prefix=f"{run_id}-neg"[:20]))
    env = load_file(path, overrides={**sandbox_overrides(), "tags": {"ecsgen:run": run_id}})
    [stack] = synthesize({"negatives": env}, folder / "out")
    with deployed(stack.directory, sandbox, toolchain, keep=keep, region="us-east-1",
                  workdir=folder / "run") as deployment:
        yield deployment


def resource(applied, rtype: str, **values: str) -> tuple[str, dict]:
    """(address, values) of the one resource of `rtype` in state whose attributes include `values`."""
    [found] = [(r.address, r.values) for r in applied.run.state().managed()
               if r.type == rtype and all(r.values.get(k) == v for k, v in values.items())]
    return found


def first(applied, rtype: str) -> tuple[str, dict]:
    """(address, values) of the first resource of `rtype` in state, by address."""
    return min((r.address, r.values) for r in applied.run.state().managed() if r.type == rtype)


def not_idempotent(applied) -> str:
    with pytest.raises(NotIdempotent) as failure:
        applied.run.assert_idempotent()
    return str(failure.value)


def test_a_change_not_ignored_is_named(applied) -> None:
    address, group = first(applied, "aws_cloudwatch_log_group")
    logs = applied.client("logs")
    logs.put_retention_policy(logGroupName=group["name"], retentionInDays=30)
    message = not_idempotent(applied)
    assert f"{address}: update" in message and "retention_in_days: 30 -> 7" in message, message
    logs.put_retention_policy(logGroupName=group["name"], retentionInDays=group["retention_in_days"])
    applied.run.assert_idempotent()


def test_a_service_attribute_not_ignored_is_named(applied) -> None:
    """The service itself is not ignored wholesale: what nothing else owns still shows."""
    address, service = resource(applied, "aws_ecs_service")
    ecs = applied.client("ecs")
    ecs.update_service(cluster=service["cluster"], service=service["name"], healthCheckGracePeriodSeconds=300)
    message = not_idempotent(applied)
    assert f"{address}: update" in message and "health_check_grace_period_seconds:" in message, message
    ecs.update_service(cluster=service["cluster"], service=service["name"],
                       healthCheckGracePeriodSeconds=service["health_check_grace_period_seconds"])
    applied.run.assert_idempotent()


def test_desired_count_set_by_autoscaling_is_ignored(applied) -> None:
    _, service = resource(applied, "aws_ecs_service")
    ecs = applied.client("ecs")
    ecs.update_service(cluster=service["cluster"], service=service["name"], desiredCount=3)
    [now] = ecs.describe_services(cluster=service["cluster"], services=[service["name"]])["services"]
    assert now["desiredCount"] == 3 != service["desired_count"]
    applied.run.assert_idempotent()


def test_task_definition_deployed_by_the_pipeline_is_ignored(applied) -> None:
    _, service = resource(applied, "aws_ecs_service")
    ecs = applied.client("ecs")
    current = ecs.describe_task_definition(taskDefinition=service["task_definition"])["taskDefinition"]
    fields = ("family", "containerDefinitions", "cpu", "memory", "networkMode", "requiresCompatibilities",
              "executionRoleArn", "taskRoleArn")
    revision = ecs.register_task_definition(**{k: current[k] for k in fields if k in current})["taskDefinition"]
    ecs.update_service(cluster=service["cluster"], service=service["name"],
                       taskDefinition=revision["taskDefinitionArn"])
    [now] = ecs.describe_services(cluster=service["cluster"], services=[service["name"]])["services"]
    assert now["taskDefinition"] == revision["taskDefinitionArn"] != service["task_definition"]
    applied.run.assert_idempotent()
    # the revision is the test's, not the stack's: put the service back and remove it, or the leak check finds it
    ecs.update_service(cluster=service["cluster"], service=service["name"], taskDefinition=service["task_definition"])
    ecs.deregister_task_definition(taskDefinition=revision["taskDefinitionArn"])


def test_listener_default_action_swapped_by_codedeploy_is_ignored(applied) -> None:
    elbv2 = applied.client("elbv2")
    listeners = [values for _, values in (
        (r.address, r.values) for r in applied.run.state().managed() if r.type == "aws_lb_listener")]
    groups = {r.values["arn"] for r in applied.run.state().managed() if r.type == "aws_lb_target_group"}
    assert len(listeners) == 2 and len(groups) == 2  # production and test listener; blue and green group
    for listener in listeners:
        serving = listener["default_action"][0]["target_group_arn"]
        [other] = groups - {serving}
        elbv2.modify_listener(ListenerArn=listener["arn"],
                              DefaultActions=[{"Type": "forward", "TargetGroupArn": other}])
        [now] = elbv2.describe_listeners(ListenerArns=[listener["arn"]])["Listeners"]
        assert now["DefaultActions"][0]["TargetGroupArn"] == other
    applied.run.assert_idempotent()


def test_latest_image_parameter_written_by_the_build_is_ignored(applied) -> None:
    _, parameter = resource(applied, "aws_ssm_parameter")
    ssm = applied.client("ssm")
    ssm.put_parameter(Name=parameter["name"], Value="123456789012.dkr.ecr.us-east-1.amazonaws.com/web:build-42",
                      Overwrite=True)
    assert ssm.get_parameter(Name=parameter["name"])["Parameter"]["Value"].endswith(":build-42")
    applied.run.assert_idempotent()


def test_destroy_leaves_nothing(applied) -> None:
    report = applied.destroy_and_check()
    assert report.clean, report.details()
