"""Which attributes of cdktf elements are nested blocks (Terraform JSON cannot tell)."""

from typing import Any

from generator.aws import IConstruct, TerraformDataSource, TerraformProvider, TerraformResource

_ELEMENTS = (TerraformResource, TerraformDataSource, TerraformProvider)
_BLOCK_FLAGS = ("isBlock", "is_block")
#: nested blocks the bindings cannot describe: added with add_override (3.x inline S3 settings of
#: generator.constructs.bucket) or under an attribute the bindings type as Any (a WAF rule's statement)
EXTRA_BLOCKS: dict[str, list[str]] = {
    "resource.aws_s3_bucket": [
        "lifecycle_rule", "lifecycle_rule.expiration", "lifecycle_rule.noncurrent_version_expiration",
        "server_side_encryption_configuration", "server_side_encryption_configuration.rule",
        "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default", "versioning"],
    "resource.aws_wafv2_web_acl": ["rule.statement", "rule.statement.managed_rule_group_statement"],
}


def block_paths(scope: IConstruct) -> dict[str, list[str]]:
    """Map "resource.<type>" / "data.<type>" / "provider.<name>" to sorted dotted block paths.

    Paths come from each element's ``to_hcl_terraform()``; list indices are dropped,
    so a list of blocks and a single block yield the same path.
    """
    found: dict[str, set[str]] = {}
    for node in scope.node.find_all():
        if isinstance(node, _ELEMENTS):
            for key, body in _bodies(node.to_hcl_terraform()):
                found.setdefault(key, set()).update(_paths(body, ""))
    for key, paths in EXTRA_BLOCKS.items():
        if key in found:
            found[key].update(paths)
    return {key: sorted(paths) for key, paths in sorted(found.items())}


def _bodies(hcl: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Yield (key, attribute-description body) pairs of one element's HCL description."""
    out: list[tuple[str, dict[str, Any]]] = []
    for section in ("resource", "data"):
        for type_name, named in hcl.get(section, {}).items():
            out.extend((f"{section}.{type_name}", body) for body in named.values())
    for name, bodies in hcl.get("provider", {}).items():
        for body in bodies if isinstance(bodies, list) else [bodies]:
            out.append((f"provider.{name}", body))
    return out


def _paths(body: Any, prefix: str) -> set[str]:
    """Dotted paths of block attributes in one attribute-description body."""
    paths: set[str] = set()
    if not isinstance(body, dict):
        return paths
    for name, attr in body.items():
        if not isinstance(attr, dict) or not any(attr.get(flag) for flag in _BLOCK_FLAGS):
            continue
        path = f"{prefix}{name}"
        paths.add(path)
        value = attr.get("value")
        for item in value if isinstance(value, list) else [value]:
            paths |= _paths(item, f"{path}.")
    return paths
