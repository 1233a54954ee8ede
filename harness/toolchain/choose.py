"""Which toolchain to use: the offline one (pinned, mirror) or terraform/tofu from the system."""
from __future__ import annotations

import os
import platform
import shutil
from pathlib import Path

from harness.toolchain.cache import BINARY, CLI_CONFIG, PLUGIN_CACHE, ensure, toolchain_dir
from harness.toolchain.model import Toolchain, ToolchainError, terraform_version
from harness.toolchain.pins import PROVIDER_VERSION, TERRAFORM_VERSION
from harness.toolchain.versions import ensure_version, version_name

TERRAFORM_ENV = "ECSGEN_TERRAFORM"


def offline_toolchain(terraform: str | Path | None = None) -> Toolchain:
    """Terraform 1.0.3 + hashicorp/aws 3.39.0 from the cached mirror (built on first use).

    `terraform` swaps in another binary (e.g. a newer terraform) that still installs aws from the mirror,
    with a CLI config and plugin cache of its own version (`versions`): two versions never share a cache.
    """
    if (platform.system(), platform.machine()) != ("Linux", "x86_64"):
        raise ToolchainError(f"the offline toolchain is linux/x86_64 only (this is {platform.system()}/"
                             f"{platform.machine()}); install terraform or set {TERRAFORM_ENV} instead")
    root = ensure(toolchain_dir())
    if terraform is None:
        return Toolchain(root / BINARY, TERRAFORM_VERSION, root / CLI_CONFIG, root / PLUGIN_CACHE)
    binary = _executable(str(terraform), "offline_toolchain(terraform=...)")
    version = terraform_version(binary)
    own = ensure_version(root, version_name(binary, version))
    return Toolchain(binary, version, own / CLI_CONFIG, own / PLUGIN_CACHE)


def system_toolchain() -> Toolchain | None:
    """`$ECSGEN_TERRAFORM`, else terraform or tofu on PATH, with the normal registry; None if there is none."""
    explicit = os.environ.get(TERRAFORM_ENV)
    if explicit:
        binary = _executable(explicit, f"${TERRAFORM_ENV}")
    else:
        found = shutil.which("terraform") or shutil.which("tofu")
        if found is None:
            return None
        binary = Path(found)
    return Toolchain(binary, terraform_version(binary), cli_config=None)


def toolchain_for(provider_version: str) -> Toolchain:
    """The offline toolchain for hashicorp/aws 3.39.0 exactly; the system one (and registry) otherwise."""
    if provider_version.strip() == PROVIDER_VERSION:
        return offline_toolchain()
    found = system_toolchain()
    if found is None:
        raise ToolchainError(f"hashicorp/aws {provider_version} needs terraform or tofu on PATH (or "
                             f"${TERRAFORM_ENV}) and registry access; only {PROVIDER_VERSION} is available offline")
    return found


def _executable(name: str, what: str) -> Path:
    found = shutil.which(name)
    if found is None:
        raise ToolchainError(f"{what}: {name!r} is not an executable file or a command on PATH")
    return Path(found)
