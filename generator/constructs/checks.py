"""Deliberate exceptions to static checks (checkov), recorded next to the resource they concern."""
from __future__ import annotations

from generator.aws import IConstruct, TerraformDataSource, TerraformResource

#: every suppression made in this process: (element, 'CKV_ID:reason'). Kept on the Python side so
#: collecting them does not walk the whole construct tree through jsii (about 0.4 s per synth).
_SUPPRESSED: list[tuple[TerraformResource | TerraformDataSource, str]] = []


def suppress(element: TerraformResource | TerraformDataSource, check_id: str, reason: str) -> None:
    """Record that `check_id` does not apply to `element`, and why (collected at synth time)."""
    if not reason.strip():
        raise ValueError(f"suppressing {check_id} needs a reason")
    _SUPPRESSED.append((element, f"{check_id}:{reason}"))


def collect_suppressions(scope: IConstruct) -> dict[str, list[str]]:
    """Address (`type.name`, `data.type.name`) -> ['CKV_ID:reason', ...] for every suppression under scope."""
    prefix = scope.node.path + "/"
    found: dict[str, list[str]] = {}
    for element, text in _SUPPRESSED:
        if not element.node.path.startswith(prefix):
            continue
        address = f"{element.terraform_resource_type}.{element.friendly_unique_id}"
        if isinstance(element, TerraformDataSource):
            address = f"data.{address}"
        found.setdefault(address, []).append(text)
    return found
