"""Token tolerance: the same construct code with plain values (stacks) or Terraform references (modules).

A module stack passes `var.x` tokens where a stack passes config values. Python-side
computation must then become a Terraform expression; with plain values every helper
returns exactly what the plain Python did, so stacks synthesize unchanged.
"""
from __future__ import annotations

import json
import re
from typing import Any

from generator.aws import Fn, IConstruct, Op, TerraformResource, TerraformStack, Token, is_unresolved, resource_type

#: a number, or a Terraform number token (cdktf encodes those as floats): what props take where modules pass variables
Number = int | float
_STRING_TOKEN = re.compile(r"\$\{TfToken\[TOKEN\.\d+\]\}")  # how cdktf encodes a string token
_LABELS = "_token_labels"  # attribute of the stack holding its token text -> readable name map


def is_token(value: Any) -> bool:
    """True for a value only Terraform can resolve (string, number or list token, or a reference object)."""
    if isinstance(value, (bool, type(None))):
        return False
    if isinstance(value, (str, int, float)):
        return is_unresolved(value)
    return not isinstance(value, (list, tuple, dict))  # anything else is an IResolvable (a variable's `value`)


def _labels(scope: IConstruct) -> dict[str, str]:
    """The token labels of the stack `scope` belongs to (state of that stack, created on first use)."""
    stack = scope if isinstance(scope, TerraformStack) else TerraformStack.of(scope)
    labels = stack.__dict__.get(_LABELS)
    if labels is None:
        labels = stack.__dict__[_LABELS] = {}
    return labels


def label(scope: IConstruct, token: Any, name: str) -> Any:
    """Register `name` as the readable form of `token` in the construct ids of `scope`'s stack; returns the token."""
    _labels(scope)[str(token)] = name
    return token


def construct_id(scope: IConstruct, text: str) -> str:
    """A construct id built from values: tokens registered in `scope`'s stack become their names."""
    for token, name in _labels(scope).items():
        text = text.replace(token, name)
    return text


def _needs_jsonencode(value: Any) -> bool:
    """Whether json.dumps would mangle `value`: number, list or object tokens (string tokens survive)."""
    if isinstance(value, dict):
        return any(_needs_jsonencode(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        if len(value) == 1 and isinstance(value[0], str) and is_unresolved(list(value)):
            return True  # a list token is encoded as a one-element list
        return any(_needs_jsonencode(v) for v in value)
    return is_token(value) and not isinstance(value, str)


def json_text(value: Any) -> str:
    """`json.dumps(value)`, or `jsonencode(...)` when it holds tokens a JSON string cannot carry."""
    return Token.as_string(Fn.jsonencode(value)) if _needs_jsonencode(value) else json.dumps(value)


def text(value: Any) -> str:
    """`str(value)` for string interpolation; a number token becomes its `${...}` reference."""
    return Token.as_string(value) if is_token(value) and not isinstance(value, str) else str(value)


def negate(value: Any) -> Any:
    """`not value`, or `!value` in Terraform."""
    return Op.not_(value) if is_token(value) else not value


def choose(condition: Any, yes: Any, no: Any) -> Any:
    """`yes if condition else no`, or `condition ? yes : no` in Terraform (a string token for strings)."""
    if not is_token(condition):
        return yes if condition else no
    result = Fn.conditional(condition, yes, Token.null_value() if no is None else no)
    return Token.as_string(result) if isinstance(yes, str) else result


def lower_prefix(value: str, length: int) -> str:
    """`value.lower()[:length].rstrip("-")`, in Terraform functions when `value` holds tokens."""
    if is_token(value):
        return Token.as_string(Fn.replace(Fn.substr(Fn.lower(_formatted(value)), 0, length), "/-+$/", ""))
    return value.lower()[:length].rstrip("-")


def _formatted(value: str) -> str:
    """Text mixing literals and string tokens as `format("lit%slit", tok)`: cdktf functions mis-handle the mix."""
    parts = _STRING_TOKEN.split(value)
    if len(parts) == 1:
        return value
    tokens = _STRING_TOKEN.findall(value)
    return Token.as_string(Fn.format("%s".join(text.replace("%", "%%") for text in parts), tokens))


def cidr_subnet(cidr: str, newbits: int, netnum: int) -> str:
    """Block `netnum` of `cidr` split by `newbits`; `cidrsubnet(...)` when the CIDR is a token."""
    if is_token(cidr):
        return Token.as_string(Fn.cidrsubnet(cidr, newbits, netnum))
    import ipaddress

    network = ipaddress.IPv4Network(cidr)
    return str(list(network.subnets(prefixlen_diff=newbits))[netnum])


def expression(hcl: str) -> str:
    """A Terraform expression where cdktf expects a value (`${...}`)."""
    return "${" + hcl + "}"


def when(resource: TerraformResource, condition: str) -> TerraformResource:
    """Create `resource` only if the HCL `condition` holds (`count = condition ? 1 : 0`)."""
    resource.count = Token.as_number(expression(f"{condition} ? 1 : 0"))
    return resource


def splat(resource: TerraformResource, name: str) -> str:
    """`<address>[*].<name>` (HCL): the attribute of every instance of a resource created with `when`."""
    return f"{resource_type(resource)}.{resource.friendly_unique_id}[*].{name}"


def attribute(resource: TerraformResource, name: str) -> str:
    """`one(<address>[*].<name>)` (HCL): the attribute of a resource created with `when`, or null."""
    return f"one({splat(resource, name)})"


def reference(resource: TerraformResource, name: str) -> str:
    """`attribute` as a string value."""
    return Token.as_string(expression(attribute(resource, name)))
