"""Files the application repository needs for a pipeline: buildspec.yml, taskdef.json, appspec.yml.

Rendered from the same model as the stack (the container definition comes from
generator.constructs.container), so they cannot drift from the task definition Terraform
creates. ARNs need the account id: it is an explicit input (`--account-id`), because the
CodeDeploy and ECS deploy actions use these files as they are, apart from the image.

Where RDS manages a database's password (targets >= 4.61.0), the ARN of its secret is generated
by RDS at apply time (`rds!db-<id>`), so no name can spell it beforehand: the applied stack's
outputs (`terraform output -json`, `--outputs`) give it from `database_secret_arns`.
"""
from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator import references
from generator.arns import arn, partition_of
from generator.config.model import DatabaseSecret, EnvironmentConfig
from generator.constructs.container import container_definition
from generator.constructs.discovery import service_url
from generator.errors import ConfigError, Problem
from generator.files import staging_dir, swap_in
from generator.stack import container_props, discovery_entry
from generator.strategies import deployment_controller
from generator.targets import Feature, ProviderTarget

IMAGE_PLACEHOLDER = "<IMAGE_NAME>"
TASK_DEFINITION_PLACEHOLDER = "<TASK_DEFINITION>"


@dataclass(frozen=True)
class LiteralAddresses:
    """Service URLs, table names and ARNs of an environment's resources, spelled out for one account.

    `outputs`: the applied stack's outputs (`terraform output -json`): where RDS manages a database's
    password, the ARN of its secret exists only after apply, so it is read from `database_secret_arns`.
    """

    env: EnvironmentConfig
    account_id: str
    outputs: Mapping[str, Any] | None = None

    def _arn(self, service: str, resource: str, region: bool = True) -> str:
        return arn(partition_of(self.env.region), service, self.env.region if region else "", self.account_id,
                   resource)

    def service_url(self, service: str, caller: str) -> str:
        callee = self.env.services[service]
        assert callee.service_connect is not None  # validated: a service_url target has an entry
        return service_url(discovery_entry(callee.service_connect), container_port=callee.port,
                           namespace=self.env.service_connect.namespace,
                           service_connect=ProviderTarget(self.env.provider.version).supports(Feature.SERVICE_CONNECT),
                           via_dns=not references.joins_service_connect(self.env, caller))

    def table_name(self, table: str) -> str:
        return self.env.tables[table].name

    def database_secret_arn(self, database: str) -> str:
        applied = applied_secret_arns(self.outputs)
        if database in applied:
            return applied[database]
        if ProviderTarget(self.env.provider.version).supports(Feature.MANAGED_MASTER_PASSWORD):
            raise ConfigError("taskdef.json", [Problem("--outputs", needs_outputs(database))])
        return self._arn("secretsmanager", f"secret:{self.env.databases[database].secret_name}")

    def database_secret_key_arn(self, database: str) -> str | None:
        return self.env.databases[database].secret_kms_key_arn

    def database_endpoint_arn(self, database: str) -> str:
        return self._arn("ssm", f"parameter{self.env.databases[database].endpoint_parameter}")

    def role_arn(self, name: str) -> str:
        return self._arn("iam", f"role/{name}", region=False)


def applied_secret_arns(outputs: Mapping[str, Any] | None) -> dict[str, str]:
    """Database key -> secret ARN from the applied stack's outputs (`terraform output -json`)."""
    value = ((outputs or {}).get("database_secret_arns") or {}).get("value")
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def needs_outputs(database: str) -> str:
    """Why taskdef.json needs the applied stack's outputs for `database`."""
    return (f"RDS manages the password of database {database!r}, so its secret has an ARN only after apply; pass "
            "the applied stack's `terraform output -json` (its database_secret_arns) as --outputs FILE")


def task_definition(env: EnvironmentConfig, service: str, account_id: str,
                    outputs: Mapping[str, Any] | None = None) -> dict:
    """taskdef.json: the service's task definition with the image left as <IMAGE_NAME>."""
    svc = env.services[service]
    target = ProviderTarget(env.provider.version)
    addresses = LiteralAddresses(env, account_id, outputs)
    secrets, _ = references.secrets(svc, addresses)
    container = container_props(svc, image=IMAGE_PLACEHOLDER, secrets=secrets,
                                environment=references.environment(service, svc, addresses))
    definition: dict[str, Any] = {
        "family": svc.family,
        "executionRoleArn": addresses.role_arn(svc.execution_role),
        **({"taskRoleArn": addresses.role_arn(svc.task_role)} if svc.task_role else {}),
        "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"],
        "cpu": str(svc.cpu), "memory": str(svc.memory),
        "containerDefinitions": [container_definition(
            container, region=env.region, log_group=env.logs.group,
            named_port=target.supports(Feature.SERVICE_CONNECT))],
    }
    if target.supports(Feature.RUNTIME_PLATFORM):
        definition["runtimePlatform"] = {"cpuArchitecture": svc.cpu_architecture, "operatingSystemFamily": "LINUX"}
    return definition


def buildspec(strategy: str) -> dict:
    """buildspec.yml: log in to ECR, build, push a never-reused tag, record it, emit deploy files.

    The tag is i<UTC timestamp>-<commit8> (the workshop's scheme); ECR tags are IMMUTABLE, so no
    `latest` is pushed. The CodeBuild project sets REPOSITORY_URI, IMAGE_PARAMETER,
    CONTAINER_NAME and BUILD_CONTEXT from the same model. The ECS deploy action (rolling and the ECS-native
    strategies, where ECS runs blue/green, linear and canary itself) reads imagedefinitions.json; CodeDeploy
    reads imageDetail.json and appspec.yml.
    """
    codedeploy = deployment_controller(strategy) == "CODE_DEPLOY"
    deploy_file = (['printf \'{"ImageURI":"%s"}\' "$IMAGE_URI" > imageDetail.json'] if codedeploy else
                   ['printf \'[{"name":"%s","imageUri":"%s"}]\' "$CONTAINER_NAME" "$IMAGE_URI" '
                    '> imagedefinitions.json'])
    files = ["imageDetail.json", "taskdef.json", "appspec.yml"] if codedeploy else \
        ["imagedefinitions.json", "taskdef.json"]
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
                         source: str = "<config>", outputs: Mapping[str, Any] | None = None) -> list[Path]:
    """Write the files for one pipeline into `out` (all or nothing); `outputs`: see LiteralAddresses."""
    problems = []
    if pipeline not in env.pipelines:
        problems.append(Problem("--pipeline", f"unknown pipeline {pipeline!r}; valid: "
                                              f"{', '.join(sorted(env.pipelines)) or '(none defined)'}"))
    if not re.fullmatch(r"\d{12}", account_id or ""):
        problems.append(Problem("--account-id", f"must be a 12-digit AWS account id, got {account_id!r}"))
    if pipeline in env.pipelines and ProviderTarget(env.provider.version).supports(Feature.MANAGED_MASTER_PASSWORD):
        databases = {ref.database for ref in env.services[env.pipelines[pipeline].service].secrets.values()
                     if isinstance(ref, DatabaseSecret) and ref.field != "endpoint"}
        problems += [Problem("--outputs", needs_outputs(db)) for db in sorted(databases - set(applied_secret_arns(
            outputs)))]
    if problems:
        raise ConfigError(source, problems)
    config = env.pipelines[pipeline]
    files = {"buildspec.yml": yaml.safe_dump(buildspec(config.strategy), sort_keys=False, width=200),
             "taskdef.json": json.dumps(task_definition(env, config.service, account_id, outputs), indent=2) + "\n"}
    if deployment_controller(config.strategy) == "CODE_DEPLOY":
        files["appspec.yml"] = yaml.safe_dump(appspec(env, config.service), sort_keys=False)
    with staging_dir(out / ".app-repo") as staging:
        for name, text in files.items():
            (staging / name).write_text(text)
        for name in files:
            swap_in(staging / name, out / name)
    return [out / name for name in files]
