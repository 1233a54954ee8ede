"""Tolerant readers for Terraform documents, for the static rules.

Two shapes are accepted: raw Terraform JSON (cdk.tf.json: a single nested block may be an
object, JSON documents are strings) and the normalised form of generator.hcl.reader
(blocks are lists, JSON documents and ``jsonencode(...)`` are JsonDoc). Values that are
expressions Terraform resolves at plan time are returned as the ``${...}`` strings they are.
"""
from __future__ import annotations

import json
import re
from typing import Any

from generator.hcl.reader import JsonDoc

_VAR = re.compile(r"^\$\{var\.([A-Za-z0-9_-]+)\}$")
#: an attribute reference; resources created with `count` are referenced by index or splat (`x[0].arn`, `x[*].arn`)
_REF = re.compile(r"\b((?:data\.)?aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)(?:\[[0-9*]+\])?\.[a-z_]+")


def resources(doc: dict, rtype: str) -> dict[str, dict]:
    """Resources of one type by name."""
    return doc.get("resource", {}).get(rtype, {}) or {}


def data_sources(doc: dict, dtype: str) -> dict[str, dict]:
    """Data sources of one type by name."""
    return doc.get("data", {}).get(dtype, {}) or {}


def section(doc: dict, name: str) -> dict[str, dict]:
    """`variable` or `output` bodies by name (a list of one body is unwrapped)."""
    return {key: body[0] if isinstance(body, list) else body for key, body in (doc.get(name) or {}).items()}


def nested(body: dict, key: str) -> list[dict]:
    """A nested block as a list of bodies, whichever way it was written."""
    value = body.get(key)
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, dict)]
    return []


def decoded(value: Any) -> Any:
    """The content of a JSON document value; None when it is an expression or not JSON."""
    if isinstance(value, JsonDoc):
        return value.content
    if isinstance(value, str) and value.lstrip()[:1] in ("{", "["):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return None


def literal(doc: dict, value: Any) -> Any:
    """`${var.x}` resolved to the variable's default when it has one; anything else as is."""
    match = _VAR.match(value) if isinstance(value, str) else None
    if match:
        return section(doc, "variable").get(match.group(1), {}).get("default", value)
    return value


def is_expression(value: Any) -> bool:
    """True for a value only Terraform can resolve (an interpolation)."""
    return isinstance(value, str) and "${" in value


def references(value: Any) -> set[str]:
    """Addresses (`type.name`, `data.type.name`) referenced anywhere in `value`."""
    return set(_REF.findall(json.dumps(value, default=str)))


def as_list(value: Any) -> list:
    """A policy field that may be one value or a list."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def integer(value: Any) -> int | None:
    """An int from a number or numeric string; None otherwise."""
    try:
        return int(str(value))
    except ValueError:
        return None

