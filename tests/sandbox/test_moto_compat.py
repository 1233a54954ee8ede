"""Each compatibility patch fills a gap that plain moto really has (proved in-process without the patch)."""
from __future__ import annotations

import json

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

from harness.sandbox import EmbeddedSandbox
from harness.sandbox.moto_compat import PATCHES

pytestmark = pytest.mark.plan
REGION = "us-east-1"


@pytest.fixture(scope="module")
def box(tmp_path_factory):
    with EmbeddedSandbox(log_dir=tmp_path_factory.mktemp("compat")) as sandbox:
        yield sandbox


def plain(service: str):
    return boto3.client(service, region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x")


def ecs_service(ecs) -> dict:
    ecs.create_cluster(clusterName="c")
    ecs.register_task_definition(family="f", containerDefinitions=[{"name": "a", "image": "x", "memory": 512}])
    ecs.create_service(cluster="c", serviceName="s", taskDefinition="f", desiredCount=1, enableExecuteCommand=True,
                       enableECSManagedTags=True, healthCheckGracePeriodSeconds=60)
    return ecs.describe_services(cluster="c", services=["s"])["services"][0]


def test_every_patch_is_listed() -> None:
    assert set(PATCHES) == {"ecs_service_settings", "logs_query_definitions", "codedeploy_deletes",
                            "codedeploy_group_defaults", "codecommit_tags", "codebuild_codepipeline_source", "codebuild_delete_by_arn",
                            "s3_bucket_policy_conditions", "guardduty_administrator_names"}
    assert all(PATCHES.values())


def test_ecs_service_settings(box) -> None:
    with mock_aws():
        assert ecs_service(plain("ecs")).get("enableExecuteCommand") is None
    svc = ecs_service(box.client("ecs"))
    assert (svc["enableExecuteCommand"], svc["enableECSManagedTags"], svc["healthCheckGracePeriodSeconds"]) == (
        True, True, 60)
    ecs = box.client("ecs")
    ecs.update_service(cluster="c", service="s", enableExecuteCommand=False)
    assert ecs.describe_services(cluster="c", services=["s"])["services"][0]["enableExecuteCommand"] is False


def test_logs_query_definitions(box) -> None:
    with mock_aws(), pytest.raises(NotImplementedError, match="put_query_definition"):
        plain("logs").put_query_definition(name="q", queryString="fields @message")
    logs = box.client("logs")
    qid = logs.put_query_definition(name="app/q", queryString="fields @message", logGroupNames=["g"])[
        "queryDefinitionId"]
    [found] = logs.describe_query_definitions(queryDefinitionNamePrefix="app/")["queryDefinitions"]
    assert (found["queryDefinitionId"], found["queryString"]) == (qid, "fields @message")
    assert logs.delete_query_definition(queryDefinitionId=qid)["success"] is True
    assert logs.describe_query_definitions()["queryDefinitions"] == []


def codedeploy_group(client) -> None:
    client.create_application(applicationName="app", computePlatform="ECS")
    client.create_deployment_group(applicationName="app", deploymentGroupName="g",
                                   serviceRoleArn="arn:aws:iam::123456789012:role/r")


def test_codedeploy_deletes_and_rollback_default(box) -> None:
    with mock_aws():
        client = plain("codedeploy")
        codedeploy_group(client)
        group = client.get_deployment_group(applicationName="app", deploymentGroupName="g")["deploymentGroupInfo"]
        assert not group.get("autoRollbackConfiguration")
        with pytest.raises(NotImplementedError, match="delete_application"):
            client.delete_application(applicationName="app")
    client = box.client("codedeploy")
    codedeploy_group(client)
    group = client.get_deployment_group(applicationName="app", deploymentGroupName="g")["deploymentGroupInfo"]
    assert group["autoRollbackConfiguration"] == {"enabled": False, "events": []}
    assert group["alarmConfiguration"]["enabled"] is False and group["alarmConfiguration"]["alarms"] == []
    client.delete_deployment_group(applicationName="app", deploymentGroupName="g")
    client.delete_application(applicationName="app")
    assert client.list_applications()["applications"] == []


def test_codecommit_tags_and_listing(box) -> None:
    with mock_aws(), pytest.raises(NotImplementedError, match="list_tags_for_resource"):
        repo = plain("codecommit").create_repository(repositoryName="r")["repositoryMetadata"]
        plain("codecommit").list_tags_for_resource(resourceArn=repo["Arn"])
    client = box.client("codecommit")
    arn = client.create_repository(repositoryName="r", tags={"c": "3"})["repositoryMetadata"]["Arn"]
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"c": "3"}
    client.untag_resource(resourceArn=arn, tagKeys=["c"])
    client.tag_resource(resourceArn=arn, tags={"a": "1", "b": "2"})
    client.untag_resource(resourceArn=arn, tagKeys=["b"])
    assert client.list_tags_for_resource(resourceArn=arn)["tags"] == {"a": "1"}
    assert [r["repositoryName"] for r in client.list_repositories()["repositories"]] == ["r"]


def codebuild_project(client, name: str = "proj") -> dict:
    return client.create_project(name=name, source={"type": "CODEPIPELINE"}, artifacts={"type": "CODEPIPELINE"},
                                 environment={"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0",
                                              "computeType": "BUILD_GENERAL1_SMALL"},
                                 serviceRole="arn:aws:iam::123456789012:role/r")


def test_codebuild_codepipeline_source(box) -> None:
    with mock_aws(), pytest.raises(ClientError, match="location is required"):
        codebuild_project(plain("codebuild"))
    assert codebuild_project(box.client("codebuild"))["project"]["source"]["type"] == "CODEPIPELINE"


def test_codebuild_delete_by_arn(box) -> None:
    with mock_aws():
        client = plain("codebuild")
        arn = client.create_project(name="proj", source={"type": "S3", "location": "bucket/src.zip"},
                                    artifacts={"type": "NO_ARTIFACTS"}, environment={
                                        "type": "LINUX_CONTAINER", "image": "i", "computeType": "BUILD_GENERAL1_SMALL"},
                                    serviceRole="arn:aws:iam::123456789012:role/r")["project"]["arn"]
        client.delete_project(name=arn)
        assert client.list_projects()["projects"] == ["proj"]  # the gap: still there
    client = box.client("codebuild")
    arn = codebuild_project(client, "by-arn")["project"]["arn"]
    client.delete_project(name=arn)
    assert "by-arn" not in client.list_projects()["projects"]


def deny_policy(bucket: str, condition: dict | None) -> str:
    statement = {"Effect": "Deny", "Principal": "*", "Action": "s3:*",
                 "Resource": [f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"]}
    return json.dumps({"Version": "2012-10-17", "Statement": [{**statement, **({"Condition": condition}
                                                                                 if condition else {})}]})


def object_read(s3, bucket: str, condition: dict | None) -> str:
    """'allowed' or the error code of a GetObject under a Deny policy with `condition`."""
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="k", Body=b"1")
    s3.put_bucket_policy(Bucket=bucket, Policy=deny_policy(bucket, condition))
    try:
        s3.get_object(Bucket=bucket, Key="k")
        return "allowed"
    except ClientError as exc:
        return exc.response["Error"]["Code"]


def test_s3_bucket_policy_conditions(box) -> None:
    through_endpoint = {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}  # this request uses no VPC endpoint
    without_tls = {"Bool": {"aws:SecureTransport": "false"}}
    with mock_aws():
        assert object_read(plain("s3"), "plain-vpce", through_endpoint) == "403", "moto lets the condition match"
    s3 = box.client("s3")
    assert object_read(s3, "compat-vpce", through_endpoint) == "allowed"
    assert object_read(s3, "compat-tls", without_tls) == "allowed", "the sandbox stands in for HTTPS"
    assert object_read(s3, "compat-vpce-if-exists", {"StringEqualsIfExists": {"aws:SourceVpce": "x"}}) == "403"
    assert object_read(s3, "compat-always", None) == "403", "a Deny without conditions still refuses"


def test_guardduty_administrator_names(box) -> None:
    def administrator(guardduty) -> dict:
        detector = guardduty.create_detector(Enable=True)["DetectorId"]
        guardduty.enable_organization_admin_account(AdminAccountId="111122223333")
        return guardduty.get_administrator_account(DetectorId=detector)

    with mock_aws():
        assert "Administrator" not in administrator(plain("guardduty"))
    assert administrator(box.client("guardduty"))["Administrator"] == {"AccountId": "111122223333",
                                                                       "RelationshipStatus": "ENABLED"}
