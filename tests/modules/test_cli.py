"""`python -m generator modules`: target and folder selection, exit codes, atomic replacement."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.cli import BAD_INPUT, main
from generator.modules import render
from generator.targets import MODERN_PROVIDER_VERSION, OFFLINE_PROVIDER_VERSION

pytestmark = pytest.mark.static


@pytest.fixture
def reuse_synthesis(module_documents, monkeypatch):
    """The CLI renders the session's synthesis instead of synthesizing again; records the targets asked."""
    asked = []

    def synthesize(targets, names=None):
        asked.extend(t.version for t in targets)
        return {t.version: module_documents[t.version] for t in targets}

    monkeypatch.setattr(render, "synthesize_modules", synthesize)
    return asked


@pytest.mark.parametrize("argv, message", [
    (["modules", "--target", "3.x"], "MAJOR.MINOR.PATCH"),
    (["modules", "--target", "3.x", "--out", "modules"], "MAJOR.MINOR.PATCH"),
    (["modules", "--target", OFFLINE_PROVIDER_VERSION], "--out: required with --target"),
    (["modules", "--out", "modules", "--terraform", "/nonexistent/terraform"], "--terraform"),
])
def test_bad_selection_exits_2_and_writes_nothing(argv, message, capsys, reuse_synthesis, tmp_path, monkeypatch):
    """Run in a folder holding an earlier rendering (modules/ is also the default --out): nothing changes on disk."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "modules" / "old").mkdir(parents=True)
    (tmp_path / "modules" / "old" / "main.tf").write_text("# before\n")
    assert main(argv) == BAD_INPUT
    assert message in capsys.readouterr().err
    assert reuse_synthesis == []
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == [
        "modules", "modules/old", "modules/old/main.tf"]
    assert (tmp_path / "modules" / "old" / "main.tf").read_text() == "# before\n"


def test_renders_a_target_into_the_chosen_folder(tmp_path, offline, reuse_synthesis, capsys):
    out = tmp_path / "aws3" / "modules"
    assert main(["modules", "--target", OFFLINE_PROVIDER_VERSION, "--out", str(out),
                 "--terraform", str(offline.terraform)]) == 0
    assert reuse_synthesis == [OFFLINE_PROVIDER_VERSION]
    assert f'version = ">= {OFFLINE_PROVIDER_VERSION}, < 4.0.0"' in (out / "network" / "versions.tf").read_text()
    assert f"for hashicorp/aws {OFFLINE_PROVIDER_VERSION}" in capsys.readouterr().out


def test_default_target_is_the_modern_one(tmp_path, offline, reuse_synthesis):
    assert main(["modules", "--out", str(tmp_path / "m"), "--terraform", str(offline.terraform)]) == 0
    assert reuse_synthesis == [MODERN_PROVIDER_VERSION]


def test_a_failed_render_leaves_the_folder_as_it_was(tmp_path, module_documents):
    out = tmp_path / "modules"
    (out / "old").mkdir(parents=True)
    (out / "old" / "main.tf").write_text("# before\n")
    with pytest.raises(OSError):
        render.write_modules(module_documents[MODERN_PROVIDER_VERSION], out, Path("/nonexistent/terraform"))
    assert [p.name for p in tmp_path.iterdir()] == ["modules"]  # no staging folder left
    assert (out / "old" / "main.tf").read_text() == "# before\n"


def test_a_render_failing_half_way_leaves_the_folder_as_it_was(tmp_path, module_documents):
    """`terraform fmt` lays out the first modules' files, then fails: what was rendered so far never reaches the
    folder. (The stand-in leaves the files as they are: already in layout.)"""
    calls = tmp_path / "calls"
    terraform = tmp_path / "terraform"
    terraform.write_text(f"#!/bin/sh\necho x >> {calls}\n"
                         f"[ $(wc -l < {calls}) -le 5 ] && exit 0\necho 'fmt: failed' >&2\nexit 1\n")
    terraform.chmod(0o755)
    out = tmp_path / "modules"
    (out / "network").mkdir(parents=True)
    (out / "network" / "main.tf").write_text("# before\n")
    with pytest.raises(subprocess.CalledProcessError):
        render.write_modules(module_documents[MODERN_PROVIDER_VERSION], out, terraform)
    assert len(calls.read_text().splitlines()) > 5  # it did fail half-way, after five modules were laid out
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*")) == ["network", "network/main.tf"]
    assert (out / "network" / "main.tf").read_text() == "# before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["calls", "modules", "terraform"]


def test_a_render_replaces_the_whole_folder(tmp_path, module_documents, offline):
    out = tmp_path / "modules"
    (out / "removed-module").mkdir(parents=True)
    render.write_modules(module_documents[MODERN_PROVIDER_VERSION], out, offline.terraform)
    assert not (out / "removed-module").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["modules"]
    assert (out / "README.md").exists() and (out / "ecs-service" / "main.tf").exists()
