"""Point a stack's S3 backend at the embedded sandbox: a partial backend configuration for `terraform init`.

The generated `backend "s3"` block stays as it is; init merges this file into it (`-backend-config=FILE`,
passed through TF_CLI_ARGS_init). The endpoint settings changed in Terraform 1.6.0: one `endpoints` block
replaced `endpoint`, `dynamodb_endpoint`, `sts_endpoint` and `iam_endpoint`, and `use_path_style` replaced
`force_path_style` (hashicorp/terraform#33724).
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from harness.toolchain import Toolchain

BACKEND_FILE = "sandbox.s3.tfbackend"
ENDPOINTS_BLOCK_SINCE = (1, 6, 0)
SKIPS = ("skip_credentials_validation", "skip_metadata_api_check", "skip_region_validation")


def backend_settings(terraform_version: str, endpoint_url: str) -> dict[str, object]:
    """The S3 backend settings that send state, lock and identity calls to `endpoint_url`."""
    version = tuple(int(part) for part in terraform_version.split("-")[0].split(".")[:3])
    settings: dict[str, object] = dict.fromkeys(SKIPS, True)
    if version >= ENDPOINTS_BLOCK_SINCE:
        settings.update(endpoints={"s3": endpoint_url, "dynamodb": endpoint_url, "sts": endpoint_url,
                                   "iam": endpoint_url}, use_path_style=True, skip_requesting_account_id=True)
    else:
        settings.update(endpoint=endpoint_url, dynamodb_endpoint=endpoint_url, sts_endpoint=endpoint_url,
                        iam_endpoint=endpoint_url, force_path_style=True)
    return settings


def write_backend_file(directory: Path, terraform_version: str, endpoint_url: str) -> Path:
    """`sandbox.s3.tfbackend` (HCL attributes) in a run's folder."""
    lines = []
    for key, value in backend_settings(terraform_version, endpoint_url).items():
        if isinstance(value, dict):
            inner = ", ".join(f"{k} = {json.dumps(v)}" for k, v in value.items())
            lines.append(f"{key} = {{ {inner} }}")
        else:
            lines.append(f"{key} = {json.dumps(value)}")
    path = directory / BACKEND_FILE
    path.write_text("\n".join(lines) + "\n")
    return path


@dataclass(frozen=True)
class WithSandboxBackend:
    """A toolchain whose `init` also reads the run folder's `sandbox.s3.tfbackend`."""

    toolchain: Toolchain

    @property
    def terraform(self) -> Path:
        return self.toolchain.terraform

    @property
    def version(self) -> str:
        return self.toolchain.version

    def env(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        return {**self.toolchain.env(base), "TF_CLI_ARGS_init": f"-backend-config={BACKEND_FILE}"}
