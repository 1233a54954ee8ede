"""What `python -m harness deploy` does with its folder when it ends early: deleted when nothing may remain, kept
when the run folder was (resources may remain), kept for the logs after a failure (its message names them)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from harness.deploy import _dispose

pytestmark = pytest.mark.static


@pytest.mark.parametrize("note, kept, said", [
    ("", False, "run folder deleted: "),
    ("run folder deleted: /x/run", False, "run folder deleted: "),
    ("run folder deleted but for its log: /x/run/terraform.log", True,
     "folder kept for the failure's logs (terraform, sandbox): "),
    ("run folder kept: /x/run (destroy failed: resources may remain)", True, "run folder kept: "),
])
def test_deploy_folder_after_an_early_end(tmp_path, note, kept, said) -> None:
    folder = tmp_path / "ecs-deploy-1"
    (folder / "run").mkdir(parents=True)
    deployments = [SimpleNamespace(folder_note=note)] if note else []
    line = _dispose(deployments, folder)  # type: ignore[arg-type]  # only folder_note is read
    assert line.startswith(said) and str(folder) in line
    assert folder.exists() is kept
    if note.startswith("run folder kept"):
        assert line.endswith("(destroy failed: resources may remain)")
