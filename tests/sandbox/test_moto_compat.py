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
                            "codedeploy_group_defaults", "codecommit_tags", "codebuild_codepipeline_source",
                            "codebuild_delete_by_arn", "s3_bucket_policy_conditions", "elasticache_delete_subnet_group",
                            "ec2_customer_gateway_device_name", "ec2_dhcp_options_tags", "ec2_delete_vpc_default_acl",
                            "route53_private_zone_from_vpc", "sqs_compact_redrive_policy", "rds_user_parameters",
                            "servicediscovery_namespace_zone", "guardduty_administrator_names",
                            "ecs_service_capacity_provider_strategy"}


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


def cache_subnet_group(client) -> None:
    ec2 = client("ec2")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    subnet = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24")["Subnet"]["SubnetId"]
    client("elasticache").create_cache_subnet_group(CacheSubnetGroupName="g", CacheSubnetGroupDescription="d",
                                          SubnetIds=[subnet])


def test_elasticache_delete_subnet_group(box) -> None:
    with mock_aws(), pytest.raises(NotImplementedError, match="delete_cache_subnet_group"):
        cache_subnet_group(plain)
        plain("elasticache").delete_cache_subnet_group(CacheSubnetGroupName="g")
    account = box.new_account()
    cache_subnet_group(account.client)
    client = account.client("elasticache")
    client.delete_cache_subnet_group(CacheSubnetGroupName="g")
    with pytest.raises(ClientError, match="CacheSubnetGroupNotFound"):
        client.describe_cache_subnet_groups(CacheSubnetGroupName="g")
    with pytest.raises(ClientError, match="CacheSubnetGroupNotFound"):
        client.delete_cache_subnet_group(CacheSubnetGroupName="g")


def customer_gateway(ec2) -> dict:
    created = ec2.create_customer_gateway(BgpAsn=65000, PublicIp="203.0.113.10", Type="ipsec.1",
                                          DeviceName="office-router")["CustomerGateway"]
    return ec2.describe_customer_gateways(CustomerGatewayIds=[created["CustomerGatewayId"]])["CustomerGateways"][0]


def test_ec2_customer_gateway_device_name(box) -> None:
    with mock_aws():
        assert "DeviceName" not in customer_gateway(plain("ec2"))
    assert customer_gateway(box.new_account().client("ec2"))["DeviceName"] == "office-router"


def dhcp_options(ec2) -> dict:
    created = ec2.create_dhcp_options(
        DhcpConfigurations=[{"Key": "domain-name", "Values": ["corp.internal"]}],
        TagSpecifications=[{"ResourceType": "dhcp-options", "Tags": [{"Key": "Name", "Value": "corp"}]}])
    return ec2.describe_dhcp_options(DhcpOptionsIds=[created["DhcpOptions"]["DhcpOptionsId"]])["DhcpOptions"][0]


def test_ec2_dhcp_options_tags(box) -> None:
    with mock_aws():
        assert dhcp_options(plain("ec2"))["Tags"] == []
    assert dhcp_options(box.new_account().client("ec2"))["Tags"] == [{"Key": "Name", "Value": "corp"}]


def acls_after_vpc_deleted(ec2) -> list:
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    ec2.delete_vpc(VpcId=vpc)
    return ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["NetworkAcls"]


def test_ec2_delete_vpc_default_acl(box) -> None:
    with mock_aws():
        [left] = acls_after_vpc_deleted(plain("ec2"))
        assert left["IsDefault"] is True
    assert acls_after_vpc_deleted(box.new_account().client("ec2")) == []


def zone_vpcs(client) -> list:
    """A zone created with a VPC and without HostedZoneConfig.PrivateZone, as hashicorp/aws 3.x creates it."""
    vpc = client("ec2").create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    route53 = client("route53")
    zone = route53.create_hosted_zone(Name="corp.internal", CallerReference="r1",
                                      VPC={"VPCRegion": REGION, "VPCId": vpc})["HostedZone"]
    found = route53.get_hosted_zone(Id=zone["Id"])
    assert found["HostedZone"]["Config"]["PrivateZone"] == bool(found.get("VPCs"))
    return found.get("VPCs", [])


def test_route53_private_zone_from_vpc(box) -> None:
    with mock_aws():
        assert zone_vpcs(plain) == []
    [vpc] = zone_vpcs(box.new_account().client)
    assert vpc["VPCRegion"] == REGION and vpc["VPCId"].startswith("vpc-")


def redrive_policy(client) -> str:
    sqs = client("sqs")
    dead = sqs.create_queue(QueueName="dead")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=dead, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    queue = sqs.create_queue(QueueName="work", Attributes={"RedrivePolicy": json.dumps(
        {"deadLetterTargetArn": arn, "maxReceiveCount": 5}, separators=(",", ":"))})["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=dead, AttributeNames=["All"])["Attributes"]
    assert "RedrivePolicy" not in attributes  # a queue without one reports none
    return sqs.get_queue_attributes(QueueUrl=queue, AttributeNames=["RedrivePolicy"])["Attributes"]["RedrivePolicy"]


def test_sqs_compact_redrive_policy(box) -> None:
    with mock_aws():
        assert '": ' in redrive_policy(plain)
    policy = redrive_policy(box.new_account().client)
    assert '": ' not in policy and json.loads(policy)["maxReceiveCount"] == 5


def user_parameters(client) -> tuple[list, list]:
    """The parameters of a group after one was set, and those DescribeDBParameters returns for Source=system."""
    rds = client("rds")
    rds.create_db_parameter_group(DBParameterGroupName="p", DBParameterGroupFamily="mysql8.0", Description="d")
    rds.modify_db_parameter_group(DBParameterGroupName="p", Parameters=[
        {"ParameterName": "require_secure_transport", "ParameterValue": "1", "ApplyMethod": "immediate"}])
    return (rds.describe_db_parameters(DBParameterGroupName="p")["Parameters"],
            rds.describe_db_parameters(DBParameterGroupName="p", Source="system")["Parameters"])


def test_rds_user_parameters(box) -> None:
    with mock_aws():
        [param], system = user_parameters(plain)
        assert "Source" not in param and system == [param]  # no Source, and the filter is ignored
    [param], system = user_parameters(box.new_account().client)
    assert (param["ParameterName"], param["Source"], system) == ("require_secure_transport", "user", [])


def zones_after_namespace_deleted(client) -> list:
    vpc = client("ec2").create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    discovery = client("servicediscovery")
    discovery.create_private_dns_namespace(Name="shop.local", Vpc=vpc)
    assert len(client("route53").list_hosted_zones()["HostedZones"]) == 1  # Cloud Map made the namespace's zone
    discovery.delete_namespace(Id=discovery.list_namespaces()["Namespaces"][0]["Id"])
    return client("route53").list_hosted_zones()["HostedZones"]


def test_servicediscovery_namespace_zone(box) -> None:
    with mock_aws():
        assert len(zones_after_namespace_deleted(plain)) == 1
    assert zones_after_namespace_deleted(box.new_account().client) == []

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
