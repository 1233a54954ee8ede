"""Benchmark: full lifecycle of the workshop environment on the embedded sandbox, each phase timed,
and the harness's overhead against the same raw terraform commands on an identical directory.

    .venv/bin/python benchmarks/sandbox.py

Each lane gets a fresh sandbox on the same port (the override file stays valid), with the same toolchain
and provider override; the raw lane is plain `terraform init/plan/apply/plan/destroy`
subprocesses. Target (issue #5): harness overhead <= 10 %.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator import load_env, sandbox_overrides
from harness.run import TerraformRun
from harness.sandbox import EmbeddedSandbox
from harness.toolchain import offline_toolchain


def timed(label: str, results: dict[str, float], func):
    started = time.perf_counter()
    value = func()
    results[label] = time.perf_counter() - started
    return value


def harness_lane(stack: Path, work: Path, box: EmbeddedSandbox) -> dict[str, float]:
    tool, t = offline_toolchain(), {}
    baseline = timed("snapshot", t, box.snapshot)
    run = TerraformRun(stack, work, tool, sandbox=box, endpoint_url=box.endpoint_url)
    timed("init", t, run.init)
    timed("plan", t, run.plan)
    timed("apply", t, run.apply)
    timed("second plan", t, run.assert_idempotent)
    timed("destroy", t, run.destroy)
    leaks = timed("leak check", t, lambda: box.leaks_since(baseline))
    assert leaks == [], leaks
    return t


def raw_lane(template: Path, work: Path, box: EmbeddedSandbox) -> dict[str, float]:
    """The same terraform commands, run bare in a copy that already has the override file."""
    tool, t = offline_toolchain(), {}
    shutil.copytree(template, work, ignore=shutil.ignore_patterns(".terraform", "*.tfstate*", "tfplan", "*.log"))
    env = tool.env()
    env.update(box.env())
    env.update({k: v for k, v in (("TF_VAR_catalog_db_password", "benchmark-password-123"),)})

    def tf(*args: str):
        return lambda: subprocess.run([str(tool.terraform), *args], cwd=work, env=env, check=True,
                                      stdout=subprocess.DEVNULL)
    timed("init", t, tf("init", "-input=false"))
    timed("plan", t, tf("plan", "-input=false", "-out=tfplan"))
    timed("apply", t, tf("apply", "-input=false", "-auto-approve", "tfplan"))
    timed("second plan", t, tf("plan", "-input=false", "-detailed-exitcode"))
    timed("destroy", t, tf("destroy", "-input=false", "-auto-approve"))
    return t


def main() -> int:
    from generator.synth import synthesize

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        [stack] = synthesize({"workshop": load_env("workshop", overrides=sandbox_overrides())}, root / "out")
        with EmbeddedSandbox(log_dir=root) as box:
            harness = harness_lane(stack.directory, root / "harness", box)
        with EmbeddedSandbox(log_dir=root, port=box.port) as box:  # a fresh sandbox, same endpoint
            raw = raw_lane(root / "harness", root / "raw", box)
    print(f"{'phase':14s} {'harness s':>10s} {'raw s':>8s}")
    for phase in harness:
        print(f"{phase:14s} {harness[phase]:10.1f} {raw.get(phase, 0.0):8.1f}")
    same = [p for p in raw]
    h, r = sum(harness[p] for p in same), sum(raw.values())
    total = sum(harness.values())
    print(f"terraform phases: harness {h:.1f} s vs raw {r:.1f} s -> overhead {100 * (h - r) / r:+.1f} % (target <= 10 %)")
    print(f"with snapshot + leak check: {total:.1f} s ({100 * (total - r) / r:+.1f} % over raw)")
    return 0 if (h - r) / r <= 0.10 else 1


if __name__ == "__main__":
    sys.exit(main())
