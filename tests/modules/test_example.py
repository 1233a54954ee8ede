"""examples/workshop: a plain Terraform root composing the modules; init + validate with the offline toolchain."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from tf_cli import beside_modules, validation_report

from generator.hcl.reader import normalize_hcl, read_module
from generator.targets import OFFLINE_PROVIDER_VERSION

pytestmark = pytest.mark.static

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "workshop"
META_ARGUMENTS = {"source", "version", "count", "for_each", "providers", "depends_on"}


def example_calls() -> dict[str, dict]:
    """module block name -> its arguments, as written in the example."""
    return normalize_hcl(read_module(EXAMPLE))["module"]


def test_example_calls_fit_the_module_interfaces(rendered):
    for version, _root in rendered.items():
        for call, arguments in example_calls().items():
            source = arguments["source"]
            assert source.startswith("../../modules/"), call
            module = normalize_hcl(read_module(EXAMPLE / source))
            variables = module.get("variable", {})
            given = set(arguments) - META_ARGUMENTS
            assert given <= set(variables), f"{call}: unknown {sorted(given - set(variables))} ({version})"
            required = {name for name, body in variables.items() if "default" not in body}
            assert required <= given, f"{call}: missing {sorted(required - given)} ({version})"


@pytest.mark.plan
def test_example_validates_on_the_offline_rendering(rendered, offline, tmp_path):
    workdir = beside_modules(rendered[OFFLINE_PROVIDER_VERSION], tmp_path, example=EXAMPLE)
    report = validation_report(offline, workdir)
    assert report["valid"], json.dumps(report["diagnostics"], indent=1)
    assert "hashicorp/aws" in (workdir / ".terraform.lock.hcl").read_text()
    assert '"3.39.0"' in (workdir / ".terraform.lock.hcl").read_text()


BAD_INPUTS = """
provider "aws" {
  region = "us-east-1"
}

module "network" {
  source               = "../../modules/network"
  name                 = "ok"
  cidr                 = "10.0.0.1/16"
  flow_log_kms_key_arn = "arn:aws:kms:us-east-1:123456789012:key/x"
}

module "service" {
  source             = "../../modules/ecs-service"
  name               = "svc"
  name_prefix        = "p"
  cluster_name       = "c"
  cluster_arn        = "arn:aws:ecs:us-east-1:123456789012:cluster/c"
  namespace          = { id = "ns-1", arn = "arn:aws:servicediscovery:us-east-1:123456789012:namespace/ns-1", name = "a.local" }
  vpc_id             = "vpc-1"
  subnet_ids         = ["subnet-1"]
  image              = "Not An Image"
  task_size          = { cpu = 256, memory = 4096 }
  container_port     = 70000
  family             = "f"
  log_group_name     = "g"
  log_stream_prefix  = "s"
  health_check_path  = "health"
  discovery_name     = "svc"
  client_alias       = "svc"
  execution_role_arn = "arn:aws:iam::123456789012:role/r"
  cpu_architecture   = "ARM64"
}

module "guardduty" {
  source             = "../../modules/guardduty"
  runtime_monitoring = true
}
"""


@pytest.mark.plan
def test_module_validations_reject_likely_mistakes(rendered, offline, tmp_path):
    workdir = beside_modules(rendered[OFFLINE_PROVIDER_VERSION], tmp_path, {"main.tf": BAD_INPUTS})
    report = validation_report(offline, workdir)
    assert not report["valid"]
    details = " ".join(d.get("detail", "") for d in report["diagnostics"])
    for expected in ("no host bits set", "Not a Fargate size", "Must be a whole number from 1 to 65535",
                     "Must be an image reference", "Must start with '/'", "runtime_platform block needs hashicorp/aws >= 3.69",
                     "Runtime Monitoring needs hashicorp/aws >= 5.17"):
        assert expected in details, f"{expected!r} not in: {details}"
