"""Readable summaries of synthesized stacks."""
from __future__ import annotations

from collections import Counter

from generator.synth import SynthesizedStack


def resource_counts(document: dict) -> Counter:
    """Resource count by Terraform type (data sources excluded)."""
    return Counter({rtype: len(items) for rtype, items in document.get("resource", {}).items()})


def describe(stack: SynthesizedStack) -> str:
    """Stack name, target, where it went, and resources by type."""
    doc = stack.document()
    counts = resource_counts(doc)
    lines = [f"stack {stack.name}: hashicorp/aws {stack.provider_version}, {sum(counts.values())} resources",
             f"  terraform json: {stack.json_path}"]
    lines += [f"  {n:4d}  {rtype}" for rtype, n in sorted(counts.items())]
    outputs = sorted(doc.get("output", {}))
    if outputs:
        lines.append(f"  outputs: {', '.join(outputs)}")
    lines += [f"  note: {note}" for note in stack.notes()]
    return "\n".join(lines)
