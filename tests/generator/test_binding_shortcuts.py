"""generator.aws answers two binding questions in Python (a jsii round trip each otherwise): whether a value is a
token, and a resource's Terraform type. Both must agree with cdktf's own answer for every kind of value."""
from __future__ import annotations

import pytest

from generator.aws import (
    App,
    Fn,
    SecurityGroupRule,
    TerraformStack,
    TerraformVariable,
    Token,
    Vpc,
    is_unresolved,
    resource_type,
)

pytestmark = pytest.mark.static


@pytest.fixture(scope="module")
def stack() -> TerraformStack:
    return TerraformStack(App(), "shortcuts")


def values(stack: TerraformStack) -> list:
    """Plain values and tokens of every encoding cdktf uses (string, list, number, embedded in text)."""
    var = TerraformVariable(stack, "v", type="string")
    names = TerraformVariable(stack, "names", type="list(string)")
    vpc = Vpc(stack, "vpc", cidr_block="10.0.0.0/16")
    return [
        "", "plain", "${var.not_a_cdktf_token}", "#{TfToken[x]}", "${TfToken[]}", "${TfToken[a b]}",
        var.string_value, f"prefix-{var.string_value}-suffix", Fn.join("-", ["a", var.string_value]), vpc.id,
        Token.as_string(names.list_value), names.list_value, [var.string_value], ["plain"], [vpc.id, "x"],
        ["#{TfToken[TOKEN.1]}"], var.number_value, 3, 0.5, [1], [var.number_value], True, None,
    ]


def test_is_unresolved_agrees_with_cdktf(stack) -> None:
    checked = values(stack)
    assert [is_unresolved(v) for v in checked] == [bool(Token.is_unresolved(v)) for v in checked]
    assert sum(is_unresolved(v) for v in checked) >= 8  # the tokens above are found as tokens, not only plain text


def test_resource_type_is_the_instance_type(stack) -> None:
    vpc = Vpc(stack, "vpc2", cidr_block="10.1.0.0/16")
    rule = SecurityGroupRule(stack, "rule", type="egress", from_port=443, to_port=443, protocol="tcp",
                             security_group_id="sg-1", cidr_blocks=["0.0.0.0/0"])
    assert [resource_type(vpc), resource_type(rule)] == [vpc.terraform_resource_type, rule.terraform_resource_type]
    assert resource_type(rule) == "aws_security_group_rule"
