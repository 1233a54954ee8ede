"""A CLI config and plugin cache of its own for every other terraform that installs from the offline mirror.

A plugin cache is not safe to share between Terraform versions: Terraform >= 1.4 reinstalls a provider into
the cache when the run folder's lock file has no checksum for it yet (every fresh run), rewriting the
binary in place while runs of the pinned 1.0.3 execute it ("text file busy", then a stamp mismatch). So
each terraform binary version gets `<toolchain>/by-version/<name>-<version>/`:

  terraform.rc    the one mirror, this folder's plugin cache, used without rewriting it
  plugin-cache/   the provider unpacked from the mirror's zip (so init links instead of unzipping 170 MB)
  stamp.json      size and mtime of the above, written last

Built once per version, atomically under a lock like the toolchain itself, then reused.
"""
from __future__ import annotations

import json
import shutil
from functools import cache
from pathlib import Path

from generator import leftovers, staging_dir, swap_in
from harness.toolchain.cache import (
    CLI_CONFIG,
    PLUGIN_CACHE,
    PROVIDER_IN_CACHE,
    PROVIDER_IN_MIRROR,
    STAMP,
    cli_config_text,
    locked,
    unpack_provider,
)

VERSIONS = Path("by-version")


def version_name(binary: Path, version: str) -> str:
    """`terraform-1.11.4`, `tofu-1.9.0`: the binary's name (tools differ) and its version."""
    return f"{binary.name}-{version}"


@cache
def ensure_version(root: Path, name: str) -> Path:
    """The intact folder of terraform `name` under the toolchain `root`; (re)built if needed. Once per process."""
    final = root / VERSIONS / name
    if not _intact(final):
        final.parent.mkdir(parents=True, exist_ok=True)
        with locked(final.parent / f".{name}.lock"):
            if not _intact(final):  # another process may have built it while we waited
                for leftover in leftovers(final):
                    shutil.rmtree(leftover, ignore_errors=True)
                with staging_dir(final) as staging:
                    unpack_provider(root / PROVIDER_IN_MIRROR, staging / PROVIDER_IN_CACHE)
                    (staging / CLI_CONFIG).write_text(cli_config_text(root, final / PLUGIN_CACHE))
                    (staging / STAMP).write_text(json.dumps(_stamped_files(staging), indent=1))
                    swap_in(staging, final)
    return final


def _stamped_files(folder: Path) -> dict[str, list[int]]:
    names = [CLI_CONFIG, *sorted(p.relative_to(folder) for p in (folder / PROVIDER_IN_CACHE).iterdir())]
    return {str(name): [(folder / name).stat().st_size, (folder / name).stat().st_mtime_ns] for name in names}


def _intact(folder: Path) -> bool:
    try:
        return json.loads((folder / STAMP).read_text()) == _stamped_files(folder)
    except (OSError, ValueError):
        return False
