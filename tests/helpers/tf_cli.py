"""Run the offline toolchain's terraform in a folder (tests of modules and examples)."""
from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any


def terraform(toolchain: Any, workdir: Path, *args: str) -> subprocess.CompletedProcess:
    """`terraform <args> -no-color` in `workdir` with the toolchain's environment (mirror, plugin cache)."""
    return subprocess.run([str(toolchain.terraform), *args, "-no-color"], cwd=workdir, env=toolchain.env(),
                          capture_output=True, text=True, timeout=300)
