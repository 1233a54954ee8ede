"""Both strategies on the 3.39.0 target (envs/local.yaml), and the deploy roles' tag-on-create scope."""
from __future__ import annotations

import pytest
from tfjson import one, policy, ref, resources

pytestmark = pytest.mark.static


@pytest.fixture(scope="module")
def local(synthesized) -> dict:
    return synthesized["local"].document()


def test_both_strategies_on_the_offline_target(local) -> None:
    stages = {p["name"]: [s["name"] for s in p["stage"]] for p in resources(local, "aws_codepipeline").values()}
    assert stages == {"ecs-local-ui-rolling": ["Source", "Build", "Deploy"],
                      "ecs-local-ui-blue-green": ["Source", "Build", "Deploy_BG"]}
    _, rolling = one(local, "aws_ecs_service", name="ui")
    assert rolling["deployment_controller"] == {"type": "ECS"}
    assert rolling["lifecycle"]["ignore_changes"] == ["desired_count", "task_definition"]
    bg_name, bg = one(local, "aws_ecs_service", name="ui-bg")
    assert bg["deployment_controller"] == {"type": "CODE_DEPLOY"} and "deployment_circuit_breaker" not in bg
    assert bg["lifecycle"]["ignore_changes"] == ["task_definition", "load_balancer"]
    _, group = one(local, "aws_codedeploy_deployment_group", deployment_group_name="ecs-local-ui-bg-group")
    assert group["ecs_service"]["service_name"] == ref("aws_ecs_service", bg_name, "name")
    pair = group["load_balancer_info"]["target_group_pair_info"]
    prod, _ = one(local, "aws_lb_listener", port=8081)
    test, _ = one(local, "aws_lb_listener", port=8082)
    assert pair["prod_traffic_route"]["listener_arns"] == [ref("aws_lb_listener", prod, "arn")]
    assert pair["test_traffic_route"]["listener_arns"] == [ref("aws_lb_listener", test, "arn")]
    green, _ = one(local, "aws_lb_target_group", name="ecs-local-ui-bg-green")
    assert pair["target_group"][1] == {"name": ref("aws_lb_target_group", green, "name")}


def test_artifact_buckets_inline_on_3x(local) -> None:
    buckets = {n: b for n, b in resources(local, "aws_s3_bucket").items() if "artifacts" in n}
    assert len(buckets) == 2
    for rtype in ("aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
                  "aws_s3_bucket_lifecycle_configuration"):
        assert rtype not in local["resource"], rtype
    for bucket in buckets.values():
        assert bucket["versioning"] == {"enabled": True}
        assert bucket["server_side_encryption_configuration"] == {
            "rule": {"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}}
        [rule] = bucket["lifecycle_rule"]
        assert rule["enabled"] is True and rule["expiration"] == {"days": 30}
    blocked = {b["bucket"] for b in resources(local, "aws_s3_bucket_public_access_block").values()}
    assert blocked >= {ref("aws_s3_bucket", name, "id") for name in buckets}


def test_pipeline_resources_tagged_where_3x_allows(local) -> None:
    for rtype in ("aws_codepipeline", "aws_codebuild_project", "aws_codecommit_repository", "aws_codedeploy_app",
                  "aws_codedeploy_deployment_group", "aws_ecr_repository", "aws_ssm_parameter", "aws_s3_bucket"):
        assert all(r["tags"] == {"Project": "ecs-fargate-tf", "Environment": "local"}
                   for r in resources(local, rtype).values()), rtype
    for rtype in ("aws_lb_listener", "aws_iam_role_policy", "aws_ecr_lifecycle_policy",
                  "aws_s3_bucket_public_access_block"):
        assert all("tags" not in r for r in resources(local, rtype).values()), rtype


@pytest.mark.parametrize("env, pipeline, family", [
    ("workshop", "ecs-immersion-day-retail-store-sample-rolling", "retail-store-ecs-ui-cicd"),
    ("workshop", "ecs-immersion-day-retail-store-sample", "retail-store-ecs-ui-bg"),
    ("local", "ecs-local-ui-rolling", "ecs-local-ui"),
    ("local", "ecs-local-ui-blue-green", "ecs-local-ui-bg"),
])
def test_deploy_may_tag_only_new_revisions_of_its_family(synthesized, env, pipeline, family) -> None:
    _, role_policy = one(synthesized[env].document(), "aws_iam_role_policy", name=f"{pipeline}-pipeline")
    statements = {s["Sid"]: s for s in policy(role_policy)["Statement"]}
    tagging = statements["TagNewRevisions"]
    assert tagging["Action"] == ["ecs:TagResource"]
    [resource] = tagging["Resource"]
    assert resource.endswith(f":task-definition/{family}:*")
    assert tagging["Condition"] == {"StringEquals": {"ecs:CreateAction": "RegisterTaskDefinition"}}
