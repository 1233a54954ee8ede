"""An example of examples/ laid out beside the generated modules, as in the repository, for applying it."""
from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


def example(name: str, extra: dict[str, str] | None = None) -> Callable[[Path, Path], Path]:
    """examples/<name> beside modules rendered for hashicorp/aws 3.39.0 (given the terraform binary that formats
    them), plus `extra` files (name -> text) in the example's folder; the folder to apply."""
    def prepare(tree: Path, terraform: Path) -> Path:
        subprocess.run([sys.executable, "-m", "generator", "modules", "--target", "3.39.0", "--out",
                        str(tree / "modules"), "--terraform", str(terraform)], cwd=REPOSITORY, check=True,
                       capture_output=True, text=True)
        shutil.copytree(REPOSITORY / "examples" / name, tree / "examples" / name)
        for file, text in (extra or {}).items():
            (tree / "examples" / name / file).write_text(text)
        return tree / "examples" / name
    return prepare
