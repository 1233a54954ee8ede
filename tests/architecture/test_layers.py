"""Layers point one way: config -> constructs -> renderings -> harness (checked on the source, with ast)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]
BINDINGS = ("cdktf", "cdktf_cdktf_provider_aws", "constructs")


def imports(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in a Python file, relative imports resolved to absolute names."""
    tree = ast.parse(path.read_text(), str(path))
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.append((node.lineno, base))
    return found


def offenders(folder: str, bad, root: Path = ROOT) -> list[str]:
    return [f"{path.relative_to(root)}:{line} imports {name}"
            for path in sorted((root / folder).rglob("*.py")) for line, name in imports(path, root) if bad(path, name)]


def test_the_generator_never_imports_the_harness():
    assert offenders("generator", lambda _, name: name == "harness" or name.startswith("harness.")) == []


def test_the_harness_uses_only_the_generators_public_api():
    assert offenders("harness", lambda _, name: name.startswith("generator.")) == []


def test_only_generator_aws_imports_cdktf_and_the_bindings():
    facade = ROOT / "generator" / "aws.py"
    assert offenders("generator", lambda path, name: path != facade and name.split(".")[0] in BINDINGS) == []


def test_the_checks_catch_a_violation(tmp_path):
    (tmp_path / "generator" / "constructs").mkdir(parents=True)
    (tmp_path / "generator" / "constructs" / "probe.py").write_text(
        "from harness.run import TerraformRun\nimport cdktf\nfrom ..aws import Vpc\n")
    found = offenders("generator", lambda path, name: name.startswith("harness") or name in BINDINGS, tmp_path)
    assert found == ["generator/constructs/probe.py:1 imports harness.run",
                     "generator/constructs/probe.py:2 imports cdktf"]
    assert imports(tmp_path / "generator" / "constructs" / "probe.py", tmp_path)[2] == (3, "generator.aws")
