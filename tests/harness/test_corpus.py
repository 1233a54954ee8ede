"""The corpus: small plain-Terraform roots of an ECS platform's building blocks, each through every phase,
and our own examples/workshop and examples/minimal on modules rendered for the offline target
(`python -m generator modules`).

Each root (tests/corpus/<name>/) is applied, checked while up (what AWS says, in the region the
code asked for), planned again (must be empty), destroyed and leak-checked, in an isolated account
of the session's sandbox so that the roots run side by side (most of a root's time is the provider
waiting for AWS states, so all of them at once; longest first).
Every resource type of the corpus must be covered by the generic leak check (none "not checked").
"""
from __future__ import annotations

import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from botocore.exceptions import ClientError
from certificates import imported_certificate
from module_examples import example

from harness import Deployment, deployed
from harness.documents import arn_region

pytestmark = [pytest.mark.apply, pytest.mark.corpus]
HERE = Path(__file__).resolve().parents[1] / "corpus"
REPOSITORY = HERE.parents[1]
WORKERS = 7


def probe_network(dep: Deployment) -> None:
    ec2 = dep.client("ec2", "eu-west-1")
    [vpc] = ec2.describe_vpcs(VpcIds=[dep.outputs["vpc_id"]])["Vpcs"]
    subnets = ec2.describe_subnets(SubnetIds=dep.outputs["private_subnet_ids"])["Subnets"]
    assert {s["AvailabilityZone"] for s in subnets} == {"eu-west-1a", "eu-west-1b"}  # the region the code asked for
    [gateway] = ec2.describe_customer_gateways(CustomerGatewayIds=[dep.outputs["customer_gateway_id"]])[
        "CustomerGateways"]
    assert gateway["DeviceName"] == "office-router"
    [options] = ec2.describe_dhcp_options(DhcpOptionsIds=[vpc["DhcpOptionsId"]])["DhcpOptions"]
    assert {"Key": "Name", "Value": "corpus-net"} in options["Tags"]
    with pytest.raises(ClientError, match="NotFound"):  # nothing landed in the sandbox's default region
        dep.client("ec2", "us-east-1").describe_vpcs(VpcIds=[vpc["VpcId"]])


def probe_network_zone(dep: Deployment) -> None:
    zone = dep.client("route53").get_hosted_zone(Id=dep.outputs["zone_id"])
    assert zone["HostedZone"]["Config"]["PrivateZone"] is True
    assert zone["VPCs"] == [{"VPCRegion": "eu-west-1", "VPCId": dep.outputs["vpc_id"]}]


def probe_ecs_behind_load_balancers(dep: Deployment) -> None:
    elbv2 = dep.client("elbv2")
    [rule] = elbv2.describe_rules(RuleArns=[dep.outputs["listener_rule_arn"]])["Rules"]
    assert rule["Conditions"][0]["PathPatternConfig"]["Values"] == ["/api/*"]
    assert rule["Actions"][0]["Type"] == "forward"
    assert {lb["Type"] for lb in elbv2.describe_load_balancers()["LoadBalancers"]} == {"application", "network"}
    ecs = dep.client("ecs")
    [service] = ecs.describe_services(cluster=dep.outputs["cluster_name"], services=["web"])["services"]
    assert (service["status"], service["desiredCount"], service["launchType"]) == ("ACTIVE", 1, "FARGATE")
    assert service["networkConfiguration"]["awsvpcConfiguration"]["assignPublicIp"] == "DISABLED"
    assert service["loadBalancers"][0]["targetGroupArn"] == rule["Actions"][0]["TargetGroupArn"]


def probe_data_stores(dep: Deployment) -> None:
    [db] = dep.client("rds").describe_db_instances(DBInstanceIdentifier="corpus-data")["DBInstances"]
    assert db["StorageEncrypted"] is True and db["DBParameterGroups"][0]["DBParameterGroupName"] == \
        "corpus-data-mysql8"
    table = dep.client("dynamodb").describe_table(TableName=dep.outputs["table_name"])["Table"]
    assert [i["IndexName"] for i in table["GlobalSecondaryIndexes"]] == ["by-customer"]
    encryption = dep.client("s3").get_bucket_encryption(Bucket=dep.outputs["bucket"])
    assert encryption["ServerSideEncryptionConfiguration"]["Rules"][0]["ApplyServerSideEncryptionByDefault"][
        "SSEAlgorithm"] == "aws:kms"
    password = dep.run.inputs.values["db_password"]
    assert password not in dep.run.log_path.read_text()  # generated on request, never printed


def probe_messaging(dep: Deployment) -> None:
    [subscription] = dep.client("sns").list_subscriptions_by_topic(TopicArn=dep.outputs["topic_arn"])["Subscriptions"]
    assert subscription["Protocol"] == "sqs"
    [alarm] = dep.client("cloudwatch").describe_alarms(AlarmNames=["corpus-events-backlog"])["MetricAlarms"]
    assert alarm["AlarmActions"] == [dep.outputs["topic_arn"]]


def probe_aliases(dep: Deployment) -> None:
    regions = {name: arn_region(arn) for name, arn in dep.outputs["arns"].items()}
    assert regions == {"home": "us-east-1", "west": "eu-west-1", "queue": "eu-west-1", "table": "ap-southeast-2",
                       "bucket": ""}  # S3 ARNs carry no region
    assert dep.outputs["bucket_region"] == "ap-southeast-2"
    assert dep.client("ssm", "eu-west-1").get_parameter(Name="/corpus/aliases/west")["Parameter"]["Value"] == \
        "eu-west-1"


def probe_module_tree(dep: Deployment) -> None:
    assert sorted(dep.outputs["queue_urls"]) == ["orders", "payments"]
    assert arn_region(dep.outputs["audit_parameter_arn"]) == "eu-central-1"  # the module's own provider block
    sqs = dep.client("sqs", "us-west-2")
    assert sorted(u.rsplit("/", 1)[-1] for u in sqs.list_queues()["QueueUrls"]) == ["dev-orders", "dev-payments"]


def probe_workshop_example(dep: Deployment) -> None:
    """Every module the example calls plans resources; the workshop's services and both pipelines are there."""
    calls = set(re.findall(r'^module "([^"]+)"', (REPOSITORY / "examples" / "workshop" / "main.tf").read_text(), re.M))
    planned = {found[1] for address in dep.plan.managed() if (found := re.match(r"module\.(\w+)", address))}
    assert len(calls) > 10 and planned == calls
    counts = dep.plan.counts_by_type()
    assert (counts["aws_codepipeline"], counts["aws_codedeploy_deployment_group"]) == (2, 1)
    ecs = dep.client("ecs", "us-west-2")  # the example's own default region
    assert len(ecs.list_services(cluster="retail-store-ecs-cluster")["serviceArns"]) == 6


def probe_minimal_example(dep: Deployment) -> None:
    """The web service's rule on the alb module's shared listener; both services run with the roles the modules
    created, the task roles trusting ECS tasks of this account only."""
    elbv2, ecs, iam = dep.client("elbv2"), dep.client("ecs"), dep.client("iam")
    listener = dep.outputs["listener_rule_listener_arn"]
    [rule] = [r for r in elbv2.describe_rules(ListenerArn=listener)["Rules"] if not r["IsDefault"]]
    assert rule["Priority"] == "100" and rule["Actions"][0]["Type"] == "forward"
    assert {c["Field"] for c in rule["Conditions"]} == {"path-pattern", "host-header"}
    [default] = [r for r in elbv2.describe_rules(ListenerArn=listener)["Rules"] if r["IsDefault"]]
    assert default["Actions"][0]["Type"] == "fixed-response"  # 404 for whatever no service claims
    services = ecs.describe_services(cluster=dep.outputs["cluster_name"], services=["web", "api"])["services"]
    roles = dep.outputs["role_arns"]
    for service in services:
        task = ecs.describe_task_definition(taskDefinition=service["taskDefinition"])["taskDefinition"]
        name = service["serviceName"]
        assert (task["executionRoleArn"], task["taskRoleArn"]) == (roles[f"{name}_execution"], roles[f"{name}_task"])
        trust = iam.get_role(RoleName=roles[f"{name}_task"].rsplit("/", 1)[1])["Role"]["AssumeRolePolicyDocument"]
        assert set(trust["Statement"][0]["Condition"]) == {"StringEquals", "ArnLike"}


def given_certificate(account: Any) -> dict[str, Any]:
    """A certificate the HTTPS listener serves: self-signed, imported into the account's ACM before the apply (as a
    user brings an issued one: the alb module takes ARNs, it does not request certificates)."""
    return {"certificate_arns": [imported_certificate(account.client("acm"), "minimal.example.com")]}


def probe_https(dep: Deployment) -> None:
    """With certificate_arns the alb module serves HTTPS on 443 with the certificate, HTTP on 80 answers a 301 to
    HTTPS, and the web service's rule is on the HTTPS listener (module.alb.listener_arn)."""
    elbv2 = dep.client("elbv2")
    [https] = elbv2.describe_listeners(ListenerArns=[dep.outputs["listener_rule_listener_arn"]])["Listeners"]
    assert (https["Protocol"], https["Port"]) == ("HTTPS", 443)
    assert [c["CertificateArn"] for c in https["Certificates"]] == dep.run.inputs.values["certificate_arns"]
    listeners = elbv2.describe_listeners(LoadBalancerArn=https["LoadBalancerArn"])["Listeners"]
    [http] = [listener for listener in listeners if listener["Port"] == 80]
    [redirect] = http["DefaultActions"]
    assert redirect["Type"] == "redirect"
    assert (redirect["RedirectConfig"]["Protocol"], redirect["RedirectConfig"]["Port"],
            redirect["RedirectConfig"]["StatusCode"]) == ("HTTPS", "443", "HTTP_301")
    assert dep.outputs["url"].startswith("https://")


@dataclass(frozen=True)
class Root:
    """A corpus root, how to run it and what to look at while it is up."""

    path: str
    probes: tuple[Callable[[Deployment], None], ...]
    options: dict[str, Any] = field(default_factory=dict)
    #: makes the root in a scratch folder (given the terraform binary) instead of taking it from tests/corpus
    prepare: Callable[[Path, Path], Path] | None = None
    #: makes what the root is given (in its account, before init) and returns the variables naming it
    setup: Callable[[Any], dict[str, Any]] | None = None


#: longest first: the pool starts them in this order
CORPUS = {
    "examples/workshop": Root("", (probe_workshop_example,), {"generate": ["catalog_db_password"]},
                              prepare=example("workshop")),
    "examples/minimal": Root("", (probe_minimal_example,), prepare=example("minimal")),
    "examples/minimal (HTTPS)": Root("", (probe_minimal_example, probe_https), prepare=example("minimal"),
                                     setup=given_certificate),
    "network": Root("network", (probe_network, probe_network_zone)),
    "ecs-service": Root("ecs-service", (probe_ecs_behind_load_balancers,)),
    "data-stores": Root("data-stores", (probe_data_stores,),
                        {"variables": {"name": "corpus-data"}, "generate": ["db_password"]}),
    "aliased-providers": Root("aliased-providers", (probe_aliases,)),
    "messaging": Root("messaging", (probe_messaging,)),
    "module-tree": Root("module-tree/live/app", (probe_module_tree,),
                        {"variables": {"environment": "dev", "queues": ["orders", "payments"]}}),
}


@dataclass
class Outcome:
    """What happened to one root."""

    deployment: Deployment | None = None
    error: BaseException | None = None
    probes: list[str] = field(default_factory=list)


def run_root(root: Root, sandbox: Any, toolchain: Any, scratch: Path) -> Outcome:
    outcome = Outcome()
    try:
        path = root.prepare(scratch, toolchain.terraform) if root.prepare else HERE / root.path
        account = sandbox.new_account()
        options = dict(root.options)
        if root.setup:
            options["variables"] = {**options.get("variables", {}), **root.setup(account)}
        outcome.deployment = deployed(path, account, toolchain, say=lambda _: None, **options)
        with outcome.deployment as dep:
            for probe in root.probes:
                probe(dep)
                outcome.probes.append(probe.__name__)
            dep.run.assert_idempotent()
    except Exception as exc:  # recorded per root; the test of that root reports it
        outcome.error = exc
    return outcome


@pytest.fixture(scope="module")
def corpus(sandbox, sandbox_kind, toolchain, tmp_path_factory) -> dict[str, Outcome]:
    if sandbox_kind != "local":
        pytest.skip("the corpus runs in isolated accounts of the embedded sandbox")
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = {name: pool.submit(run_root, root, sandbox, toolchain, tmp_path_factory.mktemp("corpus"))
                   for name, root in CORPUS.items()}
        return {name: future.result() for name, future in futures.items()}


@pytest.mark.parametrize("name", list(CORPUS))
def test_root_passes_every_phase(corpus, name) -> None:
    outcome = corpus[name]
    dep = outcome.deployment
    assert dep is not None, outcome.error
    phases = "\n".join(record.line() for record in dep.phases)
    assert outcome.error is None, f"{outcome.error}\n{phases}"
    assert [(p.name, p.ok) for p in dep.phases] == [(n, True) for n in (
        "init", "plan", "apply", "second plan", "destroy", "leak check")], phases
    assert outcome.probes == [p.__name__ for p in CORPUS[name].probes]
    assert dep.report is not None and dep.report.clean and dep.report.not_checked == [], dep.report.details()
    assert len(dep.report.findings) == len(dep.run.created) > 0
    assert not dep.run.folder.exists()
