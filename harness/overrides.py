"""Point every AWS provider configuration of a run at a sandbox without touching the code: override files.

Terraform merges `*_override.tf.json` into the module beside it, block by block: a provider
block in an override file with the same name and alias changes only the arguments it sets
(https://developer.hashicorp.com/terraform/language/files/override). So each `provider "aws"`
block of the root and of every module (default and aliases) gets an override with the sandbox's
endpoints and credentials and keeps its own region and everything else. A root that has no
default `provider "aws"` block gets one (the region then comes from AWS_REGION, the run's region).

Endpoint keys come from the provider's own schema (`terraform providers schema -json`, read once
per provider version and process), so every service the provider version knows goes to the
sandbox, and value types (bool in 3.x, string in 5.x for some skip flags) follow the schema too.
A root with a backend gets a local one instead: a sandbox run never reads or writes remote state.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from harness.source import read_module

OVERRIDE_FILE = "sandbox_override.tf.json"
DEFAULT_PROVIDER_FILE = "sandbox_provider.tf.json"
BACKEND_OVERRIDE_FILE = "sandbox_backend_override.tf.json"
AWS_SCHEMA_KEY = "registry.terraform.io/hashicorp/aws"
LOCK_VERSION = re.compile(r'provider "registry\.terraform\.io/hashicorp/aws" \{\s*version\s*=\s*"([^"]+)"')

#: settings that keep the provider from calling real AWS (instance metadata, region lists, EC2 platforms).
#: The account id is still requested (the sandbox answers STS): without it, 3.x builds some ARNs
#: client-side with an empty account and then reads tags of a resource that does not exist.
SKIP_FLAGS = ("skip_credentials_validation", "skip_metadata_api_check", "skip_region_validation",
              "skip_get_ec2_platforms")
PATH_STYLE = ("s3_use_path_style", "s3_force_path_style")

#: provider schema blocks by (terraform binary, hashicorp/aws version): the schema is several MB and the same
#: for every run of one provider version
_SCHEMAS: dict[tuple[str, str], dict] = {}


def provider_block_schema(schema: Mapping[str, Any]) -> dict:
    """The `block` of the AWS provider's own configuration schema."""
    return schema["provider_schemas"][AWS_SCHEMA_KEY]["provider"]["block"]


def cached_provider_schema(terraform: Path, directory: Path, read: Callable[[], Mapping[str, Any]]) -> dict | None:
    """The AWS provider's configuration schema for the version locked in `directory`; None without hashicorp/aws."""
    lock = directory / ".terraform.lock.hcl"
    match = LOCK_VERSION.search(lock.read_text()) if lock.exists() else None
    if match is None:
        return None
    key = (str(terraform), match.group(1))
    if key not in _SCHEMAS:
        _SCHEMAS[key] = provider_block_schema(read())
    return _SCHEMAS[key]


def endpoint_keys(block: Mapping[str, Any]) -> list[str]:
    """Every service key of the provider's `endpoints` block."""
    return sorted(block["block_types"]["endpoints"]["block"]["attributes"])


def _typed(attr: Mapping[str, Any], value: bool) -> bool | str:
    return value if attr.get("type") == "bool" else str(value).lower()


def sandbox_settings(block: Mapping[str, Any], endpoint_url: str, access_key: str, secret_key: str) -> dict:
    """Provider arguments that send every call to `endpoint_url` with the sandbox's credentials (no region)."""
    attrs = block["attributes"]
    settings: dict[str, Any] = {"access_key": access_key, "secret_key": secret_key,
                                "endpoints": [dict.fromkeys(endpoint_keys(block), endpoint_url)]}
    path_style = [flag for flag in PATH_STYLE if flag in attrs][:1]  # 4.x+ / 3.x spelling
    for flag in (*SKIP_FLAGS, *path_style):
        if flag in attrs:
            settings[flag] = _typed(attrs[flag], True)
    return settings


def write_provider_overrides(root: Path, module_dirs: list[Path], settings: Mapping[str, Any]) -> list[Path]:
    """Override every `provider "aws"` block of `root` and `module_dirs`; give the root a default one if it has none."""
    written = []
    for directory in dict.fromkeys([root, *module_dirs]):
        aliases = read_module(directory).aws_providers
        if aliases:
            blocks = [{**settings, **({"alias": alias} if alias else {})} for alias in aliases]
            written.append(_write(directory / OVERRIDE_FILE, {"provider": {"aws": blocks}}))
        if directory == root and None not in aliases:
            written.append(_write(directory / DEFAULT_PROVIDER_FILE, {"provider": {"aws": [dict(settings)]}}))
    return written


def write_backend_override(root: Path) -> Path | None:
    """A local backend in place of the root's own (state stays in the run folder); None if it declares none."""
    if not read_module(root).has_backend:
        return None
    return _write(root / BACKEND_OVERRIDE_FILE, {"terraform": {"backend": {"local": {"path": "terraform.tfstate"}}}})


def installed_module_dirs(directory: Path) -> list[Path]:
    """Every module folder `terraform init` resolved (local and downloaded), from `.terraform/modules/modules.json`."""
    manifest = directory / ".terraform" / "modules" / "modules.json"
    if not manifest.exists():
        return []
    entries = json.loads(manifest.read_text()).get("Modules", [])
    return [(directory / entry["Dir"]).resolve() for entry in entries if entry.get("Key")]


def _write(path: Path, body: Mapping[str, Any]) -> Path:
    path.write_text(json.dumps(body, indent=2, sort_keys=True))
    return path
