"""Run the offline toolchain's terraform in a folder (tests of modules and examples), and make such folders."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any


def terraform(toolchain: Any, workdir: Path, *args: str) -> subprocess.CompletedProcess:
    """`terraform <args> -no-color` in `workdir` with the toolchain's environment (mirror, plugin cache)."""
    return subprocess.run([str(toolchain.terraform), *args, "-no-color"], cwd=workdir, env=toolchain.env(),
                          capture_output=True, text=True, timeout=300)


def validation_report(toolchain: Any, workdir: Path) -> dict:
    """`terraform init -backend=false` (must succeed), then `terraform validate -json`'s report of `workdir`."""
    init = terraform(toolchain, workdir, "init", "-backend=false", "-input=false")
    assert init.returncode == 0, init.stdout + init.stderr
    return json.loads(terraform(toolchain, workdir, "validate", "-json").stdout)


def beside_modules(rendering: Path, root: Path, files: dict[str, str] | None = None, *,
                   example: Path | None = None) -> Path:
    """A root at examples/workshop next to a copy of `rendering` as `modules/` (as in the repository): a copy of
    `example`, or `files` (name -> text)."""
    shutil.copytree(rendering, root / "modules")
    workdir = root / "examples" / "workshop"
    if example is not None:
        shutil.copytree(example, workdir)
    else:
        workdir.mkdir(parents=True)
        for name, text in (files or {}).items():
            (workdir / name).write_text(text)
    return workdir
