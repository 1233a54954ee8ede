"""The committed modules/ is exactly what `python -m generator modules` renders now."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.targets import MODERN_PROVIDER_VERSION

pytestmark = pytest.mark.static

ROOT = Path(__file__).resolve().parents[2]


def tree(root: Path) -> dict[str, bytes]:
    """Relative path -> content of every file under root."""
    return {str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_committed_modules_match_a_fresh_render(rendered):
    committed, fresh = tree(ROOT / "modules"), tree(rendered[MODERN_PROVIDER_VERSION])
    stale = sorted(name for name in committed.keys() & fresh.keys() if committed[name] != fresh[name])
    problems = ([f"changed: {name}" for name in stale]
                + [f"missing from modules/: {name}" for name in sorted(fresh.keys() - committed.keys())]
                + [f"not generated: {name}" for name in sorted(committed.keys() - fresh.keys())])
    assert not problems, ("modules/ drifted from the constructs; run `python -m generator modules`\n"
                          + "\n".join(problems))
