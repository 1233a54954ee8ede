"""Workshop section 6 in the synthesized JSON: rolling and blue/green pipelines, and their IAM scope."""
from __future__ import annotations

import json

import pytest
from tfjson import one, policy, ref, resources

from generator.checks.rules import WILDCARD_RESOURCE_ACTIONS

pytestmark = pytest.mark.static


@pytest.fixture(scope="module")
def doc(synthesized) -> dict:
    return synthesized["workshop"].document()


def stages(pipeline: dict) -> dict[str, list[dict]]:
    return {s["name"]: s["action"] for s in pipeline["stage"]}


def test_rolling_pipeline(doc) -> None:
    _, pipeline = one(doc, "aws_codepipeline", name="ecs-immersion-day-retail-store-sample-rolling")
    by_stage = stages(pipeline)
    assert list(by_stage) == ["Source", "Build", "Deploy"]
    [deploy] = by_stage["Deploy"]
    cluster, _ = one(doc, "aws_ecs_cluster", name="retail-store-ecs-cluster")
    assert {k: deploy[k] for k in ("name", "category", "owner", "provider", "version", "run_order",
                                   "input_artifacts")} == {
        "name": "deploy_to_ECS", "category": "Deploy", "owner": "AWS", "provider": "ECS", "version": "1",
        "run_order": 1, "input_artifacts": ["BuildArtifact"]}
    service, _ = one(doc, "aws_ecs_service", name="retail-store-ui-cicd")
    assert deploy["configuration"] == {"ClusterName": ref("aws_ecs_cluster", cluster, "name"),
                                       "ServiceName": ref("aws_ecs_service", service, "name"),
                                       "FileName": "imagedefinitions.json"}
    [source] = by_stage["Source"]
    repo, _ = one(doc, "aws_codecommit_repository", repository_name="retail-store-sample-app")
    assert source["provider"] == "CodeCommit" and source["configuration"]["BranchName"] == "main"
    assert source["configuration"]["RepositoryName"] == ref("aws_codecommit_repository", repo, "repository_name")
    [build] = by_stage["Build"]
    assert build["provider"] == "CodeBuild" and build["output_artifacts"] == ["BuildArtifact"]


def test_blue_green_pipeline(doc) -> None:
    _, pipeline = one(doc, "aws_codepipeline", name="ecs-immersion-day-retail-store-sample")
    by_stage = stages(pipeline)
    assert list(by_stage) == ["Source", "Build", "Deploy_BG"]
    [deploy] = by_stage["Deploy_BG"]
    app, _ = one(doc, "aws_codedeploy_app", name="retail-ui-deployment")
    group, _ = one(doc, "aws_codedeploy_deployment_group", deployment_group_name="retail-ui-deployment-group")
    assert (deploy["name"], deploy["provider"], deploy["category"]) == ("deploy_to_ECS", "CodeDeployToECS", "Deploy")
    assert deploy["configuration"] == {
        "ApplicationName": ref("aws_codedeploy_app", app, "name"),
        "DeploymentGroupName": ref("aws_codedeploy_deployment_group", group, "deployment_group_name"),
        "TaskDefinitionTemplateArtifact": "BuildArtifact", "TaskDefinitionTemplatePath": "taskdef.json",
        "AppSpecTemplateArtifact": "BuildArtifact", "AppSpecTemplatePath": "appspec.yml",
        "Image1ArtifactName": "BuildArtifact", "Image1ContainerName": "IMAGE_NAME"}


def test_codedeploy_group_as_the_workshop(doc) -> None:
    _, app = one(doc, "aws_codedeploy_app", name="retail-ui-deployment")
    assert app["compute_platform"] == "ECS"
    _, group = one(doc, "aws_codedeploy_deployment_group", deployment_group_name="retail-ui-deployment-group")
    assert group["deployment_style"] == {"deployment_option": "WITH_TRAFFIC_CONTROL", "deployment_type": "BLUE_GREEN"}
    assert group["deployment_config_name"] == "CodeDeployDefault.ECSLinear10PercentEvery1Minutes"
    assert group["blue_green_deployment_config"] == {
        "deployment_ready_option": {"action_on_timeout": "CONTINUE_DEPLOYMENT"},
        "terminate_blue_instances_on_deployment_success": {"action": "TERMINATE",
                                                           "termination_wait_time_in_minutes": 5}}
    assert group["auto_rollback_configuration"] == {"enabled": True, "events": ["DEPLOYMENT_FAILURE"]}
    cluster, _ = one(doc, "aws_ecs_cluster", name="retail-store-ecs-cluster")
    service, _ = one(doc, "aws_ecs_service", name="retail-store-ui-bg")
    assert group["ecs_service"] == {"cluster_name": ref("aws_ecs_cluster", cluster, "name"),
                                    "service_name": ref("aws_ecs_service", service, "name")}
    pair = group["load_balancer_info"]["target_group_pair_info"]
    blue, _ = one(doc, "aws_lb_target_group", name="blue-ui-application")
    green, _ = one(doc, "aws_lb_target_group", name="green-ui-application")
    assert pair["target_group"] == [{"name": ref("aws_lb_target_group", blue, "name")},
                                    {"name": ref("aws_lb_target_group", green, "name")}]
    prod, _ = one(doc, "aws_lb_listener", port=8082)
    test, _ = one(doc, "aws_lb_listener", port=8083)
    assert pair["prod_traffic_route"] == {"listener_arns": [ref("aws_lb_listener", prod, "arn")]}
    assert pair["test_traffic_route"] == {"listener_arns": [ref("aws_lb_listener", test, "arn")]}


def test_pipeline_owned_drift_is_ignored(doc) -> None:
    _, bg = one(doc, "aws_ecs_service", name="retail-store-ui-bg")
    assert bg["deployment_controller"] == {"type": "CODE_DEPLOY"} and "deployment_circuit_breaker" not in bg
    assert bg["desired_count"] == 4
    assert bg["lifecycle"]["ignore_changes"] == ["task_definition", "load_balancer"]
    _, rolling = one(doc, "aws_ecs_service", name="retail-store-ui-cicd")
    assert rolling["desired_count"] == 2 and rolling["lifecycle"]["ignore_changes"] == ["task_definition"]
    assert rolling["deployment_controller"] == {"type": "ECS"}
    _, ui = one(doc, "aws_ecs_service", name="ui")
    assert ui["lifecycle"]["ignore_changes"] == ["desired_count"]
    for port in (8082, 8083):
        _, listener = one(doc, "aws_lb_listener", port=port)
        assert listener["lifecycle"]["ignore_changes"] == ["default_action"]
    _, param = one(doc, "aws_ssm_parameter", name="/codebuild/retail-store-sample-ui-latest-image")
    assert param["lifecycle"]["ignore_changes"] == ["value"]


def test_registry_bucket_and_build(doc) -> None:
    for repo in resources(doc, "aws_ecr_repository").values():
        assert repo["image_tag_mutability"] == "IMMUTABLE"
        assert repo["image_scanning_configuration"] == {"scan_on_push": True}
    assert {r["name"] for r in resources(doc, "aws_ecr_repository").values()} == {
        "retail-store-sample-ui", "retail-store-sample-ui-cicd"}
    buckets = resources(doc, "aws_s3_bucket")
    for kind in ("aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
                 "aws_s3_bucket_public_access_block", "aws_s3_bucket_lifecycle_configuration"):
        assert {r["bucket"] for r in resources(doc, kind).values()} == {
            ref("aws_s3_bucket", name, "id") for name in buckets}, kind
    for block in resources(doc, "aws_s3_bucket_public_access_block").values():
        assert all(block[k] is True for k in ("block_public_acls", "block_public_policy", "ignore_public_acls",
                                              "restrict_public_buckets"))
    _, build = one(doc, "aws_codebuild_project", name="ecs-immersion-day-retail-store-sample")
    assert build["environment"]["privileged_mode"] is True
    variables = {v["name"]: v["value"] for v in build["environment"]["environment_variable"]}
    assert variables["IMAGE_PARAMETER"] == "/codebuild/retail-store-sample-ui-latest-image"
    assert variables["CONTAINER_NAME"] == "application" and variables["BUILD_CONTEXT"] == "./src/ui"
    assert build["logs_config"]["cloudwatch_logs"]["status"] == "ENABLED"
    assert build["source"] == {"type": "CODEPIPELINE", "buildspec": "buildspec.yml"}


def pipeline_policies(doc) -> dict[str, dict]:
    return {p["name"]: policy(p) for p in resources(doc, "aws_iam_role_policy").values()
            if p["name"].startswith("ecs-immersion-day")}


def test_pipeline_iam_is_scoped(doc) -> None:
    found = pipeline_policies(doc)
    assert len(found) == 5  # pipeline + build per pipeline, codedeploy for blue/green
    for name, document in found.items():
        for st in document["Statement"]:
            assert all("*" not in a for a in st["Action"]), (name, st)
            if st["Resource"] == ["*"]:
                assert all(any(a.startswith(w) for w in WILDCARD_RESOURCE_ACTIONS) for a in st["Action"]), (name, st)
    attachments = [a["policy_arn"] for a in resources(doc, "aws_iam_role_policy_attachment").values()]
    assert not any("FullAccess" in arn for arn in attachments)


def test_pass_role_only_for_the_service_roles(doc) -> None:
    execution, _ = one(doc, "aws_iam_role", name="retailStoreEcsTaskExecutionRole")
    passing = set()
    for name, document in pipeline_policies(doc).items():
        for st in document["Statement"]:
            if "iam:PassRole" in st["Action"]:
                passing.add(name)
                assert st["Action"] == ["iam:PassRole"]
                assert st["Resource"] == [ref("aws_iam_role", execution, "arn")]
                assert st["Condition"] == {"StringEqualsIfExists": {"iam:PassedToService": "ecs-tasks.amazonaws.com"}}
    # whoever deploys a task definition must pass its roles: both pipelines and CodeDeploy (builds pass none)
    assert passing == {f"ecs-immersion-day-retail-store-sample-{role}"
                       for role in ("pipeline", "codedeploy", "rolling-pipeline")}


def test_build_role_pushes_only_to_its_repository(doc) -> None:
    repo, _ = one(doc, "aws_ecr_repository", name="retail-store-sample-ui")
    param, _ = one(doc, "aws_ssm_parameter", name="/codebuild/retail-store-sample-ui-latest-image")
    statements = {s["Sid"]: s for s in pipeline_policies(doc)["ecs-immersion-day-retail-store-sample-build"][
        "Statement"]}
    assert statements["PushImage"]["Resource"] == [ref("aws_ecr_repository", repo, "arn")]
    assert statements["LatestImageParameter"] == {"Sid": "LatestImageParameter", "Effect": "Allow",
                                                  "Action": ["ssm:PutParameter"],
                                                  "Resource": [ref("aws_ssm_parameter", param, "arn")]}
    assert json.dumps(statements).count('"*"') == 1  # only ecr:GetAuthorizationToken
