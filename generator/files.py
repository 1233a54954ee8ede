"""Writing folders all or nothing: build in a temporary sibling, then swap it in with renames."""
from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def leftovers(final: Path) -> list[Path]:
    """Staging and old folders of `final` that an interrupted process left behind."""
    return [*final.parent.glob(f".{final.name}.staging-*"), *final.parent.glob(f".{final.name}.old-*")]


@contextmanager
def staging_dir(final: Path) -> Iterator[Path]:
    """A fresh temporary folder beside `final` (same file system, so renames are atomic); always removed."""
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{final.name}.staging-", dir=final.parent))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def swap_in(built: Path, final: Path) -> Path:
    """Replace `final` (folder or file, if any) by `built` with two renames; the old one is deleted after."""
    old = final.with_name(f".{final.name}.old-{uuid.uuid4().hex[:8]}")
    if final.exists():
        final.rename(old)
    built.rename(final)
    if old.is_dir():
        shutil.rmtree(old, ignore_errors=True)
    elif old.exists():
        old.unlink()
    return final
