"""The leak check finds every kind of resource it lists: one created out of band is a LeakError naming it.

Each kind the region-wide inventory (`harness/sandbox/inventory.py`) lists has a recipe here that
creates one with boto3 in a fresh sandbox account after the baseline; the harness's own leak check
(`TerraformRun.check_leaks`) must then raise `LeakError` naming it. The kinds are read from the
inventory's source, so a new kind without a recipe fails `test_every_inventory_kind_has_a_recipe`.
"""
from __future__ import annotations

import ast
import functools
import inspect
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from harness import LeakError, TerraformRun
from harness.sandbox import inventory as inventory_module
from harness.sandbox.account import SandboxAccount
from harness.sandbox.inventory import GLOBAL_REGION, Item

pytestmark = pytest.mark.plan
REGION = "us-east-1"

Client = Callable[[str], object]
Recipe = Callable[[Client], str]  # creates one resource, returns the identifier the inventory lists it by
RECIPES: dict[tuple[str, str], Recipe] = {}


def recipe(service: str, kind: str) -> Callable[[Recipe], Recipe]:
    def register(func: Recipe) -> Recipe:
        RECIPES[(service, kind)] = func
        return func
    return register


def declared_kinds() -> set[tuple[str, str]]:
    """(service, kind) of every lister in REGIONAL and GLOBAL, read from inventory.py's source."""
    tree = ast.parse(inspect.getsource(inventory_module))
    functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}

    def kinds_of(lister: ast.expr) -> set[str]:
        if isinstance(lister, ast.Call) and getattr(lister.func, "id", "") == "_simple":
            return {ast.literal_eval(lister.args[0])}
        assert isinstance(lister, ast.Name), ast.dump(lister)
        return {ast.literal_eval(node.value.elts[0]) for node in ast.walk(functions[lister.id])
                if isinstance(node, ast.Yield) and isinstance(node.value, ast.Tuple)}

    found = set()
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") in ("REGIONAL", "GLOBAL"):
            assert isinstance(node.value, ast.Dict)
            for key, listers in zip(node.value.keys, node.value.values, strict=True):
                assert isinstance(listers, ast.List) and key is not None
                found |= {(ast.literal_eval(key), kind) for lister in listers.elts for kind in kinds_of(lister)}
    return found


# -- EC2 ------------------------------------------------------------------------------------------------
def _vpc(c: Client) -> str:
    return c("ec2").create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]


recipe("ec2", "vpc")(_vpc)


@recipe("ec2", "subnet")
def _subnet(c: Client) -> str:
    return c("ec2").create_subnet(VpcId=_vpc(c), CidrBlock="10.9.1.0/24")["Subnet"]["SubnetId"]


@recipe("ec2", "security-group")
def _security_group(c: Client) -> str:
    return c("ec2").create_security_group(GroupName="leak", Description="d", VpcId=_vpc(c))["GroupId"]


@recipe("ec2", "internet-gateway")
def _igw(c: Client) -> str:
    return c("ec2").create_internet_gateway()["InternetGateway"]["InternetGatewayId"]


@recipe("ec2", "egress-only-internet-gateway")
def _eigw(c: Client) -> str:
    return c("ec2").create_egress_only_internet_gateway(VpcId=_vpc(c))["EgressOnlyInternetGateway"][
        "EgressOnlyInternetGatewayId"]


@recipe("ec2", "elastic-ip")
def _eip(c: Client) -> str:
    return c("ec2").allocate_address(Domain="vpc")["AllocationId"]


@recipe("ec2", "nat-gateway")
def _nat(c: Client) -> str:
    return c("ec2").create_nat_gateway(SubnetId=_subnet(c), AllocationId=_eip(c))["NatGateway"]["NatGatewayId"]


@recipe("ec2", "route-table")
def _route_table(c: Client) -> str:
    return c("ec2").create_route_table(VpcId=_vpc(c))["RouteTable"]["RouteTableId"]


@recipe("ec2", "network-acl")
def _acl(c: Client) -> str:
    return c("ec2").create_network_acl(VpcId=_vpc(c))["NetworkAcl"]["NetworkAclId"]


@recipe("ec2", "dhcp-options")
def _dhcp(c: Client) -> str:
    return c("ec2").create_dhcp_options(DhcpConfigurations=[{"Key": "domain-name", "Values": ["leak.internal"]}])[
        "DhcpOptions"]["DhcpOptionsId"]


@recipe("ec2", "vpc-endpoint")
def _endpoint(c: Client) -> str:
    return c("ec2").create_vpc_endpoint(VpcId=_vpc(c), ServiceName=f"com.amazonaws.{REGION}.s3")["VpcEndpoint"][
        "VpcEndpointId"]


@recipe("ec2", "customer-gateway")
def _cgw(c: Client) -> str:
    return c("ec2").create_customer_gateway(BgpAsn=65000, PublicIp="203.0.113.9", Type="ipsec.1")[
        "CustomerGateway"]["CustomerGatewayId"]


@recipe("ec2", "vpn-gateway")
def _vgw(c: Client) -> str:
    return c("ec2").create_vpn_gateway(Type="ipsec.1")["VpnGateway"]["VpnGatewayId"]


@recipe("ec2", "flow-log")
def _flow_log(c: Client) -> str:
    [flow_log] = c("ec2").create_flow_logs(ResourceIds=[_vpc(c)], ResourceType="VPC", TrafficType="ALL",
                                           LogDestinationType="s3",
                                           LogDestination=f"arn:aws:s3:::{_bucket(c)}")["FlowLogIds"]
    return flow_log


@recipe("ec2", "key-pair")
def _key_pair(c: Client) -> str:
    return c("ec2").create_key_pair(KeyName="leak")["KeyName"]


@recipe("ec2", "launch-template")
def _launch_template(c: Client) -> str:
    return c("ec2").create_launch_template(LaunchTemplateName="leak", LaunchTemplateData={"InstanceType": "t3.micro"})[
        "LaunchTemplate"]["LaunchTemplateId"]


# -- load balancing, ECS, autoscaling, discovery ----------------------------------------------------------
@recipe("elbv2", "load-balancer")
def _lb(c: Client) -> str:
    ec2 = c("ec2")
    vpc = _vpc(c)
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.9.{n}.0/24", AvailabilityZone=f"{REGION}{zone}")[
        "Subnet"]["SubnetId"] for n, zone in ((1, "a"), (2, "b"))]
    [lb] = c("elbv2").create_load_balancer(Name="leak", Subnets=subnets)["LoadBalancers"]
    return lb["LoadBalancerArn"]


@recipe("elbv2", "target-group")
def _target_group(c: Client) -> str:
    [group] = c("elbv2").create_target_group(Name="leak", Protocol="HTTP", Port=80, VpcId=_vpc(c),
                                             TargetType="ip")["TargetGroups"]
    return group["TargetGroupArn"]


@recipe("ecs", "cluster")
def _cluster(c: Client) -> str:
    return c("ecs").create_cluster(clusterName="leak")["cluster"]["clusterArn"]


@recipe("ecs", "task-definition")
def _task_definition(c: Client) -> str:
    return c("ecs").register_task_definition(family="leak", containerDefinitions=[
        {"name": "a", "image": "x", "memory": 512}])["taskDefinition"]["taskDefinitionArn"]


@recipe("ecs", "service")
def _ecs_service(c: Client) -> str:
    return c("ecs").create_service(cluster=_cluster(c), serviceName="leak", taskDefinition=_task_definition(c),
                                   desiredCount=0)["service"]["serviceArn"]


@recipe("application-autoscaling", "scalable-target")
def _scalable_target(c: Client) -> str:
    _ecs_service(c)  # service/leak/leak
    c("application-autoscaling").register_scalable_target(
        ServiceNamespace="ecs", ResourceId="service/leak/leak", ScalableDimension="ecs:service:DesiredCount",
        MinCapacity=1, MaxCapacity=2)
    return "ecs:service/leak/leak:ecs:service:DesiredCount"


@recipe("servicediscovery", "namespace")
def _namespace(c: Client) -> str:
    c("servicediscovery").create_http_namespace(Name="leak")
    return "leak"


@recipe("servicediscovery", "service")
def _discovery_service(c: Client) -> str:
    discovery = c("servicediscovery")
    operation = discovery.create_http_namespace(Name="leak-ns")["OperationId"]
    namespace = discovery.get_operation(OperationId=operation)["Operation"]["Targets"]["NAMESPACE"]
    discovery.create_service(Name="leak-svc", NamespaceId=namespace)
    return "leak-svc"


# -- logs, metrics, data, secrets, keys, messaging ------------------------------------------------------------
@recipe("logs", "log-group")
def _log_group(c: Client) -> str:
    c("logs").create_log_group(logGroupName="/leak")
    return "/leak"


@recipe("logs", "query-definition")
def _query_definition(c: Client) -> str:
    c("logs").put_query_definition(name="leak", queryString="fields @message")
    return "leak"


@recipe("cloudwatch", "alarm")
def _alarm(c: Client) -> str:
    c("cloudwatch").put_metric_alarm(AlarmName="leak", MetricName="CPUUtilization", Namespace="AWS/ECS",
                                     Statistic="Average", Period=60, EvaluationPeriods=1, Threshold=90.0,
                                     ComparisonOperator="GreaterThanThreshold")
    return "leak"


@recipe("dynamodb", "table")
def _table(c: Client) -> str:
    c("dynamodb").create_table(TableName="leak", BillingMode="PAY_PER_REQUEST",
                               KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                               AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}])
    return "leak"


@recipe("rds", "db-subnet-group")
def _db_subnet_group(c: Client) -> str:
    ec2 = c("ec2")
    vpc = _vpc(c)
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.9.{n}.0/24", AvailabilityZone=f"{REGION}{zone}")[
        "Subnet"]["SubnetId"] for n, zone in ((1, "a"), (2, "b"))]
    c("rds").create_db_subnet_group(DBSubnetGroupName="leak", DBSubnetGroupDescription="d", SubnetIds=subnets)
    return "leak"


@recipe("rds", "db-parameter-group")
def _db_parameter_group(c: Client) -> str:
    c("rds").create_db_parameter_group(DBParameterGroupName="leak", DBParameterGroupFamily="mysql8.0",
                                       Description="d")
    return "leak"


@recipe("rds", "db-instance")
def _db_instance(c: Client) -> str:
    c("rds").create_db_instance(DBInstanceIdentifier="leak", Engine="mysql", DBInstanceClass="db.t3.micro",
                                AllocatedStorage=20, MasterUsername="admin", MasterUserPassword="leak-password-1")
    return "leak"


@recipe("elasticache", "cache-subnet-group")
def _cache_subnet_group(c: Client) -> str:
    subnet = c("ec2").create_subnet(VpcId=_vpc(c), CidrBlock="10.9.1.0/24")["Subnet"]["SubnetId"]
    c("elasticache").create_cache_subnet_group(CacheSubnetGroupName="leak", CacheSubnetGroupDescription="d",
                                               SubnetIds=[subnet])
    return "leak"


@recipe("elasticache", "cache-cluster")
def _cache_cluster(c: Client) -> str:
    c("elasticache").create_cache_cluster(CacheClusterId="leak", Engine="redis", CacheNodeType="cache.t3.micro",
                                          NumCacheNodes=1)
    return "leak"


@recipe("secretsmanager", "secret")
def _secret(c: Client) -> str:
    c("secretsmanager").create_secret(Name="leak", SecretString="s")
    return "leak"


@recipe("ssm", "parameter")
def _parameter(c: Client) -> str:
    c("ssm").put_parameter(Name="/leak", Value="v", Type="String")
    return "/leak"


@recipe("kms", "key")
def _key(c: Client) -> str:
    return c("kms").create_key()["KeyMetadata"]["Arn"]


@recipe("kms", "alias")
def _alias(c: Client) -> str:
    kms = c("kms")
    kms.create_alias(AliasName="alias/leak", TargetKeyId=kms.create_key()["KeyMetadata"]["KeyId"])
    return "alias/leak"


@recipe("sqs", "queue")
def _queue(c: Client) -> str:
    return c("sqs").create_queue(QueueName="leak")["QueueUrl"]


@recipe("sns", "topic")
def _topic(c: Client) -> str:
    return c("sns").create_topic(Name="leak")["TopicArn"]


@recipe("sns", "subscription")
def _subscription(c: Client) -> str:
    return c("sns").subscribe(TopicArn=_topic(c), Protocol="sqs", Endpoint=f"arn:aws:sqs:{REGION}:1:leak",
                              ReturnSubscriptionArn=True)["SubscriptionArn"]


@recipe("guardduty", "detector")
def _detector(c: Client) -> str:
    return c("guardduty").create_detector(Enable=True)["DetectorId"]


# -- delivery -----------------------------------------------------------------------------------------------
@recipe("ecr", "repository")
def _ecr(c: Client) -> str:
    c("ecr").create_repository(repositoryName="leak")
    return "leak"


@recipe("codecommit", "repository")
def _codecommit(c: Client) -> str:
    c("codecommit").create_repository(repositoryName="leak")
    return "leak"


@recipe("codebuild", "project")
def _codebuild(c: Client) -> str:
    c("codebuild").create_project(name="leak", source={"type": "CODEPIPELINE"}, artifacts={"type": "CODEPIPELINE"},
                                  environment={"type": "LINUX_CONTAINER", "image": "aws/codebuild/standard:7.0",
                                               "computeType": "BUILD_GENERAL1_SMALL"},
                                  serviceRole=_role(c, "codebuild.amazonaws.com"))
    return "leak"


@recipe("codepipeline", "pipeline")
def _pipeline(c: Client) -> str:
    bucket = _bucket(c)
    action = {"actionTypeId": {"category": "Source", "owner": "AWS", "provider": "S3", "version": "1"}, "name": "src",
              "configuration": {"S3Bucket": bucket, "S3ObjectKey": "src.zip"}, "outputArtifacts": [{"name": "src"}]}
    build = {"actionTypeId": {"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"},
             "name": "build",
             "configuration": {"ProjectName": "p"}, "inputArtifacts": [{"name": "src"}]}
    c("codepipeline").create_pipeline(pipeline={
        "name": "leak", "roleArn": _role(c, "codepipeline.amazonaws.com"),
        "artifactStore": {"type": "S3", "location": bucket},
        "stages": [{"name": "Source", "actions": [action]}, {"name": "Build", "actions": [build]}]})
    return "leak"


@recipe("codedeploy", "application")
def _codedeploy(c: Client) -> str:
    c("codedeploy").create_application(applicationName="leak", computePlatform="ECS")
    return "leak"


# -- global: IAM, Route 53, S3 ----------------------------------------------------------------------------
@recipe("iam", "role")
def _role(c: Client, principal: str = "ecs-tasks.amazonaws.com") -> str:
    trust = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": principal}, "Action": "sts:AssumeRole"}]}
    return c("iam").create_role(RoleName="leak", AssumeRolePolicyDocument=json.dumps(trust))["Role"]["Arn"]


@recipe("iam", "policy")
def _policy(c: Client) -> str:
    document = json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]})
    return c("iam").create_policy(PolicyName="leak", PolicyDocument=document)["Policy"]["Arn"]


@recipe("iam", "user")
def _user(c: Client) -> str:
    return c("iam").create_user(UserName="leak")["User"]["Arn"]


@recipe("iam", "group")
def _group(c: Client) -> str:
    return c("iam").create_group(GroupName="leak")["Group"]["Arn"]


@recipe("iam", "instance-profile")
def _instance_profile(c: Client) -> str:
    return c("iam").create_instance_profile(InstanceProfileName="leak")["InstanceProfile"]["Arn"]


@recipe("route53", "hosted-zone")
def _zone(c: Client) -> str:
    return c("route53").create_hosted_zone(Name="leak.example.com", CallerReference="leak")["HostedZone"]["Id"]


@recipe("s3", "bucket")
def _bucket(c: Client) -> str:
    name = f"leak-{uuid.uuid4().hex[:12]}"  # bucket names are unique across the emulator's accounts, as in AWS
    c("s3").create_bucket(Bucket=name)
    return name


GLOBAL_SERVICES = {"iam", "route53", "s3"}


def test_every_inventory_kind_has_a_recipe() -> None:
    kinds = declared_kinds()
    assert len(kinds) >= 50, "the source reading lost listers"
    assert set(RECIPES) == kinds, f"no recipe: {sorted(kinds - set(RECIPES))}; stale: {sorted(set(RECIPES) - kinds)}"


class ReusedClients(SandboxAccount):
    """A sandbox account that creates each boto3 client once (creating one takes ~70 ms; a scan uses 24)."""

    @functools.cache  # noqa: B019 - one account per test, dropped with it
    def client(self, service: str, region: str | None = None) -> Any:
        return super().client(service, region)


@pytest.fixture
def account(sandbox) -> ReusedClients:
    """A fresh account of the embedded sandbox."""
    if not hasattr(sandbox, "new_account"):
        pytest.skip("creates resources out of band: embedded sandbox only")
    fresh = sandbox.new_account()
    return ReusedClients(fresh.endpoint_url, fresh.region, fresh.account_id, fresh.access_key, fresh.secret_key)


@pytest.fixture(scope="module")
def empty_root(tmp_path_factory):
    root = tmp_path_factory.mktemp("empty-root")
    (root / "main.tf").write_text("# nothing: the resources of these tests are made out of band\n")
    return root


def test_nothing_new_is_clean(account, toolchain, empty_root, tmp_path) -> None:
    """The check does not cry wolf: with nothing made since the baseline it passes."""
    run = TerraformRun(empty_root, tmp_path, toolchain, sandbox=account, region=REGION)
    report = run.check_leaks(account.snapshot([REGION]))
    assert report.clean and report.scan_leaks == () and report.regions == (REGION,)


@pytest.mark.parametrize("service, kind", sorted(RECIPES), ids=lambda v: v)
def test_out_of_band_resource_is_a_named_leak(service, kind, account, toolchain, empty_root, tmp_path) -> None:
    run = TerraformRun(empty_root, tmp_path, toolchain, sandbox=account, region=REGION)
    baseline = account.snapshot([REGION])
    identifier = RECIPES[(service, kind)](account.client)
    with pytest.raises(LeakError) as leak:
        run.check_leaks(baseline)
    expected = Item(service, kind, identifier, GLOBAL_REGION if service in GLOBAL_SERVICES else REGION)
    assert leak.value.report is not None and expected in leak.value.report.scan_leaks
    assert f"new since the baseline: {expected}" in str(leak.value)
