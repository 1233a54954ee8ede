"""The parts of an ECS-native canary the offline provider (hashicorp/aws 3.39.0) can represent, applied on the
embedded sandbox: the alternate target group, the weighted production and test listener rules, the test listener
open only to the VPC's CIDR, the least-privilege infrastructure role and the lifecycle-hook role - built by the same
TrafficShift construct envs/modern.yaml uses, then a second plan that is empty, destroy and a leak check.

What cannot be applied offline: the aws_ecs_service arguments of the feature itself - deployment_configuration
(strategy, bake_time_in_minutes, canary_configuration, linear_configuration, lifecycle_hook),
load_balancer.advanced_configuration, alarms, and Service Connect (with its test_traffic_rules); 3.39.0 has none
of them. tests/generator/test_rendering_parity.py bounds that part: on the modern target those are the only
differences from the rolling rendering that the sandbox applies, and the service's values are asserted one by one
in tests/generator/test_deployment_strategies.py; tests/aws/test_ecs_canary.py runs a canary on a real account.
"""
from __future__ import annotations

import json

import pytest

from generator.aws import App, AwsProvider, InternetGateway, LocalBackend, Subnet, TerraformOutput, TerraformStack, Vpc
from generator.constructs.container import HealthCheckProps
from generator.constructs.load_balancer import LoadBalancer, LoadBalancerProps
from generator.constructs.tokens import cidr_subnet
from generator.constructs.traffic_shift import LifecycleHookProps, TrafficShift, TrafficShiftProps
from generator.naming import logical_id
from generator.targets import OFFLINE_PROVIDER_VERSION, ProviderTarget
from harness import deployed

pytestmark = pytest.mark.apply
CIDR = "10.40.0.0/16"
HOOK = "arn:aws:lambda:us-east-1:123456789012:function:canary-smoke-test"


class TrafficShiftStack(TerraformStack):
    """A VPC, the ALB with the service's production listener and target group, and TrafficShift - no ECS service."""

    def __init__(self, scope, id_: str, prefix: str):
        super().__init__(scope, id_)
        target = ProviderTarget(OFFLINE_PROVIDER_VERSION)
        LocalBackend(self, path="terraform.tfstate")
        AwsProvider(self, "aws", region="us-east-1")
        self.add_override("terraform.required_providers.aws", {"source": "hashicorp/aws",
                                                               "version": target.constraint})
        # just what the load balancer needs: a VPC with an internet gateway and two public subnets
        vpc = Vpc(self, "vpc", cidr_block=CIDR)
        InternetGateway(self, "igw", vpc_id=vpc.id)
        subnets = [Subnet(self, f"public-{i}", vpc_id=vpc.id, cidr_block=cidr_subnet(CIDR, 8, i),
                          availability_zone=f"us-east-1{zone}") for i, zone in enumerate("ab")]
        alb = LoadBalancer(self, "alb", LoadBalancerProps(name=f"{prefix}-alb", vpc_id=vpc.id,
                                                          subnet_ids=[s.id for s in subnets], listener_ports=[80]))
        health = HealthCheckProps(path="/health")
        primary = alb.target_group("ui-tg", name=f"{prefix}-ui", port=8080, health_path="/health", health=health)
        shift = TrafficShift(self, "traffic-shift", TrafficShiftProps(
            strategy="ecs_canary", alternate_target_group_name=f"{prefix}-ui-alt", test_listener_port=8083,
            test_ingress_cidrs=[CIDR], infrastructure_role_name=f"{prefix}-ui-ecs-infra",
            hook_role_name=f"{prefix}-ui-ecs-hooks", canary_percent=10, canary_bake_time_minutes=5,
            lifecycle_hooks=[LifecycleHookProps(HOOK, ["POST_TEST_TRAFFIC_SHIFT"])]),
            service_name="ui", alb=alb, listener_port=80, primary=primary, container_port=8080,
            health_path="/health", health=health)
        for key, value in {"production_rule": shift.production_rule.arn, "test_rule": shift.test_rule.arn,
                           "alternate": shift.alternate.arn, "primary": primary.arn,
                           "infrastructure_role": shift.infrastructure_role.name,
                           "alb_security_group": alb.firewall.id}.items():
            TerraformOutput(self, key, value=value)

    def _allocate_logical_id(self, element) -> str:  # as EcsStack: readable, stable addresses
        return logical_id(element.node.path.split("/")[1:])


@pytest.fixture(scope="module")
def shift_stack(tmp_path_factory, run_id):
    out = tmp_path_factory.mktemp("traffic-shift")
    app = App(outdir=str(out), skip_validation=False)
    TrafficShiftStack(app, "traffic-shift", prefix=f"{run_id}-ts"[:20])
    app.synth()
    return out / "stacks" / "traffic-shift"


@pytest.fixture(scope="module")
def applied(shift_stack, toolchain, sandbox, keep, tmp_path_factory):
    with deployed(shift_stack, sandbox, toolchain, workdir=tmp_path_factory.mktemp("run") / "traffic-shift",
                  keep=keep) as deployment:
        yield deployment


def weights(elbv2, rule_arn: str) -> dict[str, int]:
    [rule] = elbv2.describe_rules(RuleArns=[rule_arn])["Rules"]
    [action] = rule["Actions"]
    return {group["TargetGroupArn"]: group["Weight"] for group in action["ForwardConfig"]["TargetGroups"]}


def test_rules_carry_both_target_groups_with_only_the_primary_serving(applied) -> None:
    run, elbv2 = applied.run, applied.client("elbv2")
    primary, alternate = run.output_str("primary"), run.output_str("alternate")
    for rule in ("production_rule", "test_rule"):
        assert weights(elbv2, run.output_str(rule)) == {primary: 100, alternate: 0}
    [production] = elbv2.describe_rules(RuleArns=[run.output_str("production_rule")])["Rules"]
    assert production["Priority"] == "1"
    [condition] = production["Conditions"]
    assert condition["Field"] == "path-pattern"
    assert condition.get("PathPatternConfig", {}).get("Values", condition.get("Values")) == ["/*"]


def test_test_listener_is_open_to_the_vpc_only(applied) -> None:
    [group] = applied.client("ec2").describe_security_groups(
        GroupIds=[applied.run.output_str("alb_security_group")])["SecurityGroups"]
    by_port = {p["FromPort"]: sorted(r["CidrIp"] for r in p.get("IpRanges", [])) for p in group["IpPermissions"]}
    assert by_port[8083] == [CIDR] and by_port[80] == ["0.0.0.0/0"]


def test_infrastructure_role_is_least_privilege(applied) -> None:
    iam, run = applied.client("iam"), applied.run
    name = run.output_str("infrastructure_role")
    role = iam.get_role(RoleName=name)["Role"]
    trust = role["AssumeRolePolicyDocument"]
    trust = json.loads(trust) if isinstance(trust, str) else trust
    assert trust["Statement"][0]["Principal"] == {"Service": "ecs.amazonaws.com"}
    document = iam.get_role_policy(RoleName=name, PolicyName=name)["PolicyDocument"]
    document = json.loads(document) if isinstance(document, str) else document
    statements = {s["Sid"]: s for s in document["Statement"]}
    assert statements["ShiftTraffic"]["Resource"] == [run.output_str("production_rule"), run.output_str("test_rule")]
    assert statements["RegisterTasks"]["Resource"] == [run.output_str("primary"), run.output_str("alternate")]
    assert statements["Describe"]["Resource"] == ["*"]


def test_second_plan_is_empty(applied) -> None:
    applied.run.assert_idempotent()


def test_weights_shifted_by_ecs_are_ignored(applied) -> None:
    """ECS moves traffic by rewriting the rules' weights during a deployment: the next plan must not revert it."""
    run, elbv2 = applied.run, applied.client("elbv2")
    primary, alternate = run.output_str("primary"), run.output_str("alternate")
    for rule in ("production_rule", "test_rule"):
        elbv2.modify_rule(RuleArn=run.output_str(rule), Actions=[{"Type": "forward", "ForwardConfig": {
            "TargetGroups": [{"TargetGroupArn": primary, "Weight": 90}, {"TargetGroupArn": alternate, "Weight": 10}]}}])
        assert weights(elbv2, run.output_str(rule)) == {primary: 90, alternate: 10}
    run.assert_idempotent()


def test_destroy_leaves_nothing(applied) -> None:
    report = applied.destroy_and_check()
    assert report.clean and report.not_checked == [], report.details()
