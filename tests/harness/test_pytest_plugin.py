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


def test_terraform_stack_fixture_and_phases_in_reports(pytester) -> None:
    (pytester.path / "stack").mkdir()
    (pytester.path / "stack" / "main.tf").write_text(PARAMETER_ROOT)
    pytester.makepyfile(test_stack=FIXTURE_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "--junitxml=report.xml")
    result.assert_outcomes(passed=1, failed=1)
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


def test_pytest_terraform_fixtures_run_on_the_sandbox(pytester) -> None:
    (pytester.path / "queue").mkdir()
    (pytester.path / "queue" / "main.tf").write_text(QUEUE_ROOT)
    pytester.makepyfile(test_queue=PYTEST_TERRAFORM_TESTS)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-rA")
    result.assert_outcomes(passed=1)
    recorded = json.loads((pytester.path / "queue" / "tf_resources.json").read_text())
    assert recorded["resources"]["aws_sqs_queue"]["q"]["name"] == "pytest-terraform-queue"
    assert not (pytester.path / "queue" / ".terraform").exists()  # the module folder is not run in place
