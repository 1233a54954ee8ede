"""Small readers for synthesized Terraform JSON used by the generator tests."""
from __future__ import annotations

import json


def resources(doc: dict, rtype: str) -> dict[str, dict]:
    """All resources of one type, by logical name."""
    return doc.get("resource", {}).get(rtype, {})


def one(doc: dict, rtype: str, **match) -> tuple[str, dict]:
    """The single resource of `rtype` whose attributes equal `match`."""
    found = [(n, r) for n, r in resources(doc, rtype).items() if all(r.get(k) == v for k, v in match.items())]
    assert len(found) == 1, f"expected one {rtype} with {match}, found {[n for n, _ in found]}"
    return found[0]


def ref(rtype: str, name: str, attr: str) -> str:
    """The interpolation cdktf writes for a reference."""
    return f"${{{rtype}.{name}.{attr}}}"


def containers(task: dict) -> list[dict]:
    """Decoded container definitions of an aws_ecs_task_definition."""
    return json.loads(task["container_definitions"])


def policy(resource: dict, key: str = "policy") -> dict:
    """Decoded IAM policy document."""
    return json.loads(resource[key])
