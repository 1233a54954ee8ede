"""Each compat patch: its probe fails on plain moto and passes on the sandbox."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

import pytest
from botocore.config import Config
from botocore.exceptions import ClientError

from harness.sandbox import EmbeddedSandbox
from harness.sandbox import moto_compat

Client = Callable[[str], Any]
_ids = itertools.count()


def _unique(prefix: str) -> str:
    return f"{prefix}-{next(_ids)}"


def _role(client: Client) -> str:
    policy = json.dumps({"Version": "2012-10-17", "Statement": []})
    return client("iam").create_role(RoleName=_unique("compat-role"), AssumeRolePolicyDocument=policy)["Role"]["Arn"]


def _deployment_group(client: Client, **extra: Any) -> tuple[str, str]:
    codedeploy = client("codedeploy")
    app, group = _unique("app"), _unique("group")
    codedeploy.create_application(applicationName=app, computePlatform="ECS")
    codedeploy.create_deployment_group(
        applicationName=app, deploymentGroupName=group, serviceRoleArn=_role(client), **extra
    )
    return app, group


def codedeploy_delete_application(client: Client) -> None:
    codedeploy = client("codedeploy")
    app, _ = _deployment_group(client)
    codedeploy.delete_application(applicationName=app)
    assert app not in codedeploy.list_applications()["applications"]


def codedeploy_delete_deployment_group(client: Client) -> None:
    codedeploy = client("codedeploy")
    app, group = _deployment_group(client)
    assert codedeploy.delete_deployment_group(applicationName=app, deploymentGroupName=group)["hooksNotCleanedUp"] == []
    assert codedeploy.list_deployment_groups(applicationName=app)["deploymentGroups"] == []


def codedeploy_update_deployment_group(client: Client) -> None:
    codedeploy = client("codedeploy")
    app, group = _deployment_group(client)
    rollback = {"enabled": True, "events": ["DEPLOYMENT_FAILURE"]}
    codedeploy.update_deployment_group(
        applicationName=app, currentDeploymentGroupName=group,
        newDeploymentGroupName=group + "-new", autoRollbackConfiguration=rollback,
    )
    info = codedeploy.get_deployment_group(applicationName=app, deploymentGroupName=group + "-new")
    assert info["deploymentGroupInfo"]["autoRollbackConfiguration"] == rollback


def codedeploy_group_rollback_and_alarm_config(client: Client) -> None:
    codedeploy = client("codedeploy")
    app, group = _deployment_group(client)
    info = codedeploy.get_deployment_group(applicationName=app, deploymentGroupName=group)["deploymentGroupInfo"]
    assert info["autoRollbackConfiguration"].get("enabled") is False
    assert info["alarmConfiguration"].get("enabled") is False
    alarms = {"enabled": True, "alarms": [{"name": "high-5xx"}]}
    app, group = _deployment_group(client, alarmConfiguration=alarms)
    info = codedeploy.get_deployment_group(applicationName=app, deploymentGroupName=group)["deploymentGroupInfo"]
    assert info["alarmConfiguration"]["alarms"] == [{"name": "high-5xx"}]
    assert info["alarmConfiguration"]["enabled"] is True


def codecommit_tags(client: Client) -> None:
    codecommit = client("codecommit")
    repo = codecommit.create_repository(repositoryName=_unique("repo"), tags={"team": "a"})
    arn = repo["repositoryMetadata"]["Arn"]
    assert codecommit.list_tags_for_resource(resourceArn=arn)["tags"] == {"team": "a"}
    codecommit.tag_resource(resourceArn=arn, tags={"env": "test"})
    codecommit.untag_resource(resourceArn=arn, tagKeys=["team"])
    assert codecommit.list_tags_for_resource(resourceArn=arn)["tags"] == {"env": "test"}


def codecommit_list_repositories(client: Client) -> None:
    codecommit = client("codecommit")
    name = _unique("repo")
    codecommit.create_repository(repositoryName=name)
    assert name in [repo["repositoryName"] for repo in codecommit.list_repositories()["repositories"]]


def codebuild_codepipeline_without_location(client: Client) -> None:
    codebuild = client("codebuild")
    name = _unique("build")
    codebuild.create_project(
        name=name, source={"type": "CODEPIPELINE", "buildspec": "buildspec.yml"},
        artifacts={"type": "CODEPIPELINE"}, serviceRole=_role(client),
        environment={"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0",
                     "computeType": "BUILD_GENERAL1_SMALL"},
    )
    assert codebuild.batch_get_projects(names=[name])["projects"][0]["source"]["type"] == "CODEPIPELINE"


def _ecs_service(client: Client, **extra: Any) -> dict[str, Any]:
    ecs, ec2 = client("ecs"), client("ec2")
    cluster = ecs.create_cluster(clusterName=_unique("cluster"))["cluster"]["clusterArn"]
    family = _unique("family")
    ecs.register_task_definition(
        family=family, networkMode="awsvpc", requiresCompatibilities=["FARGATE"], cpu="256", memory="512",
        containerDefinitions=[{"name": "web", "image": "nginx",
                               "portMappings": [{"containerPort": 80, "name": "http"}]}],
    )
    network = {"awsvpcConfiguration": {
        "subnets": [ec2.describe_subnets()["Subnets"][0]["SubnetId"]],
        "securityGroups": [ec2.describe_security_groups()["SecurityGroups"][0]["GroupId"]],
    }}
    name = _unique("service")
    ecs.create_service(cluster=cluster, serviceName=name, taskDefinition=family, desiredCount=1,
                       launchType="FARGATE", networkConfiguration=network, **extra)
    return ecs.describe_services(cluster=cluster, services=[name])["services"][0]


def ecs_enable_execute_command(client: Client) -> None:
    assert _ecs_service(client, enableExecuteCommand=True).get("enableExecuteCommand") is True
    assert _ecs_service(client).get("enableExecuteCommand") is False


def ecs_deployment_configuration(client: Client) -> None:
    breaker = {"enable": True, "rollback": True}
    service = _ecs_service(client, deploymentConfiguration={"deploymentCircuitBreaker": breaker})
    config = service.get("deploymentConfiguration", {})
    assert config.get("deploymentCircuitBreaker") == breaker
    assert (config.get("maximumPercent"), config.get("minimumHealthyPercent")) == (200, 100)


def ecs_service_connect_configuration(client: Client) -> None:
    connect = {"enabled": True, "namespace": "internal",
               "services": [{"portName": "http", "clientAliases": [{"port": 80, "dnsName": "web"}]}]}
    service = _ecs_service(client, serviceConnectConfiguration=connect)
    primary = [d for d in service["deployments"] if d["status"] == "PRIMARY"]
    assert primary[0].get("serviceConnectConfiguration") == connect


PROBES: dict[str, Callable[[Client], None]] = {
    probe.__name__: probe
    for probe in (
        codedeploy_delete_application,
        codedeploy_delete_deployment_group,
        codedeploy_update_deployment_group,
        codedeploy_group_rollback_and_alarm_config,
        codecommit_tags,
        codecommit_list_repositories,
        codebuild_codepipeline_without_location,
        ecs_enable_execute_command,
        ecs_deployment_configuration,
        ecs_service_connect_configuration,
    )
}


def _client_factory(sandbox: EmbeddedSandbox) -> Client:
    no_retry = Config(retries={"max_attempts": 1})
    return lambda service: sandbox.client(service, config=no_retry)


def test_every_patch_has_a_probe() -> None:
    assert set(PROBES) == set(moto_compat.patches())


@pytest.mark.parametrize("name", list(PROBES))
def test_probe_fails_on_plain_moto(plain_sandbox: EmbeddedSandbox, name: str) -> None:
    with pytest.raises((ClientError, AssertionError)):
        PROBES[name](_client_factory(plain_sandbox))


@pytest.mark.parametrize("name", list(PROBES))
def test_patch_fills_the_gap(sandbox: EmbeddedSandbox, name: str) -> None:
    PROBES[name](_client_factory(sandbox))
