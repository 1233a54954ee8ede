"""Terraform JSON -> python-hcl2 8.x dict form (blocks marked, every value as HCL source)."""

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from hcl2.const import IS_BLOCK

from generator.hcl import schema
from generator.hcl.templates import quote, single_interpolation

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_KEYWORDS = frozenset({"true", "false", "null", "for", "in", "if"})


def sections(doc: Mapping[str, Any], blocks: Mapping[str, Iterable[str]]) -> dict[str, list[dict]]:
    """Each top-level section of ``doc`` as a list of python-hcl2 blocks (metadata dropped)."""
    out: dict[str, list[dict]] = {}
    for section, value in doc.items():
        if section == schema.METADATA_KEY:
            continue
        if section not in schema.LABELS:
            raise ValueError(f"unsupported top-level section {section!r}")
        out[section] = [
            _labeled(labels, _body(section, labels[:1], body, blocks))
            for labels, body in entries(section, value)
        ]
    return out


def entries(section: str, value: Any) -> Iterator[tuple[tuple[str, ...], dict]]:
    """(labels, body) pairs of one section; single bodies and lists of bodies both accepted."""
    depth = schema.LABELS[section]
    if depth == 0:
        yield from (((), body) for body in _as_list(value))
    elif depth == 1:
        for name, bodies in value.items():
            yield from (((name,), body) for body in _as_list(bodies))
    else:
        for type_name, named in value.items():
            yield from (((type_name, name), body) for name, body in named.items())


def expression(value: Any, section: str, path: schema.Path) -> Any:
    """One attribute value: scalars as themselves, anything else as ``${<HCL source>}``."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return "${" + source(value, section, path) + "}"


def source(value: Any, section: str, path: schema.Path) -> str:
    """HCL expression source for a Terraform JSON value found at ``path`` of ``section``."""
    if isinstance(value, str):
        return _string_source(value, section, path)
    if isinstance(value, list):
        return "[" + ", ".join(source(item, section, path) for item in value) + "]"
    if isinstance(value, dict):
        literal = schema.context(section, path) == "literal"
        items = (f"{_key(k, literal)} = {source(v, section, path + (k,))}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    return json.dumps(value)


def json_document(value: str) -> dict | list | None:
    """The parsed JSON object/array if ``value`` is a JSON document, else None."""
    if not value.lstrip().startswith(("{", "[")):
        return None
    try:
        parsed = json.loads(value)
    except ValueError:
        return None
    return parsed if isinstance(parsed, (dict, list)) else None


def _string_source(value: str, section: str, path: schema.Path) -> str:
    """A string as a quoted template, a bare expression or ``jsonencode({...})``."""
    kind = schema.context(section, path)
    if kind == "literal":
        return quote(value, literal=True)
    expr = single_interpolation(value)
    if kind == "bare":
        return expr or value
    if expr is not None:
        return expr
    document = json_document(value)
    if document is not None:
        return f"jsonencode({source(document, section, path)})"
    return quote(value)


def _key(key: str, literal: bool) -> str:
    """An object key: bare identifier, ``(expr)`` or quoted string."""
    if _IDENTIFIER.match(key) and key not in _KEYWORDS:
        return key
    expr = None if literal else single_interpolation(key)
    return f"({expr})" if expr else quote(key, literal=literal)


def _body(section: str, type_label: tuple[str, ...], body: dict, blocks: Mapping[str, Iterable[str]]) -> dict:
    """A block body with nested blocks as lists of marked dicts, null arguments dropped."""
    block_paths = schema.block_set(section, type_label[0] if type_label else "", blocks)
    return _members(section, body, block_paths, ())


def _members(section: str, body: dict, block_paths: frozenset[str], prefix: schema.Path) -> dict:
    """Attributes and nested blocks of one body, in terraform-aws-modules order."""
    attributes: dict[str, Any] = {}
    nested: dict[str, list] = {}
    for name, value in body.items():
        path = prefix + (name,)
        if name == schema.METADATA_KEY or (value is None and section in schema.NULL_MEANS_UNSET):
            continue
        if ".".join(path) not in block_paths:
            attributes[name] = expression(value, section, path)
        elif name in schema.LABELED_BLOCKS and not prefix:
            nested[name] = [
                _labeled((label,), _members(section, inner, block_paths, path)) for label, inner in value.items()
            ]
        elif items := _as_list(value):
            nested[name] = [_members(section, item, block_paths, path) for item in items]
    return {**_ordered({**attributes, **nested}), IS_BLOCK: True}


def _ordered(members: dict[str, Any]) -> dict[str, Any]:
    """Meta-arguments first, lifecycle and depends_on last, the rest in their given order."""
    first = [k for k in schema.FIRST_ATTRIBUTES if k in members]
    last = [k for k in schema.LAST_MEMBERS if k in members]
    middle = [k for k in members if k not in first and k not in last]
    return {k: members[k] for k in first + middle + last}


def _labeled(labels: tuple[str, ...], body: dict) -> dict:
    """Wrap a body in its (quoted) labels the way python-hcl2 expects."""
    for label in reversed(labels):
        body = {quote(label, literal=True): body}
    return body


def _as_list(value: Any) -> list:
    """A list as itself, anything else as a one-element list."""
    return value if isinstance(value, list) else [value]
