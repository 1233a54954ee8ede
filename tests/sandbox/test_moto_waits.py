"""No emulator-made waiting: plain moto answers every state the provider's waiters poll for (hashicorp/aws 3.39.0)
in its final form on the first poll, so the waits left in a sandbox deploy are the provider's own fixed delays
(benchmarks/sandbox.py names them). Each test pins one such answer; if a moto upgrade starts emulating a
transition (a load balancer `provisioning` for a while, a DB instance `creating`), the test fails and a named patch
in harness/sandbox/moto_compat.py is due.
"""
from __future__ import annotations

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws

pytestmark = pytest.mark.plan  # the lane of the compatibility patches' own tests (test_moto_compat.py)
REGION = "us-west-2"


def plain(service: str):
    return boto3.client(service, region_name=REGION, aws_access_key_id="x", aws_secret_access_key="x")


@pytest.fixture
def subnets():
    with mock_aws():
        ec2 = plain("ec2")
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        yield vpc, [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"{REGION}{zone}")
                    ["Subnet"]["SubnetId"] for i, zone in ((1, "a"), (2, "b"))]


def test_load_balancer_active_on_first_describe(subnets) -> None:
    """The provider polls DescribeLoadBalancers until `active` (https://docs.aws.amazon.com/elasticloadbalancing/
    latest/APIReference/API_LoadBalancerState.html); moto's create answers `provisioning`, its first describe
    `active`. It makes no network interfaces for the load balancer, so the provider's ENI clean-up on delete
    (descriptions `ELB app/...`) has nothing to wait for."""
    _, subnet_ids = subnets
    elb = plain("elbv2")
    created = elb.create_load_balancer(Name="lb", Subnets=subnet_ids)["LoadBalancers"][0]
    assert created["State"]["Code"] == "provisioning"
    [described] = elb.describe_load_balancers(LoadBalancerArns=[created["LoadBalancerArn"]])["LoadBalancers"]
    assert described["State"]["Code"] == "active"
    assert plain("ec2").describe_network_interfaces(
        Filters=[{"Name": "description", "Values": ["ELB app/lb/*"]}])["NetworkInterfaces"] == []


def test_db_instance_available_at_once_and_gone_after_delete() -> None:
    """Status `available` (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/accessing-monitoring.html) right
    after CreateDBInstance; after DeleteDBInstance the instance is not found (the provider's delete target)."""
    with mock_aws():
        rds = plain("rds")
        created = rds.create_db_instance(DBInstanceIdentifier="db", DBInstanceClass="db.t3.micro", Engine="mysql",
                                         MasterUsername="admin", MasterUserPassword="password123",
                                         AllocatedStorage=20)["DBInstance"]
        assert created["DBInstanceStatus"] == "available"
        rds.delete_db_instance(DBInstanceIdentifier="db", SkipFinalSnapshot=True)
        with pytest.raises(ClientError, match="DBInstanceNotFound"):
            rds.describe_db_instances(DBInstanceIdentifier="db")


def test_nat_gateway_available_then_deleted(subnets) -> None:
    """`available` on create, `deleted` on delete (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/
    API_NatGateway.html): no `pending` or `deleting` to wait through."""
    _, subnet_ids = subnets
    ec2 = plain("ec2")
    nat = ec2.create_nat_gateway(SubnetId=subnet_ids[0], AllocationId=ec2.allocate_address(Domain="vpc")[
        "AllocationId"])["NatGateway"]["NatGatewayId"]
    assert ec2.describe_nat_gateways(NatGatewayIds=[nat])["NatGateways"][0]["State"] == "available"
    ec2.delete_nat_gateway(NatGatewayId=nat)
    assert ec2.describe_nat_gateways(NatGatewayIds=[nat])["NatGateways"][0]["State"] == "deleted"


def test_internet_gateway_attachment_available(subnets) -> None:
    """An attached internet gateway's attachment is `available` (https://docs.aws.amazon.com/AWSEC2/latest/
    APIReference/API_InternetGatewayAttachment.html), the state the provider's attach waiter targets."""
    vpc, _ = subnets
    ec2 = plain("ec2")
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    [attachment] = ec2.describe_internet_gateways(InternetGatewayIds=[igw])["InternetGateways"][0]["Attachments"]
    assert attachment == {"State": "available", "VpcId": vpc}


def test_service_linked_role_deletion_succeeded_at_once() -> None:
    """GetServiceLinkedRoleDeletionStatus answers `SUCCEEDED` on the first call (https://docs.aws.amazon.com/IAM/
    latest/APIReference/API_GetServiceLinkedRoleDeletionStatus.html) and the role is gone."""
    with mock_aws():
        iam = plain("iam")
        role = iam.create_service_linked_role(AWSServiceName="ecs.amazonaws.com")["Role"]["RoleName"]
        task = iam.delete_service_linked_role(RoleName=role)["DeletionTaskId"]
        assert iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"] == "SUCCEEDED"
        assert role not in {r["RoleName"] for r in iam.list_roles()["Roles"]}


def test_ecs_cluster_active_and_deleted_service_inactive() -> None:
    """A new cluster is `ACTIVE`, a deleted service `INACTIVE` at once (https://docs.aws.amazon.com/AmazonECS/
    latest/APIReference/API_Cluster.html, https://docs.aws.amazon.com/AmazonECS/latest/APIReference/
    API_Service.html): the provider's cluster and service-deletion waiters finish on their first poll."""
    with mock_aws():
        ecs = plain("ecs")
        assert ecs.create_cluster(clusterName="c")["cluster"]["status"] == "ACTIVE"
        ecs.register_task_definition(family="f", containerDefinitions=[{"name": "a", "image": "x", "memory": 512}])
        ecs.create_service(cluster="c", serviceName="s", taskDefinition="f", desiredCount=0)
        ecs.delete_service(cluster="c", service="s")
        assert ecs.describe_services(cluster="c", services=["s"])["services"][0]["status"] == "INACTIVE"
