"""String escaping: Terraform JSON template source <-> HCL quoted strings."""
from __future__ import annotations

import hcl2
import pytest

from generator.hcl.templates import Part, quote, single_interpolation, split_template, unquote

pytestmark = pytest.mark.static

CASES = [
    "plain",
    'say "hi"',
    "back\\slash",
    "line\nbreak\ttab\rcr",
    "bell\x07 and del\x7f",
    "ünïcödé ✓",
    "svc-${var.environment}",
    "${var.a}-${var.b}",
    "literal $${not_interpolated} and %%{not_a_directive}",
    '${lookup(var.tags, "Name}")}',
    "100% and $5 and {braces}",
    "%{ if var.on }on%{ else }off%{ endif }",
]


@pytest.mark.parametrize("source", CASES)
def test_quote_round_trips_and_parses(source):
    hcl = quote(source)
    assert unquote(hcl) == source
    parsed = hcl2.loads(f"x = {hcl}")["x"]
    assert unquote(parsed) == source


@pytest.mark.parametrize("value", CASES + ["${", "%{", "$${x}", "$$${x}"])
def test_literal_quote_round_trips(value):
    hcl = quote(value, literal=True)
    assert unquote(hcl, literal=True) == value
    assert "${" not in hcl.replace("$${", "") and "%{" not in hcl.replace("%%{", "")


def test_escapes_only_literal_parts():
    assert quote('a"${lookup(m, "k")}"b') == '"a\\"${lookup(m, "k")}\\"b"'
    assert quote("x\n${var.y}\\") == '"x\\n${var.y}\\\\"'
    assert quote("\x01") == '"\\u0001"'


def test_unterminated_interpolation_is_literal():
    assert split_template("cost ${") == [Part("text", "cost ${")]
    assert quote("cost ${") == '"cost $${"'


def test_literal_context_escapes_template_marks():
    assert quote("a ${b} %{c}", literal=True) == '"a $${b} %%{c}"'


def test_split_template_parts():
    assert split_template("a-${var.x}-$${y}%{if z}") == [
        Part("text", "a-"), Part("interp", "${var.x}"), Part("text", "-"),
        Part("escape", "$${"), Part("text", "y}"), Part("directive", "%{if z}"),
    ]


def test_single_interpolation():
    assert single_interpolation("${var.x}") == "var.x"
    assert single_interpolation('${jsonencode({"a" = "}"})}') == 'jsonencode({"a" = "}"})'
    assert single_interpolation("${var.a}${var.b}") is None
    assert single_interpolation("x${var.a}") is None
    assert single_interpolation("$${var.a}") is None
