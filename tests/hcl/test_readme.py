"""README.md Inputs/Outputs tables, terraform-docs style."""
from __future__ import annotations

import pytest

from generator.hcl.readme import inputs_table, outputs_table, render_readme

pytestmark = pytest.mark.static

VARIABLES = {
    "subnet_ids": {"type": "list(string)", "description": "Private subnets"},
    "environment": {"type": "string", "default": "dev", "description": "Env | name\nsecond line",
                    "validation": [{"condition": "${length(var.environment) <= 8}",
                                    "error_message": "At most 8 characters."}]},
    "tags": {"type": "${map(string)}", "default": {"Team": "a b"}},
    "untyped": {"default": None},
}


def test_inputs_table_rows_sorted_with_type_default_required_and_validation():
    assert inputs_table(VARIABLES).splitlines() == [
        "## Inputs",
        "",
        "| Name | Description | Type | Default | Required | Validation |",
        "|------|-------------|------|---------|:--------:|------------|",
        '| environment | Env \\| name<br>second line | `string` | `"dev"` | no | At most 8 characters. |',
        "| subnet_ids | Private subnets | `list(string)` | n/a | yes |  |",
        '| tags |  | `map(string)` | `{Team = "a b"}` | no |  |',
        "| untyped |  | `any` | `null` | no |  |",
    ]


def test_outputs_table():
    table = outputs_table({"b": {"value": "${x}"}, "a": {"value": "${y}", "description": "The A"}})
    assert table.splitlines()[-2:] == ["| a | The A |", "| b |  |"]


def test_readme_layout_and_empty_sections():
    text = render_readme("svc", "ECS service.", {})
    assert text.startswith("# svc\n\nECS service.\n\n## Resources\n")
    assert "No resources." in text and "No inputs." in text and "No outputs." in text
