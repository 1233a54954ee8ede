"""pytest fixtures for any Terraform root: `terraform_stack(...)`, and pytest-terraform's `@terraform` on the sandbox.

    from harness import terraform_stack

    network = terraform_stack("terraform/network", variables={"name": "t1"}, scope="module")

    def test_vpc(network):                       # network is a harness.Deployment, applied
        assert network.outputs["vpc_id"].startswith("vpc-")

The path is relative to the test file's folder (like pytest-terraform's). The fixture uses the
plugin's session `sandbox` and `toolchain` and honours `--keep`; teardown destroys, leak-checks and
removes the run folder (harness/lifecycle.py).
"""
from __future__ import annotations

import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest

from harness.lifecycle import Deployment, deployed


def terraform_stack(root: str | Path, *, scope: str = "function", variables: Mapping[str, Any] | None = None,
                    var_files: Sequence[str | Path] = (), generate: Sequence[str] = (), region: str | None = None,
                    timeouts: Mapping[str, float] | None = None, isolated: bool = False,
                    name: str | None = None) -> Any:
    """A pytest fixture that deploys `root` to the session's sandbox and yields the `Deployment`.

    Assign it to a module-level name (the fixture's name, unless `name` is given). `isolated=True`
    deploys into a fresh account of the sandbox, invisible to everything else in the session.
    """
    caller = sys._getframe(1).f_globals.get("__file__")
    path = Path(root) if Path(root).is_absolute() or caller is None else Path(caller).resolve().parent / root
    files = [Path(f) if Path(f).is_absolute() or caller is None else Path(caller).resolve().parent / f
             for f in var_files]

    @pytest.fixture(scope=scope, name=name)  # type: ignore[call-overload]
    def stack(request: pytest.FixtureRequest, sandbox: Any, toolchain: Any, keep: bool) -> Iterator[Deployment]:
        account = sandbox.new_account() if isolated else sandbox
        with deployed(path, account, toolchain, keep=keep, variables=variables, var_files=files,
                      generate=generate, region=region, timeouts=timeouts) as deployment:
            yield deployment

    return stack


def sandbox_terraform_fixture() -> type:
    """pytest-terraform's fixture class, running its roots through the harness on the session's sandbox.

    What works: `@terraform("dir", scope=..., name=..., teardown=...)`, the module folder lookup
    (next to the test, `terraform/`, the parent folder, `--tf-mod-dir`), the fixture value
    (`resources`, `outputs`, `get()` with jmespath, `terraform`), teardown on / off / ignore,
    `--tf-replay` (no Terraform at all) and the `pytest_terraform_modify_state` hook with the
    `tf_resources.json` recording it writes into the module folder. What changes: the root runs in
    the harness's private copy against the embedded sandbox (never in place, never against AWS),
    and teardown also runs the leak check. Not supported: pytest-xdist's cross-worker sharing of
    non-function-scoped fixtures (each worker deploys its own).
    """
    from pytest_terraform.options import teardown as teardown_option
    from pytest_terraform.tf import TerraformFixture

    class SandboxTerraformFixture(TerraformFixture):
        def __call__(self, request: Any, tmpdir_factory: Any, worker_id: Any) -> Any:
            if self.replay:
                return super().__call__(request, tmpdir_factory, worker_id)
            module_dir = Path(str(self.resolve_module_dir()))
            sandbox, toolchain = request.getfixturevalue("sandbox"), request.getfixturevalue("toolchain")
            keep = request.getfixturevalue("keep") or self.teardown_config == teardown_option.OFF
            context = deployed(module_dir, sandbox, toolchain, keep=keep)
            deployment = context.__enter__()
            request.addfinalizer(lambda: self._finish(context))
            api = deployment.run.state().as_pytest_terraform(runner=deployment.run)
            recorded = api.export()
            self.config.hook.pytest_terraform_modify_state(tfstate=recorded)
            api.update(recorded)
            api.save(str(module_dir / "tf_resources.json"))
            return api

        def _finish(self, context: Any) -> None:
            try:
                context.__exit__(None, None, None)
            except Exception:
                if self.teardown_config != teardown_option.IGNORE:
                    raise

    return SandboxTerraformFixture
