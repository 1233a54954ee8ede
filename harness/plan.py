"""A terraform plan, parsed from `terraform show -json`: resources, changes, outputs, counts."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Iterator

NO_CHANGE = {("no-op",), ("read",)}


@dataclass(frozen=True)
class ResourceChange:
    """One entry of the plan's `resource_changes`."""

    address: str
    type: str
    actions: tuple[str, ...]
    before: Any
    after: Any
    after_unknown: Any

    @property
    def is_change(self) -> bool:
        return self.actions not in NO_CHANGE

    def changed_attributes(self) -> list[str]:
        """Dotted paths of the attributes whose planned value differs from the current one."""
        return sorted(set(_diff(self.before, self.after, self.after_unknown, "")))


def _diff(before: Any, after: Any, unknown: Any, path: str) -> Iterator[str]:
    if unknown is True:
        yield path or "(whole resource)"
        return
    if isinstance(before, dict) or isinstance(after, dict):
        before, after = before or {}, after or {}
        unknown = unknown if isinstance(unknown, dict) else {}
        for key in set(before) | set(after) | set(unknown):
            yield from _diff(before.get(key), after.get(key), unknown.get(key), f"{path}.{key}" if path else key)
    elif isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        unknown = unknown if isinstance(unknown, list) else [None] * len(after)
        for i, (b, a) in enumerate(zip(before, after)):
            yield from _diff(b, a, unknown[i] if i < len(unknown) else None, f"{path}[{i}]")
    elif before != after:
        yield path or "(whole resource)"


def _module_resources(module: dict) -> Iterator[dict]:
    yield from module.get("resources", [])
    for child in module.get("child_modules", []):
        yield from _module_resources(child)


class Plan:
    """Typed view of `terraform show -json <planfile>`."""

    def __init__(self, data: dict):
        self.data = data
        root = data.get("planned_values", {}).get("root_module", {})
        #: planned resource values by address, across child modules (data sources included)
        self.resources: dict[str, dict] = {r["address"]: r for r in _module_resources(root)}
        self.changes: list[ResourceChange] = [
            ResourceChange(c["address"], c["type"], tuple(c["change"]["actions"]), c["change"].get("before"),
                           c["change"].get("after"), c["change"].get("after_unknown"))
            for c in data.get("resource_changes", [])]

    @property
    def outputs(self) -> dict[str, Any]:
        """Planned output values (unknown ones are None)."""
        return {k: v.get("value") for k, v in self.data.get("planned_values", {}).get("outputs", {}).items()}

    def managed(self) -> dict[str, dict]:
        """Planned managed resources (no data sources) by address."""
        return {a: r for a, r in self.resources.items() if r.get("mode") == "managed"}

    def counts_by_type(self) -> Counter:
        """Managed resources per type."""
        return Counter(r["type"] for r in self.managed().values())

    def of_type(self, rtype: str) -> list[dict]:
        """Planned `values` of every managed resource of one type."""
        return [r["values"] for r in self.managed().values() if r["type"] == rtype]

    def pending(self) -> list[ResourceChange]:
        """Changes that are not no-ops."""
        return [c for c in self.changes if c.is_change]

    @property
    def is_empty(self) -> bool:
        return not self.pending() and not any(
            set(v.get("actions", [])) - {"no-op"} for v in self.data.get("output_changes", {}).values())

    def describe_pending(self) -> str:
        """Each pending change with its action and changed attributes, one per line."""
        return "\n".join(f"{c.address}: {'/'.join(c.actions)} {', '.join(c.changed_attributes())}"
                         for c in self.pending())
