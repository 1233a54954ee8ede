"""Deliberate exceptions to static checks (checkov), recorded next to the resource they concern."""
from __future__ import annotations

from generator.aws import IConstruct, TerraformResource

SKIP_METADATA = "checkov:skip"


def suppress(resource: TerraformResource, check_id: str, reason: str) -> None:
    """Record that `check_id` does not apply to `resource`, and why (collected at synth time)."""
    if not reason.strip():
        raise ValueError(f"suppressing {check_id} needs a reason")
    resource.node.add_metadata(SKIP_METADATA, f"{check_id}:{reason}")


def collect_suppressions(scope: IConstruct) -> dict[str, list[str]]:
    """Resource address (`type.name`) -> ['CKV_ID:reason', ...] for every suppression under scope."""
    found: dict[str, list[str]] = {}
    for node in scope.node.find_all():
        if not isinstance(node, TerraformResource):
            continue
        skips = [m.data for m in node.node.metadata if m.type == SKIP_METADATA]
        if skips:
            address = f"{node.terraform_resource_type}.{node.friendly_unique_id}"
            found[address] = skips
    return found
