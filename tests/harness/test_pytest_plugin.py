"""The pytest side: `terraform_stack(...)` fixtures, phase timings in every report, pytest-terraform's `@terraform`
on the embedded sandbox. Each test runs an inner pytest session (its own sandbox) with the plugin installed."""
from __future__ import annotations

import ast
import json
import xml.etree.ElementTree as ElementTree

import pytest

pytestmark = pytest.mark.apply
pytest_plugins = ["pytester"]

PARAMETER_ROOT = """
provider "aws" {
  region = "eu-north-1"
}

variable "name" {
  type = string
}

resource "aws_ssm_parameter" "p" {
  name  = "/plugin/${var.name}"
  type  = "String"
  value = var.name
}

output "arn" {
  value = aws_ssm_parameter.p.arn
}
"""

FIXTURE_TESTS = """
from harness import terraform_stack

param = terraform_stack("stack", variables={"name": "one"}, scope="module")


def test_up(param):
    assert param.outputs["arn"].startswith("arn:aws:ssm:eu-north-1:")
    assert param.client("ssm", "eu-north-1").get_parameter(Name="/plugin/one")["Parameter"]["Value"] == "one"


def test_fails_on_purpose(param):
    assert param.outputs["arn"] == "something else"
"""

QUEUE_ROOT = """
provider "aws" {
  region = "us-east-1"
}

resource "aws_sqs_queue" "q" {
  name = "pytest-terraform-queue"
}

output "url" {
  value = aws_sqs_queue.q.id
}
"""

PYTEST_TERRAFORM_TESTS = """
from pytest_terraform import terraform


@terraform("queue")
def test_queue(queue):
    assert queue["aws_sqs_queue.q.name"] == "pytest-terraform-queue"
    assert queue.get("q")["name"] == "pytest-terraform-queue"
    assert queue.outputs["url"]["value"].endswith("/pytest-terraform-queue")
    assert queue.terraform.sandbox.endpoint_url.startswith("http://127.0.0.1:")
"""


def test_fixtures_phase_reports_and_pytest_terraform(pytester) -> None:
    """One inner session: a `terraform_stack` fixture (one test passes, one fails on purpose) and a test written
    for pytest-terraform."""
    for name, root in (("stack", PARAMETER_ROOT), ("queue", QUEUE_ROOT)):
        (pytester.path / name).mkdir()
        (pytester.path / name / "main.tf").write_text(root)
    pytester.makepyfile(test_stack=FIXTURE_TESTS, test_queue=PYTEST_TERRAFORM_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--junitxml=report.xml")
    result.assert_outcomes(passed=2, failed=1)
    output = result.stdout.str()  # the failing test's report shows the phases its teardown ran
    assert "terraform phases (teardown)" in output
    for phase in ("destroy", "leak check"):
        assert any(line.startswith("stack") and f" {phase} " in line and " ok " in line
                   for line in output.splitlines()), phase
    recorded = {}  # every test's phases, passing or failing, in the JUnit XML properties
    for case in ElementTree.parse(pytester.path / "report.xml").iter("testcase"):
        for prop in case.iter("property"):
            recorded[(case.get("name"), prop.get("name"))] = ast.literal_eval(prop.get("value"))
    setup = recorded[("test_up", "terraform phases (setup)")]
    assert [(e["root"], e["phase"], e["ok"]) for e in setup] == [
        ("stack", "init", True), ("stack", "plan", True), ("stack", "apply", True)]
    assert all(e["seconds"] > 0 for e in setup)
    teardown = recorded[("test_fails_on_purpose", "terraform phases (teardown)")]
    assert [e["phase"] for e in teardown] == ["destroy", "leak check"]
    queue = recorded[("test_queue", "terraform phases (teardown)")]  # pytest-terraform's fixture, our lifecycle
    assert [(e["root"], e["phase"], e["ok"]) for e in queue] == [
        ("queue", "destroy", True), ("queue", "leak check", True)]
    recorded_state = json.loads((pytester.path / "queue" / "tf_resources.json").read_text())
    assert recorded_state["resources"]["aws_sqs_queue"]["q"]["name"] == "pytest-terraform-queue"
    assert not (pytester.path / "queue" / ".terraform").exists()  # the module folder is not run in place
