"""The network module's knobs (`az_count`, `nat_gateways`, `create_flow_logs`): applied on the embedded sandbox
from the offline rendering, and each validation rule failing `terraform validate` with its message."""
from __future__ import annotations

import re

import pytest
from tf_cli import beside_modules, validation_report

from generator.hcl.reader import normalize_hcl, read_module
from generator.modules.network import FLOW_LOG_ADDRESSES, KEY_MISSING
from generator.targets import OFFLINE_PROVIDER_VERSION
from harness import TerraformError, deployed

PROVIDER = """
provider "aws" {
  region = "us-east-1"
}
"""
THREE_ZONES = PROVIDER + """
module "network" {
  source = "../../modules/network"

  name             = "knobs"
  cidr             = "10.20.0.0/16"
  az_count         = 3
  nat_gateways     = "per_az"
  create_flow_logs = false
}

output "vpc_id" {
  value = module.network.vpc_id
}

output "public_subnet_ids" {
  value = module.network.public_subnet_ids
}

output "private_subnet_ids" {
  value = module.network.private_subnet_ids
}
"""


@pytest.mark.apply
def test_three_zones_with_a_nat_gateway_each_and_no_flow_log(rendered, sandbox, sandbox_kind, toolchain, tmp_path):
    if sandbox_kind != "local":
        pytest.skip("applies the offline rendering on the embedded sandbox")
    workdir = beside_modules(rendered[OFFLINE_PROVIDER_VERSION], tmp_path, {"main.tf": THREE_ZONES})
    with deployed(workdir, sandbox.new_account(), toolchain, say=lambda _: None) as dep:
        ec2 = dep.client("ec2")
        vpc = dep.outputs["vpc_id"]
        public = ec2.describe_subnets(SubnetIds=dep.outputs["public_subnet_ids"])["Subnets"]
        private = ec2.describe_subnets(SubnetIds=dep.outputs["private_subnet_ids"])["Subnets"]
        in_vpc = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]
        assert len(public) == len(private) == 3 and len(in_vpc) == 6  # the outputs list exactly the created ones
        zones = {s["SubnetId"]: s["AvailabilityZone"] for s in in_vpc}
        assert len({zones[s["SubnetId"]] for s in public}) == len({zones[s["SubnetId"]] for s in private}) == 3
        nats = ec2.describe_nat_gateways(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["NatGateways"]
        assert len(nats) == 3
        nat_zone = {n["NatGatewayId"]: zones[n["SubnetId"]] for n in nats}
        assert sorted(nat_zone.values()) == sorted(zones[s["SubnetId"]] for s in public)  # one in each zone
        for subnet in private:  # each private subnet's route table sends 0.0.0.0/0 to its own zone's NAT gateway
            [table] = ec2.describe_route_tables(Filters=[
                {"Name": "association.subnet-id", "Values": [subnet["SubnetId"]]}])["RouteTables"]
            [default] = [r for r in table["Routes"] if r.get("DestinationCidrBlock") == "0.0.0.0/0"]
            assert nat_zone[default["NatGatewayId"]] == subnet["AvailabilityZone"]
        assert ec2.describe_flow_logs(Filters=[{"Name": "resource-id", "Values": [vpc]}])["FlowLogs"] == []
        types = {r.type for r in dep.run.state().managed()}
        assert not types & {"aws_flow_log", "aws_cloudwatch_log_group", "aws_iam_role"}
        dep.run.assert_idempotent()
    print("\n" + "\n".join(record.line() for record in dep.phases))
    assert [(p.name, p.ok) for p in dep.phases] == [(n, True) for n in (
        "init", "plan", "apply", "second plan", "destroy", "leak check")]
    assert dep.report is not None and dep.report.clean and dep.report.not_checked == [], dep.report.details()
    assert len(dep.report.findings) == len(dep.run.created) > 0
    print(f"{len(dep.run.created)} resources created")


#: the module's resources before the knobs (two zones, one NAT gateway): existing users' state holds these addresses
TWO_ZONE_ADDRESSES = {
    "aws_vpc.network_vpc", "aws_default_security_group.network_default_sg", "aws_internet_gateway.network_igw",
    "aws_route_table.network_public_rt", "aws_route.network_public_default", "aws_eip.network_nat_0_eip",
    "aws_nat_gateway.network_nat_0",
    *(f"{kind}.network_{tier}_{zone}" for kind in ("aws_subnet",) for tier in ("public", "private") for zone in (0, 1)),
    *(f"aws_route_table_association.network_{tier}_{zone}_rta" for tier in ("public", "private") for zone in (0, 1)),
    *(f"aws_route_table.network_private_{zone}_rt" for zone in (0, 1)),
    *(f"aws_route.network_private_{zone}_default" for zone in (0, 1)),
}


@pytest.mark.static
def test_existing_addresses_stay_and_the_readme_moves_the_flow_log_ones(rendered):
    """Zones 0 and 1 keep their addresses (no replacement for existing users); exactly the flow log resources
    moved to `[0]`, and the README's `terraform state mv` commands name each of them."""
    for version, root in rendered.items():
        resources = normalize_hcl(read_module(root / "network"))["resource"]
        plain = {f"{t}.{n}" for t, bodies in resources.items() for n, body in bodies.items() if "count" not in body}
        on_flow_logs = {f"{t}.{n}" for t, bodies in resources.items() for n, body in bodies.items()
                        if "var.create_flow_logs ? 1 : 0" in str(body.get("count", ""))}
        assert plain == TWO_ZONE_ADDRESSES, version
        assert on_flow_logs == set(FLOW_LOG_ADDRESSES), version
        readme = (root / "network" / "README.md").read_text()
        for address in FLOW_LOG_ADDRESSES:
            assert f"terraform state mv 'module.network.{address}' 'module.network.{address}[0]'" in readme


BAD = {
    "az_count = 1": "Must be a whole number from 2 to 6",
    "az_count = 7": "Must be a whole number from 2 to 6",
    'nat_gateways = "two"': "Must be one of single, per_az.",
}


@pytest.mark.plan
@pytest.mark.parametrize("setting", list(BAD))
def test_bad_knob_fails_validate_with_its_message(setting, rendered, offline, tmp_path):
    root = f'module "network" {{\n  source = "../../modules/network"\n  name   = "bad"\n  {setting}\n}}\n'
    workdir = beside_modules(rendered[OFFLINE_PROVIDER_VERSION], tmp_path, {"main.tf": root})
    report = validation_report(offline, workdir)
    assert not report["valid"]
    details = " ".join(d.get("detail", "") for d in report["diagnostics"])
    assert BAD[setting] in details, details


#: a root that passes validation but not the plan -> what the plan says (a pattern)
FAILING_PLANS = {
    # Terraform 1.0 validates each variable alone: the missing key fails where the log group needs it
    "flow logs without a key": (PROVIDER, 'name = "nokey"', re.escape(KEY_MISSING)),
    # the emulator's us-west-1 has two zones, as many accounts' do: an index error, not two subnets in one zone
    "more zones than the region has": (PROVIDER.replace("us-east-1", "us-west-1"),
                                       'name = "three"\n  az_count = 3\n  create_flow_logs = false',
                                       r"Invalid index[\s\S]*names is list of string with 2 elements"),
}


@pytest.mark.apply
@pytest.mark.parametrize("case", list(FAILING_PLANS))
def test_plan_fails_clearly_and_creates_nothing(case, rendered, sandbox, sandbox_kind, toolchain, tmp_path):
    if sandbox_kind != "local":
        pytest.skip("plans the offline rendering on the embedded sandbox")
    provider, arguments, message = FAILING_PLANS[case]
    root = provider + f'module "network" {{\n  source = "../../modules/network"\n  {arguments}\n}}\n'
    workdir = beside_modules(rendered[OFFLINE_PROVIDER_VERSION], tmp_path, {"main.tf": root})
    deployment = deployed(workdir, sandbox.new_account(), toolchain, say=lambda _: None, workdir=tmp_path / "run")
    with pytest.raises(TerraformError, match=message), deployment:
        pass
    assert [(p.name, p.ok) for p in deployment.phases][:2] == [("init", True), ("plan", False)]
    assert deployment.run.created == {}


UPGRADE = PROVIDER + """
resource "aws_kms_key" "logs" {
  description         = "flow logs"
  enable_key_rotation = true
}

module "network" {
  source = "../../modules/network"

  name                 = "upgrade"
  flow_log_kms_key_arn = aws_kms_key.logs.arn
}
"""


@pytest.mark.apply
def test_flow_logs_on_by_default_and_their_new_addresses_need_no_state_action(rendered, sandbox, sandbox_kind,
                                                                                toolchain, tmp_path):
    """State an earlier version left (the flow log resources without `[0]`) plans no change: Terraform takes an
    unkeyed object as instance 0 of a resource that gained `count`; the README's `state mv` commands work too."""
    if sandbox_kind != "local":
        pytest.skip("applies the offline rendering on the embedded sandbox")
    rendering = rendered[OFFLINE_PROVIDER_VERSION]
    moves = re.findall(r"terraform state mv '([^']+)' '([^']+)'", (rendering / "network" / "README.md").read_text())
    assert len(moves) == len(FLOW_LOG_ADDRESSES)
    workdir = beside_modules(rendering, tmp_path, {"main.tf": UPGRADE})
    with deployed(workdir, sandbox.new_account(), toolchain, say=lambda _: None) as dep:
        [flow_log] = dep.client("ec2").describe_flow_logs()["FlowLogs"]
        assert (flow_log["LogDestinationType"], flow_log["TrafficType"]) == ("cloud-watch-logs", "ALL")
        assert ":log-group:/vpc/upgrade/flow-logs" in flow_log["LogDestination"]
        for old, new in moves:  # back to the addresses an earlier version of the module wrote
            dep.run.terraform("state", "mv", new, old)
        assert {r.address for r in dep.run.state().managed()} >= {old for old, _ in moves}
        dep.run.assert_idempotent()
        for old, new in moves:  # the README's commands
            dep.run.terraform("state", "mv", old, new)
        assert {r.address for r in dep.run.state().managed()} >= {new for _, new in moves}
        dep.run.assert_idempotent()
    assert dep.report is not None and dep.report.clean and dep.report.not_checked == [], dep.report.details()
