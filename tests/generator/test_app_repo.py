"""buildspec.yml, taskdef.json and appspec.yml: parsed back, checked against the model and the workshop."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.config import load_env
from generator.constructs.container import container_definition
from generator.stack import container_props

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]
ACCOUNT = "111122223333"


def write(tmp_path: Path, pipeline: str) -> Path:
    """`artifacts` through the CLI's own entry point, in this process (the exit-code test below runs it as a real
    process)."""
    out = tmp_path / pipeline
    assert main(["--envs-dir", str(ROOT / "envs"), "artifacts", "--pipeline", pipeline, "--account-id", ACCOUNT,
                 "--out", str(out)]) == 0
    return out


def test_blue_green_files(tmp_path) -> None:
    out = write(tmp_path, "ui-blue-green")
    assert sorted(p.name for p in out.iterdir()) == ["appspec.yml", "buildspec.yml", "taskdef.json"]
    appspec = yaml.safe_load((out / "appspec.yml").read_text())
    assert appspec == {"version": 0.0, "Resources": [{"TargetService": {"Type": "AWS::ECS::Service", "Properties": {
        "TaskDefinition": "<TASK_DEFINITION>", "LoadBalancerInfo": {"ContainerName": "application",
                                                                    "ContainerPort": 8080}}}}]}
    spec = yaml.safe_load((out / "buildspec.yml").read_text())
    assert spec["version"] == 0.2
    assert spec["artifacts"] == {"name": "BuildArtifact", "files": ["imageDetail.json", "taskdef.json", "appspec.yml"]}
    post = "\n".join(spec["phases"]["post_build"]["commands"])
    assert "imageDetail.json" in post and "imagedefinitions.json" not in post
    assert 'aws ssm put-parameter --name "$IMAGE_PARAMETER" --value "$IMAGE_TAG"' in post
    pre = "\n".join(spec["phases"]["pre_build"]["commands"])
    assert "docker login" in pre and 'IMAGE_TAG="i$(date -u +%Y%m%d%H%M%S)-${COMMIT}"' in pre
    assert "latest" not in json.dumps(spec)  # immutable tags: never a reused tag


def test_rolling_files(tmp_path) -> None:
    out = write(tmp_path, "ui-rolling")
    assert sorted(p.name for p in out.iterdir()) == ["buildspec.yml", "taskdef.json"]
    spec = yaml.safe_load((out / "buildspec.yml").read_text())
    assert spec["artifacts"]["files"] == ["imagedefinitions.json", "taskdef.json"]
    assert any("imagedefinitions.json" in c and '"name":"%s","imageUri":"%s"' in c
               for c in spec["phases"]["post_build"]["commands"])


def test_taskdef_is_the_model(tmp_path) -> None:
    out = write(tmp_path, "ui-rolling")
    taskdef = json.loads((out / "taskdef.json").read_text())
    env = load_env("workshop")
    svc = env.services["retail-store-ui-cicd"]
    assert taskdef["family"] == "retail-store-ecs-ui-cicd"
    assert (taskdef["cpu"], taskdef["memory"], taskdef["networkMode"]) == ("1024", "2048", "awsvpc")
    assert taskdef["executionRoleArn"] == f"arn:aws:iam::{ACCOUNT}:role/retailStoreEcsTaskExecutionRole"
    [container] = taskdef["containerDefinitions"]
    expected = container_definition(
        container_props(svc, image="<IMAGE_NAME>", environment={
            "ENDPOINTS_CATALOG": "http://catalog", "ENDPOINTS_ASSETS": "http://assets", "ENDPOINTS_CARTS": "http://carts"},
            secrets={}), region="us-west-2", log_group="retail-store-ecs-tasks", named_port=True)
    assert container == expected and container["image"] == "<IMAGE_NAME>"


def test_bad_input_exits_2_and_writes_nothing(tmp_path) -> None:
    out = tmp_path / "out"
    run = subprocess.run([sys.executable, "-m", "generator", "artifacts", "--pipeline", "nope", "--account-id", "12",
                          "--out", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 2
    assert "--pipeline: unknown pipeline 'nope'; valid: ui-blue-green, ui-rolling" in run.stderr
    assert "--account-id: must be a 12-digit AWS account id" in run.stderr
    assert not out.exists()


def test_ecs_native_files_have_no_appspec(tmp_path) -> None:
    """ECS runs the canary itself: the ECS deploy action's imagedefinitions.json, no CodeDeploy appspec."""
    from generator.app_repo import write_app_repo_files

    out = tmp_path / "modern"
    written = write_app_repo_files(load_env("modern"), "ui", out, ACCOUNT)
    assert sorted(p.name for p in written) == sorted(p.name for p in out.iterdir()) == ["buildspec.yml", "taskdef.json"]
    spec = yaml.safe_load((out / "buildspec.yml").read_text())
    assert spec["artifacts"]["files"] == ["imagedefinitions.json", "taskdef.json"]
    [container] = json.loads((out / "taskdef.json").read_text())["containerDefinitions"]
    assert {e["name"]: e["value"] for e in container["environment"]}["ENDPOINTS_CATALOG"] == "http://catalog"


def test_code_deploy_taskdef_calls_by_cloud_map_dns(tmp_path) -> None:
    """The CodeDeploy service is outside Service Connect; its taskdef.json matches the stack's DNS URLs."""
    from generator.app_repo import task_definition

    [container] = task_definition(load_env("workshop"), "retail-store-ui-bg", ACCOUNT)["containerDefinitions"]
    assert {e["name"]: e["value"] for e in container["environment"]} == {
        "ENDPOINTS_CATALOG": "http://catalog-dns.retailstore.local:8080",
        "ENDPOINTS_ASSETS": "http://assets-dns.retailstore.local:8080",
        "ENDPOINTS_CARTS": "http://carts-dns.retailstore.local:8080"}
