"""Every module README: a Usage block that validates against its module, Resources, Inputs and Outputs tables that
match the module's code, and links to the examples that call it."""
from __future__ import annotations

import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tf_cli import validation_report

from generator.hcl.reader import normalize_hcl, read_module
from generator.modules.usage import EXAMPLES
from generator.targets import OFFLINE_PROVIDER_VERSION

pytestmark = pytest.mark.static

ROOT = Path(__file__).resolve().parents[2]
USAGE = re.compile(r"^## Usage\n\n```hcl\n(.*?)^```\n", re.S | re.M)


def section(readme: str, title: str) -> str:
    """The text of `## title` up to the next `## ` heading."""
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", readme, re.S | re.M)
    assert found, f"no '## {title}' section"
    return found.group(1)


def first_column(table: str) -> set[str]:
    """The first cell of each body row of a Markdown table."""
    rows = [line for line in table.splitlines() if line.startswith("| ")][1:]
    return {row.split(" | ")[0].removeprefix("| ").strip() for row in rows}


def usage_of(readme: str) -> str:
    found = USAGE.search(readme)
    assert found, "no ```hcl block under '## Usage'"
    return found.group(1)


def modules_in(rendering: Path) -> list[Path]:
    return sorted(path for path in rendering.iterdir() if path.is_dir())


def test_tables_match_the_module_code(rendered):
    for version, rendering in rendered.items():
        for module in modules_in(rendering):
            readme = (module / "README.md").read_text()
            doc = normalize_hcl(read_module(module))
            resources = {f"{rtype}.{name}" for rtype, named in doc.get("resource", {}).items() for name in named}
            resources |= {f"data.{rtype}.{name}" for rtype, named in doc.get("data", {}).items() for name in named}
            cells = first_column(section(readme, "Resources"))
            listed = {re.sub(r"^\[([^\]]+)\]\(.*\)$", r"\1", cell) for cell in cells}
            where = f"{module.name} ({version})"
            assert listed == resources, where
            assert first_column(section(readme, "Inputs")) == set(doc.get("variable", {})), where
            assert first_column(section(readme, "Outputs")) == set(doc["output"]), where
            for name, body in doc.get("variable", {}).items():  # every validation rule is stated in its row
                row = next(line for line in section(readme, "Inputs").splitlines() if line.startswith(f"| {name} |"))
                for rule in body.get("validation", []):
                    assert rule["error_message"].replace("|", "\\|") in row, f"{where}: var.{name}"


def test_usage_blocks_parse_and_call_their_module(rendered, tmp_path):
    for version, rendering in rendered.items():
        for module in modules_in(rendering):
            folder = tmp_path / version / module.name
            folder.mkdir(parents=True)
            (folder / "main.tf").write_text(usage_of((module / "README.md").read_text()))
            calls = normalize_hcl(read_module(folder))["module"]  # python-hcl2: real HCL parsing
            assert [call["source"] for call in calls.values()] == [f"../../modules/{module.name}"], module.name


def test_readmes_link_the_examples_that_call_them(rendered):
    for folder, (_, calls) in EXAMPLES.items():
        sources = set(re.findall(r'source\s*=\s*"\.\./\.\./modules/([^"]+)"',
                                 "".join(p.read_text() for p in (ROOT / "examples" / folder).glob("*.tf"))))
        assert sources == calls, f"examples/{folder}: usage.EXAMPLES lists {sorted(calls)}, it calls {sorted(sources)}"
    for rendering in rendered.values():
        for module in modules_in(rendering):
            examples = section((module / "README.md").read_text(), "Examples")
            links = re.findall(r"\]\((\.\./\.\./examples/[^)]*)\)", examples)
            assert links, f"{module.name} links no example"
            called = any(module.name in calls for _, calls in EXAMPLES.values())
            assert called == any(link != "../../examples/" for link in links), module.name
            for link in links:
                assert (ROOT / "modules" / module.name / link).resolve().is_dir(), f"{module.name}: {link}"


#: README roots validated at once (each is a terraform subprocess; init mostly waits on the file system)
VALIDATE_THREADS = 3


def validate_usage(toolchain, module: Path, workdir: Path) -> list | None:
    """The README's block of `module` as its own root in `workdir`: terraform init + validate; its diagnostics when
    invalid (None when valid)."""
    workdir.mkdir(parents=True)
    (workdir / "main.tf").write_text(usage_of((module / "README.md").read_text()))
    report = validation_report(toolchain, workdir)
    return None if report["valid"] else report["diagnostics"]


@pytest.mark.plan
def test_usage_blocks_validate_on_the_offline_rendering(rendered, offline, tmp_path):
    """Each README's block as its own root beside the 3.39.0 rendering: terraform init + validate (1.0.3, aws 3.39.0;
    variable validations included)."""
    shutil.copytree(rendered[OFFLINE_PROVIDER_VERSION], tmp_path / "modules")
    modules = modules_in(tmp_path / "modules")
    with ThreadPoolExecutor(VALIDATE_THREADS) as pool:
        reports = dict(zip(modules, pool.map(
            lambda module: validate_usage(offline, module, tmp_path / "examples" / f"usage-{module.name}"), modules),
            strict=True))
    failures = {module.name: diagnostics for module, diagnostics in reports.items() if diagnostics is not None}
    assert not failures, json.dumps(failures, indent=1)
    print(f"{len(modules)} README usage blocks validated on hashicorp/aws {OFFLINE_PROVIDER_VERSION}")
