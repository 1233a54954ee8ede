"""Run checkov (pinned) over synthesized stacks and HCL modules, honouring per-resource suppressions.

Framework: checkov's ``terraform`` (HCL) framework over the stack rendered as HCL by
generator.hcl.writer, not ``terraform_json`` over cdk.tf.json. terraform_json does not
crash on our cdk.tf.json (checkov 3.3.30), but it ignores every suppression (it builds
no skip context for resources nor graph checks) and runs fewer checks; the HCL
rendering is also what modules/ ships. Suppressions recorded with
generator.constructs.checks.suppress (checkov-skips.json) become
``# checkov:skip=ID:reason`` comments inside the resource block, which checkov honours
for exactly that resource.

checkov is never installed into the project's venv: its dependency bc-python-hcl2
replaces the ``hcl2`` module (python-hcl2 8.x) the HCL writer needs. ensure_checkov()
uses $CHECKOV or a checkov on PATH, else a private venv in the user cache.
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_cache_dir

CHECKOV_VERSION = "3.3.30"
CACHE_VENV = Path(user_cache_dir("ecs-fargate-tf")) / "checkov-venv"
# offline and quiet: no Prisma Cloud guideline download, no version check
CHECKOV_ARGS = ("--framework", "terraform", "--skip-download", "--compact", "-o", "json")


@dataclass(frozen=True)
class CheckResult:
    """One failed or skipped check."""

    check_id: str
    resource: str
    file: str
    name: str
    comment: str = ""

    def __str__(self) -> str:
        return f"{self.check_id} {self.resource} ({self.file}): {self.name}"


@dataclass
class CheckovReport:
    """What one checkov run found."""

    passed: int = 0
    failed: list[CheckResult] = field(default_factory=list)
    skipped: list[CheckResult] = field(default_factory=list)
    parsing_errors: list[str] = field(default_factory=list)
    resource_count: int = 0


def ensure_checkov(venv: Path = CACHE_VENV) -> Path:
    """The checkov executable: $CHECKOV, else on PATH, else the cache venv (created once, pinned)."""
    found = os.environ.get("CHECKOV") or shutil.which("checkov")
    if found:
        return Path(found)
    executable, complete = venv / "bin" / "checkov", venv / ".complete"
    if complete.exists():
        return executable
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(venv.parent / "checkov-venv.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process may be creating it
        if not complete.exists():
            shutil.rmtree(venv, ignore_errors=True)  # a half-built one from an interrupted run
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            pip = executable.with_name("pip")
            install = subprocess.run([str(pip), "install", "--disable-pip-version-check",
                                      f"checkov=={CHECKOV_VERSION}"], capture_output=True, text=True)
            if install.returncode:
                raise RuntimeError(f"installing checkov=={CHECKOV_VERSION} failed: {install.stderr[-2000:]}")
            complete.write_text(CHECKOV_VERSION)
    return executable


def skip_comments(suppressions: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """checkov-skips.json ({address: ['ID:reason']}) -> HCL comment lines checkov honours."""
    return {address: [f"checkov:skip={entry}" for entry in entries] for address, entries in suppressions.items()}


def render_stack(doc: dict, blocks: Mapping[str, list[str]], suppressions: Mapping[str, list[str]],
                 out_dir: Path) -> Path:
    """Write a synthesized stack as HCL with its suppressions as skip comments; returns out_dir."""
    from generator.hcl.writer import render_hcl

    out_dir.mkdir(parents=True, exist_ok=True)
    for name, text in render_hcl(doc, blocks, comments=skip_comments(suppressions)).items():
        (out_dir / name).write_text(text, encoding="utf-8")
    return out_dir


def _results(records: list[dict], kind: str) -> list[CheckResult]:
    return [CheckResult(r["check_id"], r["resource"], r.get("file_path", ""), r.get("check_name", ""),
                        (r.get("check_result") or {}).get("suppress_comment", "") if kind == "skipped" else "")
            for r in records]


def parse_report(output: str) -> CheckovReport:
    """checkov's JSON output (one report, a list of reports, or an empty-scan summary)."""
    data = json.loads(output) if output.strip() else {}
    report = CheckovReport()
    for part in data if isinstance(data, list) else [data]:
        results, summary = part.get("results") or {}, part.get("summary") or {}
        report.passed += summary.get("passed", 0)
        report.resource_count += summary.get("resource_count", 0)
        report.failed += _results(results.get("failed_checks", []), "failed")
        report.skipped += _results(results.get("skipped_checks", []), "skipped")
        report.parsing_errors += results.get("parsing_errors", [])
    return report


def run_checkov(directory: Path, executable: Path | None = None, extra: tuple[str, ...] = ()) -> CheckovReport:
    """Scan every Terraform module under `directory`."""
    executable = executable or ensure_checkov()
    result = subprocess.run([str(executable), "-d", str(directory), *CHECKOV_ARGS, *extra],
                            capture_output=True, text=True, env={**os.environ, "LOG_LEVEL": "WARNING"})
    if result.returncode not in (0, 1):
        raise RuntimeError(f"checkov failed ({result.returncode}): {result.stderr[-2000:]}")
    return parse_report(result.stdout)
