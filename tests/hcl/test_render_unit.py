"""Rendering rules on a hand-written Terraform JSON document (no cdktf needed)."""
from __future__ import annotations

import subprocess

import pytest

from generator.hcl.reader import normalize_hcl, normalize_json, read_module
from generator.hcl.writer import render_hcl, render_module

pytestmark = pytest.mark.static

DOC = {
    "//": {"metadata": {"version": "0.21.0"}},
    "terraform": {
        "required_version": ">= 1.0",
        "required_providers": {"aws": {"source": "hashicorp/aws", "version": "~> 6.0"}},
        "backend": {"s3": {"bucket": "b", "key": "state/${literal}"}},
    },
    "variable": {
        "name": {"type": "string", "description": "Uses ${literal} and %{x}", "default": "a\"b$${c}"},
        "opt": {"type": "${map(string)}", "default": None, "nullable": True},
    },
    "locals": {"empty": None, "joined": "${join(\",\", [\"a\", \"b\"])}-suffix"},
    "resource": {
        "aws_ssm_parameter": {
            "p": {
                "//": {"metadata": {"path": "x"}},
                "count": 2,
                "name": "/app/${count.index}",
                "value": '{"a": "${var.name}", "n": 1, "nested": {"ok": true}}',
                "description": None,
                "provider": "aws.west",
                "depends_on": ["${aws_security_group.sg}"],
                "lifecycle": {"ignore_changes": "all", "create_before_destroy": True},
            }
        },
        "aws_security_group": {"sg": {"egress": [], "ingress": [{"from_port": 1, "self": None}]}},
    },
    "output": {"o": {"value": "${aws_ssm_parameter.p[0].arn}", "sensitive": True}},
    "moved": [{"from": "aws_ssm_parameter.old", "to": "aws_ssm_parameter.p"}],
}
BLOCKS = {"resource.aws_security_group": ["egress", "ingress"]}


def test_hand_written_document_round_trips(tmp_path, terraform_bin):
    render_module(DOC, BLOCKS, tmp_path, terraform_bin)
    assert normalize_hcl(read_module(tmp_path)) == normalize_json(DOC, BLOCKS)
    fmt = subprocess.run([str(terraform_bin), "fmt", "-check", str(tmp_path)], capture_output=True, text=True)
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_rendering_rules():
    files = render_hcl(DOC, BLOCKS)
    main, variables = " ".join(files["main.tf"].split()), " ".join(files["variables.tf"].split())
    assert "//" not in main and "metadata" not in main
    assert main.index("count") < main.index("name =") and main.index("lifecycle") < main.index("depends_on")
    assert "provider = aws.west" in main and "depends_on = [aws_security_group.sg]" in main
    assert "ignore_changes = all" in main and "description" not in main and "self" not in main
    assert "egress" not in main and "ingress { from_port = 1 }" in main
    assert 'value = jsonencode({ a = var.name n = 1 nested = { ok = true } })' in main
    assert 'joined = "${join(",", ["a", "b"])}-suffix"' in main and "empty = null" in main
    assert 'description = "Uses $${literal} and %%{x}"' in variables
    assert 'default = "a\\"b$$${c}"' in variables and "type = map(string)" in variables
    assert "default = null" in variables
    assert 'moved { from = aws_ssm_parameter.old to = aws_ssm_parameter.p }' in main
    assert 'key = "state/$${literal}"' in " ".join(files["versions.tf"].split())


def test_unknown_section_is_rejected():
    with pytest.raises(ValueError, match="check"):
        render_hcl({"check": {}}, {})
