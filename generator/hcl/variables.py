"""Which input variables a module's expressions use: `var.<name>` references outside the `variable` blocks."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.hcl.reader import JsonDoc

_REFERENCE = re.compile(r"(?<![\w.])var\.([A-Za-z_][A-Za-z0-9_-]*)")


@dataclass(frozen=True)
class VariableUse:
    """A module's variables by use: referenced by its resources, data, locals, module calls or outputs; only-null
    inputs (default null, validated `== null`: the interface slot of a feature this rendering lacks, which rejects
    any value); and unused (neither)."""

    used: frozenset[str]
    null_only: frozenset[str]
    unused: frozenset[str]


def variable_use(doc: Mapping[str, Any]) -> VariableUse:
    """Classify the variables of a normalised module (`generator.hcl.reader.normalize_hcl(read_module(dir))`)."""
    variables = doc.get("variable", {})
    referenced = references({section: body for section, body in doc.items() if section != "variable"})
    null_only = {name for name, body in variables.items() if name not in referenced and _null_only(name, body)}
    return VariableUse(used=frozenset(set(variables) & referenced), null_only=frozenset(null_only),
                       unused=frozenset(set(variables) - referenced - null_only))


def references(value: Any) -> set[str]:
    """Every variable name referenced (`var.<name>`) anywhere in `value` (strings, lists, dicts, JSON documents)."""
    if isinstance(value, str):
        return set(_REFERENCE.findall(value))
    if isinstance(value, JsonDoc):
        return references(value.content)
    if isinstance(value, Mapping):
        return set().union(*(references(k) | references(v) for k, v in value.items())) if value else set()
    if isinstance(value, (list, tuple)):
        return set().union(*(references(v) for v in value)) if value else set()
    return set()


def _null_only(name: str, body: Mapping[str, Any]) -> bool:
    """Default null and a validation that admits null alone."""
    conditions = [rule.get("condition", "") for rule in body.get("validation", [])]
    return ("default" in body and body["default"] is None
            and any(re.fullmatch(rf"\$\{{\s*var\.{name}\s*==\s*null\s*\}}|var\.{name}\s*==\s*null", c.strip())
                    for c in conditions))
