"""Point a stack's AWS provider at a sandbox without touching the stack: a `*_override.tf.json`.

Endpoint keys come from the provider's own schema (`terraform providers schema -json`),
so every service the provider version knows goes to the sandbox, and value types
(bool in 3.x, string in 5.x for some skip flags) follow the schema too.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Mapping

OVERRIDE_FILE = "sandbox_override.tf.json"
AWS_SCHEMA_KEY = "registry.terraform.io/hashicorp/aws"

#: settings that keep the provider from calling real AWS (instance metadata, region lists, EC2 platforms).
#: The account id is still requested (the sandbox answers STS): without it, 3.x builds some ARNs
#: client-side with an empty account and then reads tags of a resource that does not exist.
SKIP_FLAGS = ("skip_credentials_validation", "skip_metadata_api_check", "skip_region_validation",
              "skip_get_ec2_platforms")
PATH_STYLE = ("s3_use_path_style", "s3_force_path_style")


def provider_block_schema(schema: Mapping[str, Any]) -> dict:
    """The `block` of the AWS provider's own configuration schema."""
    return schema["provider_schemas"][AWS_SCHEMA_KEY]["provider"]["block"]


def endpoint_keys(schema: Mapping[str, Any]) -> list[str]:
    """Every service key of the provider's `endpoints` block."""
    return sorted(provider_block_schema(schema)["block_types"]["endpoints"]["block"]["attributes"])


def _typed(attr: Mapping[str, Any], value: bool) -> bool | str:
    return value if attr.get("type") == "bool" else str(value).lower()


def sandbox_provider(schema: Mapping[str, Any], endpoint_url: str, region: str,
                     access_key: str = "testing", secret_key: str = "testing") -> dict:
    """The provider settings that send every call to `endpoint_url` with dummy credentials."""
    attrs = provider_block_schema(schema)["attributes"]
    settings: dict[str, Any] = {"region": region, "access_key": access_key, "secret_key": secret_key,
                                "endpoints": [{key: endpoint_url for key in endpoint_keys(schema)}]}
    path_style = next((flag for flag in PATH_STYLE if flag in attrs), None)  # 4.x+ / 3.x spelling
    for flag in (*SKIP_FLAGS, path_style):
        if flag in attrs:
            settings[flag] = _typed(attrs[flag], True)
    return settings


def write_sandbox_override(directory: Path, schema: Mapping[str, Any], endpoint_url: str, region: str) -> Path:
    """Write the override file into a run's copy of the stack; returns its path."""
    path = directory / OVERRIDE_FILE
    body = {"provider": {"aws": [sandbox_provider(schema, endpoint_url, region)]}}
    path.write_text(json.dumps(body, indent=2, sort_keys=True))
    return path
