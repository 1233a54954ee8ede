"""A run's folder: private, a copy of the root with every local module it reaches, removed unless needed.

Layout of a run folder (0700; Terraform runs with umask 077, so its state, plan and lock
files are 0600):

    <run folder>/terraform.log        every command and its output
    <run folder>/inputs.tfvars.json   variables given to the run and generated values (0600)
    <run folder>/tree/<path>          the root folder and each local module folder, at the same
                                      relative places under their common ancestor, so that
                                      `source = "../../modules/x"` resolves as in the original

Only the root and the module folders are copied (recursively, without hidden folders such as
`.terraform` or `.git`, and without state files); a file a module reads from outside its own
folder is not there.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
TERRAFORM_UMASK = 0o077
STATE_FILES = ("*.tfstate", "*.tfstate.backup", ".terraform.tfstate.lock.info")


def create_run_folder(workdir: Path | None, prefix: str = "tfrun-") -> Path:
    """`workdir` (which must not exist yet, or be empty) or a fresh temporary folder, mode 0700."""
    if workdir is None:
        return Path(tempfile.mkdtemp(prefix=prefix))  # mkdtemp creates it 0700
    workdir = Path(workdir)
    workdir.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if any(workdir.iterdir()):
        raise FileExistsError(f"run folder {workdir} is not empty")
    workdir.chmod(PRIVATE_DIR)
    return workdir


def _ignore(folder: str, names: list[str]) -> set[str]:
    skipped = {n for n in names if n.startswith(".") and (Path(folder) / n).is_dir()}
    for pattern in STATE_FILES:
        skipped.update(str(p.name) for p in Path(folder).glob(pattern))
    return skipped


def copy_tree(root: Path, modules: Iterable[Path], into: Path) -> Path:
    """Copy `root` and the module folders under their common ancestor into `into`; returns the root's copy."""
    root = Path(root).resolve()
    folders = {root, *(Path(m).resolve() for m in modules)}
    anchor = Path(os.path.commonpath(folders))
    outermost = [f for f in folders if not any(f != other and f.is_relative_to(other) for other in folders)]
    for folder in sorted(outermost):
        shutil.copytree(folder, into / folder.relative_to(anchor), ignore=_ignore, dirs_exist_ok=True)
    return into / root.relative_to(anchor)


def write_private(path: Path, text: str) -> Path:
    """Write `text` to a new file readable by its owner only (0600 from the start, never wider)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)
    return path


def remove_folder(folder: Path) -> None:
    """Delete a run folder and everything in it."""
    shutil.rmtree(folder, ignore_errors=True)
