"""Static suite fixtures: stack documents (one synth per session), HCL modules, checkov reports.

The terminal summary lists the suppressions in force and the IAM wildcard-resource allow-list.
"""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = ROOT / "modules"
SUPPRESSIONS = pytest.StashKey[dict]()


def module_dirs() -> list[Path]:
    """Every folder under modules/ holding *.tf files."""
    return sorted({path.parent for path in MODULES.rglob("*.tf") if ".terraform" not in path.parts})


@pytest.fixture(scope="session")
def stacks(synthesized, pytestconfig) -> dict:
    """env name -> SynthesizedStack; records each stack's suppressions for the summary."""
    for name, stack in synthesized.items():
        pytestconfig.stash.setdefault(SUPPRESSIONS, {})[name] = stack.suppressions()
    return synthesized


@pytest.fixture(scope="session")
def modules() -> dict[str, dict]:
    """modules/<name> -> normalised HCL document (skips while modules/ has none)."""
    from generator.hcl.reader import normalize_hcl, read_module

    found = module_dirs()
    if not found:
        pytest.skip("modules/ holds no HCL modules yet")
    return {str(path.relative_to(MODULES)): normalize_hcl(read_module(path)) for path in found}


@pytest.fixture(scope="session")
def checkov():
    """The checkov executable (PATH, $CHECKOV or the pinned cache venv)."""
    from generator.checks.checkov import ensure_checkov

    return ensure_checkov()


@pytest.fixture(scope="session")
def rendered_stacks(stacks, tmp_path_factory) -> tuple[Path, Path]:
    """Every stack as HCL twice: with its suppressions as skip comments, and bare."""
    from generator.checks.checkov import render_stack

    root = tmp_path_factory.mktemp("checkov")
    for name, stack in stacks.items():
        render_stack(stack.document(), stack.blocks(), stack.suppressions(), root / "suppressed" / name)
        render_stack(stack.document(), stack.blocks(), {}, root / "bare" / name)
    return root / "suppressed", root / "bare"


@pytest.fixture(scope="session")
def checkov_reports(rendered_stacks, checkov):
    """checkov over the stacks with and without suppressions, both runs at once."""
    from concurrent.futures import ThreadPoolExecutor

    from generator.checks.checkov import run_checkov

    with ThreadPoolExecutor(2) as pool:
        return tuple(pool.map(lambda directory: run_checkov(directory, checkov), rendered_stacks))


@pytest.fixture(scope="session")
def checkov_stacks(checkov_reports):
    """checkov over the stacks, suppressions honoured."""
    return checkov_reports[0]


@pytest.fixture(scope="session")
def checkov_stacks_bare(checkov_reports):
    """checkov over the stacks without suppressions (to find stale ones)."""
    return checkov_reports[1]


@pytest.fixture(scope="session")
def checkov_modules(modules, checkov):
    """checkov over modules/ as shipped (skips while there are none)."""
    from generator.checks.checkov import run_checkov

    return run_checkov(MODULES, checkov)


@pytest.fixture(scope="session")
def checkov_modules_bare(modules, checkov, tmp_path_factory):
    """checkov over a copy of modules/ with every `# checkov:skip=` comment removed (to find stale ones)."""
    import re
    import shutil

    from generator.checks.checkov import run_checkov

    bare = tmp_path_factory.mktemp("modules-bare") / "modules"
    shutil.copytree(MODULES, bare, ignore=shutil.ignore_patterns(".terraform*"))
    for path in bare.rglob("*.tf"):
        path.write_text(re.sub(r"^[ \t]*# checkov:skip=.*\n", "", path.read_text(), flags=re.M))
    return run_checkov(bare, checkov)


def pytest_terminal_summary(terminalreporter, config) -> None:
    """Print the suppressions and the IAM allow-list when the static stack tests ran."""
    found = config.stash.get(SUPPRESSIONS, None)
    if not found:
        return
    from generator.checks.rules import WILDCARD_RESOURCE_ACTIONS

    write = terminalreporter.write_line
    terminalreporter.section("checkov suppressions (suppress() in the constructs)")
    rows: dict[tuple[str, str], dict[str, list[str]]] = {}
    for env, by_address in sorted(found.items()):
        for address, entries in by_address.items():
            for entry in entries:
                check_id, reason = entry.split(":", 1)
                rows.setdefault((check_id, reason), {}).setdefault(address, []).append(env)
    for (check_id, reason), addresses in sorted(rows.items()):
        where = "; ".join(f"{a} [{', '.join(envs)}]" for a, envs in sorted(addresses.items()))
        write(f"{check_id:<12} {reason}")
        write(f"{'':<12}   on {where}")
    terminalreporter.section("IAM actions allowed on Resource '*'")
    for prefix, reason in WILDCARD_RESOURCE_ACTIONS.items():
        write(f"{prefix:<32} {reason}")
