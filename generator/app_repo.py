"""Files the application repository needs for a pipeline: buildspec.yml, taskdef.json, appspec.yml.

Rendered from the same model as the stack (the container definition comes from
generator.constructs.container), so they cannot drift from the task definition Terraform
creates. ARNs need the account id: it is an explicit input (`--account-id`), because the
CodeDeploy and ECS deploy actions use these files as they are, apart from the image.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from generator.config.errors import ConfigError, Problem
from generator.config.model import DatabaseSecret, EnvironmentConfig, SecretsManagerSecret, ServiceUrl, TableName
from generator.constructs.container import container_definition
from generator.files import staging_dir, swap_in
from generator.targets import Feature, ProviderTarget

IMAGE_PLACEHOLDER = "<IMAGE_NAME>"
TASK_DEFINITION_PLACEHOLDER = "<TASK_DEFINITION>"


def _service_url(env: EnvironmentConfig, name: str) -> str:
    svc = env.services[name]
    entry = svc.service_connect
    assert entry is not None
    if ProviderTarget(env.provider.version).supports(Feature.SERVICE_CONNECT):
        return f"http://{entry.alias}" if entry.port == 80 else f"http://{entry.alias}:{entry.port}"
    return f"http://{entry.name}.{env.service_connect.namespace}:{svc.port}"


def task_definition(env: EnvironmentConfig, service: str, account_id: str) -> dict:
    """taskdef.json: the service's task definition with the image left as <IMAGE_NAME>."""
    svc = env.services[service]
    target = ProviderTarget(env.provider.version)
    arn = lambda kind, resource: f"arn:aws:{kind}:{env.region}:{account_id}:{resource}"  # noqa: E731
    environment = {}
    for key, value in svc.environment.items():
        if isinstance(value, ServiceUrl):
            environment[key] = _service_url(env, value.service_url)
        elif isinstance(value, TableName):
            environment[key] = env.tables[value.table_name].name or ""
        else:
            environment[key] = value
    secrets = {}
    for key, ref in svc.secrets.items():
        if isinstance(ref, DatabaseSecret):
            db = env.databases[ref.database]
            secrets[key] = (arn("ssm", f"parameter{db.endpoint_parameter}") if ref.field == "endpoint"
                            else arn("secretsmanager", f"secret:{db.secret_name}:{ref.field}::"))
        elif isinstance(ref, SecretsManagerSecret):
            secrets[key] = f"{ref.secrets_manager_arn}:{ref.key}::" if ref.key else ref.secrets_manager_arn
        else:
            secrets[key] = ref.ssm_parameter_arn
    definition = {
        "family": svc.family,
        "executionRoleArn": f"arn:aws:iam::{account_id}:role/{svc.execution_role}",
        **({"taskRoleArn": f"arn:aws:iam::{account_id}:role/{svc.task_role}"} if svc.task_role else {}),
        "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
        "cpu": str(svc.cpu), "memory": str(svc.memory),
        "containerDefinitions": [container_definition(
            svc, image=IMAGE_PLACEHOLDER, region=env.region, log_group=env.logs.group or "",
            environment=environment, secrets=secrets, named_port=target.supports(Feature.SERVICE_CONNECT))],
    }
    if target.supports(Feature.RUNTIME_PLATFORM):
        definition["runtimePlatform"] = {"cpuArchitecture": svc.cpu_architecture, "operatingSystemFamily": "LINUX"}
    return definition


def buildspec(strategy: str) -> dict:
    """buildspec.yml: log in to ECR, build, push a never-reused tag, record it, emit deploy files.

    The tag is i<UTC timestamp>-<commit8> (the workshop's scheme); ECR tags are IMMUTABLE, so no
    `latest` is pushed. The CodeBuild project sets REPOSITORY_URI, IMAGE_PARAMETER,
    CONTAINER_NAME and BUILD_CONTEXT from the same model.
    """
    deploy_file = (['printf \'[{"name":"%s","imageUri":"%s"}]\' "$CONTAINER_NAME" "$IMAGE_URI" > imagedefinitions.json']
                   if strategy == "rolling" else ['printf \'{"ImageURI":"%s"}\' "$IMAGE_URI" > imageDetail.json'])
    files = ["imagedefinitions.json", "taskdef.json"] if strategy == "rolling" else \
        ["imageDetail.json", "taskdef.json", "appspec.yml"]
    return {"version": 0.2, "phases": {
        "pre_build": {"commands": [
            'aws ecr get-login-password --region "$AWS_DEFAULT_REGION" | '
            'docker login --username AWS --password-stdin "${REPOSITORY_URI%%/*}"',
            'COMMIT=$(echo "$CODEBUILD_RESOLVED_SOURCE_VERSION" | cut -c 1-8)',
            'IMAGE_TAG="i$(date -u +%Y%m%d%H%M%S)-${COMMIT}"',
            'IMAGE_URI="$REPOSITORY_URI:$IMAGE_TAG"']},
        "build": {"commands": ['docker build -t "$IMAGE_URI" "$BUILD_CONTEXT"']},
        "post_build": {"commands": [
            'docker push "$IMAGE_URI"',
            'aws ssm put-parameter --name "$IMAGE_PARAMETER" --value "$IMAGE_TAG" --type String --overwrite',
            *deploy_file]}},
        "artifacts": {"name": "BuildArtifact", "files": files}}


def appspec(env: EnvironmentConfig, service: str) -> dict:
    """appspec.yml for CodeDeploy ECS blue/green."""
    svc = env.services[service]
    return {"version": 0.0, "Resources": [{"TargetService": {"Type": "AWS::ECS::Service", "Properties": {
        "TaskDefinition": TASK_DEFINITION_PLACEHOLDER,
        "LoadBalancerInfo": {"ContainerName": svc.container_name, "ContainerPort": svc.port}}}}]}


def write_app_repo_files(env: EnvironmentConfig, pipeline: str, out: Path, account_id: str,
                         source: str = "<config>") -> list[Path]:
    """Write the files for one pipeline into `out` (all or nothing)."""
    problems = []
    if pipeline not in env.pipelines:
        problems.append(Problem("--pipeline", f"unknown pipeline {pipeline!r}; valid: "
                                              f"{', '.join(sorted(env.pipelines)) or '(none defined)'}"))
    if not re.fullmatch(r"\d{12}", account_id or ""):
        problems.append(Problem("--account-id", f"must be a 12-digit AWS account id, got {account_id!r}"))
    if problems:
        raise ConfigError(source, problems)
    config = env.pipelines[pipeline]
    files = {"buildspec.yml": yaml.safe_dump(buildspec(config.strategy), sort_keys=False, width=200),
             "taskdef.json": json.dumps(task_definition(env, config.service, account_id), indent=2) + "\n"}
    if config.strategy == "blue_green":
        files["appspec.yml"] = yaml.safe_dump(appspec(env, config.service), sort_keys=False)
    with staging_dir(out / ".app-repo") as staging:
        for name, text in files.items():
            (staging / name).write_text(text)
        for name in files:
            swap_in(staging / name, out / name)
    return [out / name for name in files]
