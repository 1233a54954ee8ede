"""Token tolerance helpers: plain values behave as plain Python, tokens become Terraform expressions."""
from __future__ import annotations

import json

import pytest

from generator.aws import App, TerraformStack, TerraformVariable, Token
from generator.constructs.network import subnet_cidrs
from generator.constructs.tokens import (
    choose,
    cidr_subnet,
    construct_id,
    is_token,
    json_text,
    label,
    lower_prefix,
    negate,
    text,
)

pytestmark = pytest.mark.static


@pytest.fixture(scope="module")
def variables():
    stack = TerraformStack(App(outdir="/nonexistent", skip_validation=True), "tokens")
    port = TerraformVariable(stack, "port", type="number")
    name = TerraformVariable(stack, "name", type="string")
    return port.number_value, name.string_value, TerraformVariable(stack, "env", type="list(any)").value, stack


def test_plain_values_are_plain_python():
    assert json_text([{"a": 1, "b": "x"}]) == json.dumps([{"a": 1, "b": "x"}])
    assert text(8080) == "8080" and negate(True) is False and choose(False, "a", "b") == "b"
    assert cidr_subnet("10.0.0.0/16", 4, 8) == "10.0.128.0/20"
    assert lower_prefix("My-Pipeline-Name--artifacts", 13) == "my-pipeline-n" and lower_prefix("Ab--", 36) == "ab"
    assert subnet_cidrs("10.0.0.0/16", 2) == (["10.0.0.0/20", "10.0.16.0/20"], ["10.0.128.0/20", "10.0.144.0/20"])
    assert not any(is_token(v) for v in ("x", 1, 2.5, True, None, [1], {"a": 1}))


def test_string_tokens_stay_in_json_strings(variables):
    _, name, _, _ = variables
    rendered = json_text([{"image": name}])
    assert rendered == json.dumps([{"image": name}])  # cdktf resolves the token inside the string


def test_number_and_object_tokens_switch_to_jsonencode(variables):
    port, _, env, _ = variables
    roles = TerraformVariable(TerraformStack(App(outdir="/nonexistent", skip_validation=True), "lists"), "roles",
                              type="list(string)").list_value
    for value in ([{"containerPort": port}], [{"environment": env}], {"Statement": [{"Resource": roles}]}):
        rendered = json_text(value)
        assert Token.is_unresolved(rendered) and not rendered.startswith("[")


def test_tokens_become_expressions(variables):
    port, name, _, _ = variables
    assert Token.is_unresolved(text(port)) and text(port) != str(port)
    assert is_token(negate(Token.as_any(name))) and Token.is_unresolved(choose(Token.as_any(name), "a", "b"))
    assert Token.is_unresolved(cidr_subnet(name, 4, 1))


def test_lower_prefix_of_mixed_text_is_a_format_expression():
    from generator.aws import TerraformOutput

    stack = TerraformStack(App(outdir="/nonexistent", skip_validation=True), "prefix")
    name = TerraformVariable(stack, "pipeline", type="string").string_value
    TerraformOutput(stack, "o", value=lower_prefix(f"{name}-artifacts", 36))
    assert stack.to_terraform()["output"]["o"]["value"] == (
        '${replace(substr(lower(format("%s-artifacts", var.pipeline)), 0, 36), "/-+$/", "")}')


def test_construct_ids_name_registered_tokens(variables):
    port, name, _, stack = variables
    label(stack, name, "service_name")
    label(stack, port, "listener_port")
    assert construct_id(stack, f"{name}-tg") == "service_name-tg"
    assert construct_id(stack, f"listener-{port}") == "listener-listener_port"
    assert construct_id(stack, "plain-id") == "plain-id"


def test_token_labels_belong_to_their_stack(variables):
    port, name, _, stack = variables
    label(stack, name, "service_name")
    other = TerraformStack(App(outdir="/nonexistent", skip_validation=True), "tokens")
    assert construct_id(other, f"{name}-tg") == f"{name}-tg"
