"""Two Terraform versions on the one offline mirror: each with its own CLI config and plugin cache.

Terraform >= 1.4 reinstalls a provider into a shared plugin cache when a fresh run folder has no lock
file, rewriting the binary the pinned 1.0.3 is executing ("text file busy"). These tests run the pinned
terraform and a second version (the terraform on PATH, e.g. /usr/local/bin/terraform 1.11.4) at once.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from mirror_terraform import MAIN_TF, terraform

from harness.toolchain import Toolchain, offline_toolchain
from harness.toolchain.model import terraform_version

pytestmark = pytest.mark.plan
ROOT = Path(__file__).resolve().parents[2]
ROUNDS = 3


@pytest.fixture(scope="module")
def second(offline: Toolchain) -> Toolchain:
    """The terraform on PATH with the offline mirror, if it is another version than the pinned one."""
    found = shutil.which("terraform")
    if found is None or terraform_version(Path(found)) == offline.version:
        pytest.skip(f"needs a second terraform version on PATH (have {found or 'none'} besides the pinned "
                    f"{offline.version})")
    return offline_toolchain(terraform=found)


def cache_files(tool: Toolchain) -> dict[Path, tuple[int, int, int]]:
    """Every file in the toolchain's plugin cache: inode, size, mtime (a rewrite changes the mtime)."""
    assert tool.plugin_cache is not None
    return {p: (p.stat().st_ino, p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(tool.plugin_cache.rglob("*")) if p.is_file()}


def init_and_validate(tool: Toolchain, folder: Path) -> str:
    folder.mkdir(parents=True)
    (folder / "main.tf").write_text(MAIN_TF)
    return terraform(tool, folder, "init", "-input=false") + terraform(tool, folder, "validate")


def test_each_version_has_its_own_config_and_cache(offline: Toolchain, second: Toolchain) -> None:
    assert second.plugin_cache is not None and offline.plugin_cache is not None
    assert second.cli_config != offline.cli_config and second.plugin_cache != offline.plugin_cache
    assert second.plugin_cache.parent.name == f"terraform-{second.version}"
    rc = second.cli_config.read_text() if second.cli_config else ""
    assert f'plugin_cache_dir = "{second.plugin_cache}"' in rc
    assert "plugin_cache_may_break_dependency_lock_file = true" in rc  # link, never reinstall into the cache


def test_two_versions_initialize_concurrently_from_the_mirror(offline: Toolchain, second: Toolchain,
                                                              tmp_path: Path) -> None:
    before = {tool.version: cache_files(tool) for tool in (offline, second)}
    jobs = [(tool, tmp_path / f"{tool.version}-{i}") for i in range(ROUNDS) for tool in (offline, second)]
    with ThreadPoolExecutor(max_workers=2) as pool:  # both versions at once, each running its provider
        outputs = list(pool.map(lambda job: init_and_validate(*job), jobs))
    assert all("configuration is valid" in out for out in outputs)
    assert all("from the shared cache" in out for out in outputs), "every init links its own version's cache"
    assert {tool.version: cache_files(tool) for tool in (offline, second)} == before, "no cache was rewritten"


def test_inherited_cache_settings_never_reach_another_version(offline: Toolchain, second: Toolchain) -> None:
    inherited = {"TF_PLUGIN_CACHE_DIR": str(offline.plugin_cache), "TF_CLI_CONFIG_FILE": str(offline.cli_config)}
    env = second.env(inherited)
    assert (env["TF_PLUGIN_CACHE_DIR"], env["TF_CLI_CONFIG_FILE"]) == (str(second.plugin_cache),
                                                                        str(second.cli_config))


def test_print_env_binds_the_settings_to_one_version(offline: Toolchain, second: Toolchain) -> None:
    for tool, extra in ((offline, ""), (second, f" --terraform {second.terraform}")):
        script = (f'eval "$({sys.executable} -m harness toolchain --print-env{extra})" && terraform version '
                  '&& echo "cache=${TF_PLUGIN_CACHE_DIR:-unset}"')
        run = subprocess.run(["bash", "-c", script], cwd=ROOT, capture_output=True, text=True,
                             env={"PATH": "/usr/bin:/bin:/usr/local/bin", "HOME": str(Path.home())})
        assert run.returncode == 0, run.stderr
        assert run.stdout.startswith(f"Terraform v{tool.version}")
        assert "cache=unset" in run.stdout, "the shell itself carries no plugin cache another terraform could use"
