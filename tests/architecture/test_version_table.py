"""One table decides provider-version features: no version literal or comparison outside generator/targets.py."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]
TABLE = ROOT / "generator" / "targets.py"
#: version literals that are not hashicorp/aws versions: pinned tools, with the constant that holds them
TOOL_PINS = {"CHECKOV_VERSION", "PARLIAMENT_VERSION"}
VERSION = re.compile(r"""["'](\d+\.\d+\.\d+)["']""")
COMPARISON = re.compile(r"\.major\b|parse_version\(|FEATURE_MIN_VERSION")


def findings(path: Path, root: Path) -> list[str]:
    out = []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        if any(line.lstrip().startswith(pin) for pin in TOOL_PINS):
            continue
        if VERSION.search(line) or COMPARISON.search(line):
            out.append(f"{path.relative_to(root)}:{number}: {line.strip()}")
    return out


def scan(root: Path = ROOT) -> list[str]:
    table = root / TABLE.relative_to(ROOT)
    return [f for path in sorted((root / "generator").rglob("*.py")) if path != table for f in findings(path, root)]


def test_no_provider_version_is_decided_outside_the_table():
    assert scan() == []


def test_the_scan_finds_a_literal_and_a_comparison(tmp_path):
    (tmp_path / "generator").mkdir()
    (tmp_path / "generator" / "targets.py").write_text('MODERN = "6.25.0"\n')
    (tmp_path / "generator" / "probe.py").write_text('if target.major >= 5:\n    minimum = "5.17.0"\n')
    assert scan(tmp_path) == ["generator/probe.py:1: if target.major >= 5:", 'generator/probe.py:2: minimum = "5.17.0"']
