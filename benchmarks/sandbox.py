"""Benchmark: the full lifecycle of the workshop environment on the embedded sandbox, phase by phase, with the
critical path of apply and destroy from terraform's own per-resource timings.

    .venv/bin/python benchmarks/sandbox.py          # lifecycle, critical paths, target (issue 13)
    .venv/bin/python benchmarks/sandbox.py --raw    # also: the same terraform commands run bare (issue 5)

The critical path of each phase is the chain of resources that decided its wall time (benchmarks/timeline.py),
each link with the wait the provider (hashicorp/aws 3.39.0) makes whatever the emulator answers: a fixed delay
before its first poll. What is left over (`other`) is terraform, the provider's calls and the emulator.
Targets: lifecycle (init, plan, apply, second plan, destroy, leak check with its baseline) <= 76 s (issue 13);
with --raw, harness overhead over raw terraform <= 10 % (issue 5). Exit 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timeline import Span, Timeline, dependencies

from generator import load_env, sandbox_overrides, synthesize
from harness import EmbeddedSandbox, TerraformRun, offline_toolchain
from harness.leaks import LOOKUP_THREADS, _finding, check_state

LIFECYCLE_TARGET_S = 76.0
OVERHEAD_TARGET = 0.10
_PROVIDER = "hashicorp/terraform-provider-aws v3.x"
#: waits inside the provider that no emulator answer can shorten: (type, phase) -> (seconds, where)
PROVIDER_WAITS: dict[tuple[str, str], tuple[float, str]] = {
    ("aws_lb", "apply"): (60.0, "LoadBalancerActive waits 30 s before its first poll, once after CreateLoadBalancer "
                                "and again at the end of the update the create runs (aws/internal/service/elbv2/"
                                "waiter/waiter.go, aws/resource_aws_lb.go)"),
    ("aws_vpc", "apply"): (10.0, "VpcAttributeUpdated after enabling DNS hostnames: Delay 10 s (aws/internal/service/"
                                 "ec2/waiter/waiter.go, aws/resource_aws_vpc.go)"),
    ("aws_db_instance", "apply"): (30.0, "create waiter: Delay 30 s (aws/resource_aws_db_instance.go)"),
    ("aws_ecs_cluster", "apply"): (10.0, "ClusterAvailable: clusterAvailableDelay 10 s (ECS waiters)"),
    ("aws_db_instance", "destroy"): (30.0, "waitUntilAwsDbInstanceIsDeleted: Delay 30 s "
                                           "(aws/resource_aws_db_instance.go)"),
    ("aws_nat_gateway", "destroy"): (10.0, "delete waiter: Delay 10 s (aws/resource_aws_nat_gateway.go)"),
    ("aws_internet_gateway", "destroy"): (10.0, "detach waiter: Delay 10 s (aws/resource_aws_internet_gateway.go)"),
    ("aws_iam_service_linked_role", "destroy"): (10.0, "deletion-status waiter: Delay 10 s "
                                                       "(aws/resource_aws_iam_service_linked_role.go)"),
}


def timed(label: str, results: dict[str, float], func: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    value = func()
    results[label] = time.perf_counter() - started
    return value


def lifecycle_lane(stack: Path, work: Path, box: EmbeddedSandbox) -> tuple[dict[str, float], dict[str, Timeline],
                                                                           dict[str, set[str]]]:
    """The harness's lifecycle, each phase timed, apply and destroy with per-resource timelines."""
    current: dict[str, Timeline] = {}
    timelines: dict[str, Timeline] = {}

    def echo(line: str) -> None:
        if "now" in current:
            current["now"].line(line)

    def traced(phase: str, func: Callable[[], Any]) -> Callable[[], Any]:
        def run() -> Any:
            current["now"] = timelines[phase] = Timeline()
            try:
                return func()
            finally:
                current.pop("now")
        return run

    tool, t = offline_toolchain(), {}
    baseline = timed("baseline", t, box.snapshot)
    run = TerraformRun(stack, work, tool, sandbox=box, generate=["catalog_db_password"], echo=echo)
    timed("init", t, run.init)
    timed("plan", t, run.plan)
    timed("apply", t, traced("apply", run.apply_plan))
    depends_on = dependencies(run.directory / "terraform.tfstate")
    timed("second plan", t, run.assert_idempotent)
    timed("destroy", t, traced("destroy", run.destroy))
    report = timed("leak check", t, lambda: run.check_leaks(baseline))
    assert report.clean, report.details()
    compare_lookups(run, box)
    return t, timelines, depends_on


def compare_lookups(run: TerraformRun, box: EmbeddedSandbox) -> None:
    """The leak check's state lookups on the destroyed workshop, as before issue 13 (a new boto3 client per
    resource, one at a time) and as now (`check_state`: shared clients, LOOKUP_THREADS at a time)."""
    managed = [r for r in run.created.values() if r.mode == "managed"]
    region = run.region or box.region
    started = time.perf_counter()
    before = [_finding(r, r.region(run.provider_regions, region), box.client) for r in managed]
    middle = time.perf_counter()
    now = check_state(managed, box.client, run.provider_regions, region)
    seconds_before, seconds_now = middle - started, time.perf_counter() - middle
    assert before == now, "the two ways of looking up disagree"
    print(f"leak-check lookups of {len(managed)} resources: client per lookup, serial {seconds_before:.1f} s; "
          f"shared clients, {LOOKUP_THREADS} threads {seconds_now:.1f} s ({seconds_now / seconds_before:.2f}x)",
          flush=True)


def raw_lane(template: Path, work: Path, box: EmbeddedSandbox) -> dict[str, float]:
    """The same terraform commands, run bare in a copy that already has the override file."""
    tool, t = offline_toolchain(), {}
    shutil.copytree(template / "tree", work, ignore=shutil.ignore_patterns(".terraform", "*.tfstate*", "tfplan"))
    env = tool.env()
    env.update(box.env())
    env["TF_VAR_catalog_db_password"] = "benchmark-password-123"

    def tf(*args: str) -> Callable[[], Any]:
        return lambda: subprocess.run([str(tool.terraform), *args], cwd=work, env=env, check=True,
                                      stdout=subprocess.DEVNULL)
    timed("init", t, tf("init", "-input=false"))
    timed("plan", t, tf("plan", "-input=false", "-out=tfplan"))
    timed("apply", t, tf("apply", "-input=false", "-auto-approve", "tfplan"))
    timed("second plan", t, tf("plan", "-input=false", "-detailed-exitcode"))
    timed("destroy", t, tf("destroy", "-input=false", "-auto-approve"))
    return t


def fixed_wait(span: Span, phase: str) -> float:
    return PROVIDER_WAITS.get((span.type, phase), (0.0, ""))[0]


def critical_path(phase: str, seconds: float, line: Timeline, depends_on: dict[str, set[str]]) -> float:
    """Print the phase's critical chain; returns the provider's fixed waits on it."""
    chain = line.critical_chain(depends_on, destroy=phase == "destroy")
    fixed = sum(fixed_wait(s, phase) for s in chain)
    print(f"\n{phase}: {seconds:.1f} s; {len(line.spans)} resource operations; critical path "
          f"(start s, seconds, provider's fixed wait s):")
    print(f"  {0.0:6.1f} {line.first_start:6.1f} {'':>6s}  (terraform start-up, providers, refresh)")
    for span in chain:
        wait = fixed_wait(span, phase)
        print(f"  {span.start:6.1f} {span.seconds:6.1f} {wait if wait else '':>6}  {span.address}")
    other = seconds - fixed
    print(f"  provider's fixed waits on the path {fixed:.0f} s; other {other:.1f} s (terraform, provider calls, "
          f"emulator, start-up)")
    return fixed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", action="store_true", help="also run the raw-terraform lane (harness overhead)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        [stack] = synthesize({"workshop": load_env("workshop", overrides=sandbox_overrides())}, root / "out")
        with EmbeddedSandbox(log_dir=root) as box:
            phases, timelines, depends_on = lifecycle_lane(stack.directory, root / "harness", box)
        raw: dict[str, float] = {}
        if args.raw:
            with EmbeddedSandbox(log_dir=root, port=box.port) as box:  # a fresh sandbox, same endpoint
                raw = raw_lane(root / "harness", root / "raw", box)

    total = sum(phases.values())
    print(f"{'phase':14s} {'harness s':>10s}" + (f" {'raw s':>8s}" if raw else ""))
    for phase, seconds in phases.items():
        print(f"{phase:14s} {seconds:10.1f}" + (f" {raw.get(phase, 0.0):8.1f}" if raw else ""))
    floor = sum(critical_path(p, phases[p], timelines[p], depends_on) for p in ("apply", "destroy"))
    print("\nprovider's fixed waits, by resource type (hashicorp/aws 3.39.0; paths in " + _PROVIDER + "):")
    for (rtype, phase), (seconds, where) in PROVIDER_WAITS.items():
        print(f"  {rtype} {phase}: {seconds:.0f} s, {where}")
    print("emulator-made waiting: none found; moto answers every state these waiters poll for in its final form on "
          "the first poll (tests/sandbox/test_moto_waits.py), so no patch applies and a with/without-patches ratio "
          "would be 1.00 by construction")
    ok = total <= LIFECYCLE_TARGET_S
    print(f"\nlifecycle {total:.1f} s (target <= {LIFECYCLE_TARGET_S:.0f} s: {'met' if ok else 'MISSED'}); of it, "
          f"provider's fixed waits on the apply and destroy critical paths {floor:.0f} s")
    if raw:
        same = list(raw)
        h, r = sum(phases[p] for p in same), sum(raw.values())
        overhead = (h - r) / r
        ok = ok and overhead <= OVERHEAD_TARGET
        print(f"terraform phases: harness {h:.1f} s vs raw {r:.1f} s -> overhead {100 * overhead:+.1f} % "
              f"(target <= {100 * OVERHEAD_TARGET:.0f} %)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
