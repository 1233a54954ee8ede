"""The one reader of Terraform's documents: plans (`terraform show -json PLANFILE`) and state (terraform.tfstate).

`Plan` is the typed view of a plan: planned resources, changes, outputs, the provider
configurations and their regions. `State` is the typed view of a state file (format 4,
written by Terraform >= 0.12): every resource instance with its type, id, provider
configuration and attributes, and the outputs. State is read from the file, not through
`terraform show -json`, which would start Terraform and the provider for the same bytes.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

NO_CHANGE = {("no-op",), ("read",)}
STATE_PROVIDER = re.compile(r'^(?P<module>(?:module\.[^.\[]+(?:\[[^\]]*\])?\.)*)provider\["(?P<source>[^"]+)"\]'
                            r'(?:\.(?P<alias>[\w-]+))?$')
ARN_REGION = re.compile(r"^arn:aws[\w-]*:[\w-]+:(?P<region>[a-z0-9-]*):")


def walk_modules(module: Mapping[str, Any]) -> Iterator[dict]:
    """Every resource of a `show -json` module tree (`planned_values`, `prior_state.values`), children included."""
    yield from module.get("resources", [])
    for child in module.get("child_modules", []):
        yield from walk_modules(child)


def provider_key(module_path: str, alias: str | None, name: str = "aws") -> str:
    """The key Terraform's JSON plan gives a provider configuration: `aws`, `aws.west`, `child.grand:aws`."""
    local = f"{name}.{alias}" if alias else name
    return f"{module_path}:{local}" if module_path else local


def arn_region(value: Any) -> str | None:
    """The region part of an ARN ('' for global services like IAM); None when `value` is no ARN."""
    match = ARN_REGION.match(value) if isinstance(value, str) else None
    return match["region"] if match else None


@dataclass(frozen=True)
class ResourceChange:
    """One entry of the plan's `resource_changes`."""

    address: str
    type: str
    actions: tuple[str, ...]
    before: Any
    after: Any
    after_unknown: Any
    sensitive: Any = None  # before_sensitive and after_sensitive merged: True where a value must not be shown

    @property
    def is_change(self) -> bool:
        return self.actions not in NO_CHANGE

    def changed_attributes(self) -> list[str]:
        """Dotted paths of the attributes whose planned value differs from the current one."""
        return sorted(set(_diff(self.before, self.after, self.after_unknown, "")))

    def describe(self, width: int = 160) -> str:
        """`address: actions` and each changed attribute as `path: before -> after` (sensitive values hidden)."""
        lines = [f"{self.address}: {'/'.join(self.actions)}"]
        for path in self.changed_attributes():
            hidden = _at(self.sensitive, path) is True
            before = "(sensitive)" if hidden else _short(_at(self.before, path), width)
            after = "(known after apply)" if _at(self.after_unknown, path) is True else \
                "(sensitive)" if hidden else _short(_at(self.after, path), width)
            lines.append(f"    {path}: {before} -> {after}")
        return "\n".join(lines)


def _at(value: Any, path: str) -> Any:
    """The value at a dotted path of `changed_attributes` (`a.b[0].c`); None where there is none."""
    if path == "(whole resource)":
        return value
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            index = int(part[1:-1])
            value = value[index] if isinstance(value, list) and index < len(value) else None
        else:
            value = value.get(part) if isinstance(value, dict) else None
    return value


def _short(value: Any, width: int) -> str:
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= width else text[:width - 3] + "..."


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
        for i, (b, a) in enumerate(zip(before, after, strict=True)):
            yield from _diff(b, a, unknown[i] if i < len(unknown) else None, f"{path}[{i}]")
    elif before != after:
        yield path or "(whole resource)"


def _merge_sensitive(before: Any, after: Any) -> Any:
    """One sensitivity mask from the plan's `before_sensitive` and `after_sensitive`."""
    if before is True or after is True:
        return True
    if isinstance(before, dict) or isinstance(after, dict):
        before, after = before if isinstance(before, dict) else {}, after if isinstance(after, dict) else {}
        return {k: _merge_sensitive(before.get(k), after.get(k)) for k in set(before) | set(after)}
    if isinstance(before, list) or isinstance(after, list):
        before, after = before if isinstance(before, list) else [], after if isinstance(after, list) else []
        return [_merge_sensitive(before[i] if i < len(before) else None, after[i] if i < len(after) else None)
                for i in range(max(len(before), len(after)))]
    return None


class Plan:
    """Typed view of `terraform show -json <planfile>`."""

    def __init__(self, data: dict):
        self.data = data
        root = data.get("planned_values", {}).get("root_module", {})
        #: planned resource values by address, across child modules (data sources included)
        self.resources: dict[str, dict] = {r["address"]: r for r in walk_modules(root)}
        self.changes: list[ResourceChange] = [
            ResourceChange(c["address"], c["type"], tuple(c["change"]["actions"]), c["change"].get("before"),
                           c["change"].get("after"), c["change"].get("after_unknown"),
                           _merge_sensitive(c["change"].get("before_sensitive"), c["change"].get("after_sensitive")))
            for c in data.get("resource_changes", [])]

    @property
    def outputs(self) -> dict[str, Any]:
        """Planned output values (unknown ones are None)."""
        return {k: v.get("value") for k, v in self.data.get("planned_values", {}).get("outputs", {}).items()}

    @property
    def variables(self) -> dict[str, Any]:
        """The root module's variable values the plan was made with."""
        return {k: v.get("value") for k, v in self.data.get("variables", {}).items()}

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
        """Each pending change: its action, then every changed attribute with its old and new value."""
        return "\n".join(c.describe() for c in self.pending())

    def provider_regions(self) -> dict[str, str | None]:
        """Region of every AWS provider configuration by its key (`aws`, `aws.west`, `child:aws`).

        A literal region or a root variable is resolved; anything else (a local, a data source) is None.
        """
        regions: dict[str, str | None] = {}
        for key, config in self.data.get("configuration", {}).get("provider_config", {}).items():
            if config.get("name") != "aws":
                continue
            expression = config.get("expressions", {}).get("region", {})
            region = expression.get("constant_value")
            if region is None and ":" not in key:
                variable = next((ref[4:] for ref in expression.get("references", []) if ref.startswith("var.")), None)
                region = self.variables.get(variable) if variable else None
            regions[key] = region if isinstance(region, str) else None
        return regions


@dataclass(frozen=True)
class Resource:
    """One resource instance of a state: where it is, what it is, its attributes."""

    address: str
    mode: str
    type: str
    module: str
    provider: str
    values: Mapping[str, Any]

    @property
    def id(self) -> str:
        return str(self.values.get("id", ""))

    @property
    def provider_key(self) -> str:
        """The provider configuration's key as in the plan's `configuration` (see `provider_key`)."""
        match = STATE_PROVIDER.match(self.provider)
        if match is None:
            return self.provider
        path = ".".join(re.findall(r"module\.([^.\[]+)", match["module"]))
        return provider_key(path, match["alias"], match["source"].rsplit("/", 1)[-1])

    def region(self, provider_regions: Mapping[str, str | None], default: str) -> str:
        """The region it lives in: from its ARN, else its provider configuration, else `default`."""
        for value in (self.values.get("arn"), self.id):
            region = arn_region(value)
            if region is not None:
                return region or default  # '' is a global service: scanned with the default region's client
        return provider_regions.get(self.provider_key) or default


class State:
    """Typed view of a Terraform state file (format 4)."""

    def __init__(self, data: Mapping[str, Any]):
        self.data = data
        self.all: list[Resource] = list(_state_instances(data))
        self.outputs: dict[str, Any] = {k: v.get("value") for k, v in data.get("outputs", {}).items()}

    @classmethod
    def read(cls, path: Path) -> State:
        """The state at `path`; an empty state when there is no file (nothing applied yet)."""
        try:
            return cls(json.loads(path.read_text()))
        except FileNotFoundError:
            return cls({})

    def managed(self) -> list[Resource]:
        return [r for r in self.all if r.mode == "managed"]

    def by_address(self) -> dict[str, Resource]:
        return {r.address: r for r in self.all}

    @property
    def resources(self) -> dict[str, dict[str, Mapping[str, Any]]]:
        """Managed resources as type -> name -> attributes (pytest-terraform's shape; first instance wins)."""
        out: dict[str, dict[str, Mapping[str, Any]]] = {}
        for resource in self.managed():
            name = resource.address.rsplit(".", 1)[-1].split("[", 1)[0]
            out.setdefault(resource.type, {}).setdefault(name, resource.values)
        return out

    def as_pytest_terraform(self, runner: Any = None) -> Any:
        """The same content as pytest-terraform's `TerraformTestApi` (its `resources`, `outputs`, `get`)."""
        from pytest_terraform.tf import TerraformTestApi

        return TerraformTestApi({t: {n: dict(v) for n, v in names.items()} for t, names in self.resources.items()},
                                {k: {"value": v} for k, v in self.outputs.items()}, runner)


def _state_instances(data: Mapping[str, Any]) -> Iterator[Resource]:
    for block in data.get("resources", []):
        prefix = f"{block['module']}." if block.get("module") else ""
        kind = "data." if block.get("mode") == "data" else ""
        for instance in block.get("instances", []):
            key = instance.get("index_key")
            index = "" if key is None else f"[{json.dumps(key)}]"
            yield Resource(f"{prefix}{kind}{block['type']}.{block['name']}{index}", block.get("mode", "managed"),
                           block["type"], block.get("module", ""), block.get("provider", ""),
                           instance.get("attributes", {}))
