"""cdk.tf.json -> HCL module -> python-hcl2 parse equals the normalised JSON; terraform fmt clean."""
from __future__ import annotations

import subprocess

import pytest

from generator.hcl.reader import JsonDoc, normalize_hcl, normalize_json, read_module

pytestmark = pytest.mark.static


def test_block_paths_cover_nested_and_listed_blocks(hcl_stack):
    _, blocks = hcl_stack
    assert blocks["resource.aws_ecs_service"] == [
        "deployment_circuit_breaker",
        "load_balancer",
        "network_configuration",
        "service_connect_configuration",
        "service_connect_configuration.service",
        "service_connect_configuration.service.client_alias",
    ]
    assert blocks["resource.aws_security_group"] == ["ingress"]
    assert blocks["data.aws_iam_policy_document"] == ["statement", "statement.principals"]
    assert blocks["provider.aws"] == ["default_tags"]
    assert "tags" not in blocks["resource.aws_ecs_service"]


def test_module_files(hcl_module):
    names = sorted(path.name for path in hcl_module.iterdir())
    assert names == ["README.md", "main.tf", "outputs.tf", "variables.tf", "versions.tf"]
    assert "required_providers" in (hcl_module / "versions.tf").read_text()
    assert 'variable "environment"' in (hcl_module / "variables.tf").read_text()
    assert 'output "service_name"' in (hcl_module / "outputs.tf").read_text()


def test_round_trip_equality(hcl_stack, hcl_module):
    doc, blocks = hcl_stack
    assert normalize_hcl(read_module(hcl_module)) == normalize_json(doc, blocks)


def test_json_documents_become_jsonencode(hcl_stack, hcl_module):
    main = (hcl_module / "main.tf").read_text()
    assert "container_definitions = jsonencode([" in main
    assert "assume_role_policy = jsonencode({" in main
    assert 'image = "public.ecr.aws/app:${var.environment}"' in " ".join(main.split())
    resources = normalize_json(*hcl_stack)["resource"]
    assert isinstance(resources["aws_ecs_task_definition"]["task_def"]["container_definitions"], JsonDoc)


def test_blocks_and_references_render_as_hcl(hcl_module):
    main = (hcl_module / "main.tf").read_text()
    for block in ("deployment_circuit_breaker {", "service_connect_configuration {", "client_alias {",
                  "ingress {", "statement {", "principals {", "default_tags {", "lifecycle {"):
        assert block in main
    assert "ignore_changes = [desired_count]" in main
    assert "depends_on = [aws_iam_role.task]" in main
    assert "task_definition = aws_ecs_task_definition.task_def.arn" in " ".join(main.split())
    assert "//" not in main and "null" not in main
    assert 'type        = list(string)' in (hcl_module / "variables.tf").read_text()


def test_terraform_fmt_check(hcl_module, terraform_bin):
    result = subprocess.run([str(terraform_bin), "fmt", "-check", "-diff", "-no-color", str(hcl_module)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
