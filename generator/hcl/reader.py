"""Parse an HCL module back with python-hcl2 and normalise HCL and JSON to one comparable form.

Normalisation rules (``normalize_json(doc, blocks) == normalize_hcl(read_module(dir))``
is the round-trip property):

1. Layout: ``{section: ...}`` with ``resource``/``data`` as ``{type: {name: body}}``,
   ``variable``/``output``/``module`` as ``{name: body}``, ``provider`` as
   ``{name: [body, ...]}``, ``terraform``/``locals`` as one merged dict and
   ``moved``/``import`` as lists. Labels are unquoted.
2. Blocks are always lists of bodies (Terraform JSON writes a single block as an
   object); labeled nested blocks (``backend "local"``) are ``{label: body}``;
   python-hcl2's ``__is_block__``/comment markers and cdktf's ``"//"`` metadata go;
   empty block lists go (zero blocks).
3. Null arguments of resource/data/provider bodies are dropped (null == unset there).
4. Strings are Terraform template source with JSON semantics: HCL backslash
   escapes are resolved in literal parts, ``$${``/``%%{`` stay escapes, and each
   ``${expr}`` is re-serialised by python-hcl2 so spacing does not matter.
5. A template that is exactly one ``${expr}`` equals the bare expression ``expr``;
   bare expressions normalise to ``"${expr}"`` (python-hcl2 spelling), literal
   expressions (numbers, lists, quoted strings) to their value.
6. ``jsonencode(<object or tuple literal>)`` and a string holding a JSON object or
   array both become :class:`JsonDoc` of their normalised content.
7. Literal contexts (variable description/default, output description, terraform
   settings, module source/version) are plain values: no template evaluation.
8. Bare-reference contexts (depends_on, provider, ignore_changes, variable type,
   moved/import addresses) are expressions even when JSON writes them unwrapped.
9. Numbers and booleans compare by value (python ``1 == 1.0``).
"""

import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import hcl2
from hcl2.const import COMMENTS_KEY, INLINE_COMMENTS_KEY, IS_BLOCK
from hcl2.utils import SerializationOptions, is_dollar_string

from generator.hcl import schema
from generator.hcl.convert import entries, json_document
from generator.hcl.templates import single_interpolation, split_template, unquote

_MARKERS = frozenset({IS_BLOCK, COMMENTS_KEY, INLINE_COMMENTS_KEY, schema.METADATA_KEY})
_JSONENCODE = re.compile(r"jsonencode\((.*)\)", re.S)
_PLAIN = SerializationOptions(with_comments=False)
#: python-hcl2 8 serializes with state kept in shared default arguments (`context=SerializationContext()`,
#: mutated while a value is serialized): two parses at once in one process leave it stuck, and every later
#: object and tuple comes back as a "${...}" string. Every parse in this project takes this lock (parse_hcl).
_HCL2_LOCK = threading.Lock()


def parse_hcl(text: str, *, comments: bool = False) -> dict:
    """python-hcl2's parse of HCL `text`, one parse at a time in the process (see _HCL2_LOCK)."""
    with _HCL2_LOCK:
        return hcl2.loads(text, serialization_options=None if comments else _PLAIN)


@dataclass(frozen=True)
class JsonDoc:
    """A JSON document value: ``jsonencode({...})`` or a JSON string, by content."""

    content: Any


def read_module(directory: Path) -> dict[str, list]:
    """python-hcl2 parse of every ``*.tf`` file in ``directory``, sections merged."""
    merged: dict[str, list] = {}
    for path in sorted(Path(directory).glob("*.tf")):
        for section, blocks in parse_hcl(path.read_text(encoding="utf-8")).items():
            merged.setdefault(section, []).extend(blocks)
    return merged


def normalize_json(doc: Mapping[str, Any], blocks: Mapping[str, Iterable[str]]) -> dict:
    """Terraform JSON (cdk.tf.json) in the comparable form."""
    out: dict = {}
    for section, value in doc.items():
        if section == schema.METADATA_KEY:
            continue
        for labels, body in entries(section, value):
            paths = schema.block_set(section, labels[0] if labels else "", blocks)
            _place(out, section, labels, _json_body(section, body, paths, ()))
    return out


def normalize_hcl(parsed: Mapping[str, list]) -> dict:
    """python-hcl2 output of :func:`read_module` in the comparable form."""
    out: dict = {}
    for section, blocks in parsed.items():
        for block in blocks:
            labels: list[str] = []
            for _ in range(schema.LABELS[section]):
                (label, block), = [(k, v) for k, v in block.items() if k not in _MARKERS]
                labels.append(unquote(label, literal=True))
            _place(out, section, tuple(labels), _hcl_body(section, block, ()))
    return out


def _place(out: dict, section: str, labels: tuple[str, ...], body: dict) -> None:
    """Put one normalised body where rule 1 says it belongs."""
    if section in ("moved", "import"):
        out.setdefault(section, []).append(body)
    elif not labels:
        out.setdefault(section, {}).update(body)
    elif section == "provider":
        out.setdefault(section, {}).setdefault(labels[0], []).append(body)
    elif len(labels) == 1:
        out.setdefault(section, {})[labels[0]] = body
    else:
        out.setdefault(section, {}).setdefault(labels[0], {})[labels[1]] = body


def _json_body(section: str, body: dict, paths: frozenset[str], prefix: schema.Path) -> dict:
    """One Terraform JSON body: blocks as lists (rule 2), nulls dropped (rule 3)."""
    out: dict = {}
    for name, value in body.items():
        path = prefix + (name,)
        if name in _MARKERS or (value is None and section in schema.NULL_MEANS_UNSET):
            continue
        if ".".join(path) not in paths:
            out[name] = _json_value(value, section, path)
        elif name in schema.LABELED_BLOCKS and not prefix:
            out[name] = {label: _json_body(section, inner, paths, path) for label, inner in value.items()}
        elif items := (value if isinstance(value, list) else [value]):
            out[name] = [_json_body(section, item, paths, path) for item in items]
    return out


def _json_value(value: Any, section: str, path: schema.Path) -> Any:
    """A Terraform JSON value (strings per rules 4-8)."""
    if isinstance(value, str):
        return _json_string(value, section, path)
    if isinstance(value, list):
        return [_json_value(item, section, path) for item in value]
    if isinstance(value, dict):
        return {k: _json_value(v, section, path + (k,)) for k, v in value.items()}
    return value


def _json_string(value: str, section: str, path: schema.Path) -> Any:
    """A template-source string in its canonical form."""
    kind = schema.context(section, path)
    if kind == "literal":
        return value
    expr = single_interpolation(value)
    if kind == "bare" or expr is not None:
        return _expression(expr or value, section, path)
    document = json_document(value)
    if document is not None:
        return JsonDoc(_json_value(document, section, path))
    return "".join(
        _interpolation(part.text[2:-1]) if part.kind == "interp" else part.text
        for part in split_template(value)
    )


def _hcl_body(section: str, body: dict, prefix: schema.Path) -> dict:
    """One python-hcl2 body: markers dropped, labeled nested blocks as dicts."""
    out: dict = {}
    for name, value in body.items():
        path = prefix + (name,)
        if name in _MARKERS or (value is None and section in schema.NULL_MEANS_UNSET):
            continue
        if not _is_block_list(value):
            out[name] = _hcl_value(value, section, path)
        elif name in schema.LABELED_BLOCKS and not prefix:
            out[name] = {
                unquote(label, literal=True): _hcl_body(section, inner, path)
                for item in value
                for label, inner in item.items()
            }
        else:
            out[name] = [_hcl_body(section, item, path) for item in value]
    return out


def _is_block_list(value: Any) -> bool:
    """True for python-hcl2's list of (possibly labeled) block bodies."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(
            isinstance(item, dict)
            and (item.get(IS_BLOCK) or any(isinstance(v, dict) and v.get(IS_BLOCK) for v in item.values()))
            for item in value
        )
    )


def _hcl_value(value: Any, section: str, path: schema.Path) -> Any:
    """A python-hcl2 value: quoted strings unescaped, expressions canonical."""
    if isinstance(value, str):
        literal = schema.context(section, path) == "literal"
        if len(value) >= 2 and value[0] == value[-1] == '"':
            source = unquote(value, literal=literal)
            return source if literal else _json_string(source, section, path)
        return _expression(value[2:-1] if is_dollar_string(value) else value, section, path)
    if isinstance(value, list):
        return [_hcl_value(item, section, path) for item in value]
    if isinstance(value, dict):
        literal = schema.context(section, path) == "literal"
        out = {}
        for key, item in value.items():
            name = unquote(key, literal=literal) if key.startswith('"') else key
            out[name] = _hcl_value(item, section, path + (name,))
        return out
    return value


def _expression(expr: str, section: str, path: schema.Path) -> Any:
    """A bare expression: ``"${expr}"`` as python-hcl2 spells it, jsonencode as JsonDoc."""
    parsed = _parse_expression(expr)
    if not isinstance(parsed, str):
        return _hcl_value(parsed, section, path)
    if parsed.startswith('"'):
        return _hcl_value(parsed, section, path)
    inner = parsed[2:-1] if is_dollar_string(parsed) else parsed
    match = _JSONENCODE.fullmatch(inner)
    if match:
        argument = _try_parse_expression(match.group(1))
        if isinstance(argument, (dict, list)):
            return JsonDoc(_hcl_value(argument, section, path))
    return "${" + inner + "}"


def _interpolation(expr: str) -> str:
    """``${expr}`` inside a template, spelled the way python-hcl2 serialises it."""
    return _parse_expression(f'"${{{expr}}}"')[1:-1]


@cache
def _parse_expression(expr: str) -> Any:
    """python-hcl2's serialisation of one expression."""
    return parse_hcl(f"x = {expr}")["x"]


def _try_parse_expression(expr: str) -> Any:
    """Like :func:`_parse_expression`, None when ``expr`` is not one expression."""
    try:
        return _parse_expression(expr)
    except Exception:  # lark raises several unrelated error types
        return None
