"""Deliberate exceptions to static checks (checkov), recorded next to the resource they concern.

The record belongs to the stack the resource is in (never to the process), so stacks synthesized
in one process, even with the same name, never see each other's suppressions.
"""
from __future__ import annotations

from generator.aws import IConstruct, TerraformDataSource, TerraformResource, TerraformStack, resource_type

_RECORD = "_checkov_suppressions"  # attribute of the stack holding [(element, 'CKV_ID:reason')]


def _record(scope: IConstruct) -> list[tuple[TerraformResource | TerraformDataSource, str]]:
    stack = scope if isinstance(scope, TerraformStack) else TerraformStack.of(scope)
    record = stack.__dict__.get(_RECORD)
    if record is None:
        record = stack.__dict__[_RECORD] = []
    return record


def suppress(element: TerraformResource | TerraformDataSource, check_id: str, reason: str) -> None:
    """Record that `check_id` does not apply to `element`, and why (collected at synth time)."""
    if not reason.strip():
        raise ValueError(f"suppressing {check_id} needs a reason")
    _record(element).append((element, f"{check_id}:{reason}"))


def collect_suppressions(stack: TerraformStack) -> dict[str, list[str]]:
    """Address (`type.name`, `data.type.name`) -> ['CKV_ID:reason', ...] for every suppression in `stack`."""
    found: dict[str, list[str]] = {}
    for element, text in _record(stack):
        address = f"{resource_type(element)}.{element.friendly_unique_id}"
        if isinstance(element, TerraformDataSource):
            address = f"data.{address}"
        found.setdefault(address, []).append(text)
    return found
