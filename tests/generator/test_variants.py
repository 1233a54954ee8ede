"""Options the workshop does not use: HTTPS listener with a certificate, CodeStar (GitHub) source, alarms."""
from __future__ import annotations

import pytest
from tfjson import one, policy, resources

pytestmark = pytest.mark.static
CERT = "arn:aws:acm:us-west-2:111122223333:certificate/abc"
CONNECTION = "arn:aws:codestar-connections:us-west-2:111122223333:connection/xyz"


@pytest.fixture(scope="module")
def variant(tmp_path_factory) -> dict:
    from generator import load_env
    from generator.synth import synthesize

    env = load_env("workshop", overrides={
        "name": "variant", "alb": {"certificate_arn": CERT, "listener_port": 443},
        "services": {"ui": {"load_balancer": {"listener_port": 443}}},
        "pipelines": {"ui-rolling": {"source": {"type": "codestar", "repository": "acme/retail-store",
                                                "connection_arn": CONNECTION}},
                      "ui-blue-green": {"blue_green": {"alarms": ["ui-5xx"]}}}})
    [stack] = synthesize({"variant": env}, tmp_path_factory.mktemp("variant"))
    return {"doc": stack.document(), "skips": stack.suppressions()}


def test_https_listener_with_certificate(variant) -> None:
    name, listener = one(variant["doc"], "aws_lb_listener", port=443)
    assert listener["protocol"] == "HTTPS" and listener["certificate_arn"] == CERT
    assert listener["ssl_policy"].startswith("ELBSecurityPolicy-TLS13")
    assert not any(c.startswith("CKV_AWS_2:") for c in variant["skips"].get(f"aws_lb_listener.{name}", []))


def test_codestar_source_and_its_permission(variant) -> None:
    _, pipeline = one(variant["doc"], "aws_codepipeline", name="ecs-immersion-day-retail-store-sample-rolling")
    [source] = pipeline["stage"][0]["action"]
    assert source["provider"] == "CodeStarSourceConnection"
    assert source["configuration"] == {"ConnectionArn": CONNECTION, "FullRepositoryId": "acme/retail-store",
                                       "BranchName": "main"}
    _, role_policy = one(variant["doc"], "aws_iam_role_policy", name="ecs-immersion-day-retail-store-sample-rolling-pipeline")
    statements = {s["Sid"]: s for s in policy(role_policy)["Statement"]}
    assert statements["Source"]["Action"] == ["codestar-connections:UseConnection"]
    assert statements["Source"]["Resource"] == [CONNECTION]


def test_alarms_drive_rollback(variant) -> None:
    _, group = one(variant["doc"], "aws_codedeploy_deployment_group", deployment_group_name="retail-ui-deployment-group")
    assert group["auto_rollback_configuration"] == {"enabled": True,
                                                    "events": ["DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"]}
    assert group["alarm_configuration"] == {"enabled": True, "alarms": ["ui-5xx"]}
    statements = [s for p in resources(variant["doc"], "aws_iam_role_policy").values()
                  if p["name"].endswith("-codedeploy") for s in policy(p)["Statement"]]
    assert any(s["Action"] == ["cloudwatch:DescribeAlarms"] for s in statements)
