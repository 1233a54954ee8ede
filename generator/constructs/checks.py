"""Deliberate exceptions to static checks (checkov), recorded next to the resource they concern."""
from __future__ import annotations

from generator.aws import IConstruct, TerraformDataSource, TerraformResource

SKIP_METADATA = "checkov:skip"


def suppress(element: TerraformResource | TerraformDataSource, check_id: str, reason: str) -> None:
    """Record that `check_id` does not apply to `element`, and why (collected at synth time)."""
    if not reason.strip():
        raise ValueError(f"suppressing {check_id} needs a reason")
    element.node.add_metadata(SKIP_METADATA, f"{check_id}:{reason}")


def collect_suppressions(scope: IConstruct) -> dict[str, list[str]]:
    """Address (`type.name`, `data.type.name`) -> ['CKV_ID:reason', ...] for every suppression under scope."""
    found: dict[str, list[str]] = {}
    for node in scope.node.find_all():
        if isinstance(node, TerraformResource):
            address = f"{node.terraform_resource_type}.{node.friendly_unique_id}"
        elif isinstance(node, TerraformDataSource):
            address = f"data.{node.terraform_resource_type}.{node.friendly_unique_id}"
        else:
            continue
        skips = [m.data for m in node.node.metadata if m.type == SKIP_METADATA]
        if skips:
            found[address] = skips
    return found
