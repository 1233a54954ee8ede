"""Sandbox inventory and leak check: what exists now that did not exist at start."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol


class ClientFactory(Protocol):
    def client(self, service_name: str) -> Any: ...


@dataclass(frozen=True)
class Resource:
    """One live resource: (service, kind, identifier) is its identity."""

    service: str
    kind: str
    identifier: str
    name: str = ""
    tags: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.service, self.kind, self.identifier)

    def __str__(self) -> str:
        label = f" ({self.name})" if self.name and self.name != self.identifier else ""
        return f"{self.service}:{self.kind} {self.identifier}{label}"


def snapshot(sandbox: ClientFactory) -> list[Resource]:
    """List live resources of every covered service (see collectors.COLLECTORS)."""
    from .collectors import COLLECTORS

    return [resource for collect in COLLECTORS.values() for resource in collect(sandbox)]


def leaks(
    baseline: Iterable[Resource],
    current: Iterable[Resource],
    name_prefix: str | None = None,
    tags: Mapping[str, str] | None = None,
) -> list[Resource]:
    """Resources in `current` but not in `baseline`.

    With `name_prefix` and/or `tags`, keep only resources whose name or identifier
    starts with the prefix, or whose tags include all given tags (either match counts).
    """
    known = {resource.key for resource in baseline}
    new = [resource for resource in current if resource.key not in known]
    if name_prefix is None and not tags:
        return new
    return [resource for resource in new if _in_scope(resource, name_prefix, tags)]


def _in_scope(
    resource: Resource, name_prefix: str | None, tags: Mapping[str, str] | None
) -> bool:
    if name_prefix is not None and (
        resource.name.startswith(name_prefix) or resource.identifier.startswith(name_prefix)
    ):
        return True
    return bool(tags) and all(resource.tags.get(k) == v for k, v in (tags or {}).items())
