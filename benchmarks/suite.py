"""Benchmark: wall time of the test suite and of its static selection, each against its target (issue 13).

    .venv/bin/python benchmarks/suite.py                      # -m static, then the whole suite
    .venv/bin/python benchmarks/suite.py --only static        # just the static selection
    .venv/bin/python benchmarks/suite.py --only static --compare 2
                                                              # serial vs. 2 pytest-xdist workers, in one run
    .venv/bin/python benchmarks/suite.py --only suite -- tests/integration   # any pytest arguments after --

Each run is a fresh `python -m pytest` process (imports and session fixtures included, as for a user);
a run that fails is reported as failed, never as a time. Targets: suite <= 180 s, static <= 20 s (a run
narrowed with pytest arguments is a part of a selection: its time is printed without a verdict).
With --workers/--compare N, tests are spread by file (`-n N --dist loadfile`): a module's fixtures (a
deployed stack) stay in one worker, and each worker has its own sandbox and session synthesis.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"static": 20.0, "suite": 180.0}
SELECTIONS = {"static": ["-m", "static"], "suite": []}


def run(selection: str, workers: int, extra: list[str]) -> tuple[float, str, bool]:
    """Seconds, pytest's summary line, success."""
    args = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SELECTIONS[selection], *extra]
    if workers > 1:
        args += ["-n", str(workers), "--dist", "loadfile"]
    started = time.perf_counter()
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    summary = next((line.strip("= ") for line in reversed(proc.stdout.splitlines())
                    if re.search(r"\d+ (passed|failed|error)", line)), proc.stdout[-300:] + proc.stderr[-300:])
    return seconds, summary, proc.returncode == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(SELECTIONS), help="one selection (default: static, then suite)")
    parser.add_argument("--workers", type=int, default=1, help="pytest-xdist workers (1: no xdist)")
    parser.add_argument("--compare", type=int, metavar="N", help="also run with N workers and print the ratio")
    parser.add_argument("pytest_args", nargs="*", help="after --: more pytest arguments (files, -k, ...)")
    args = parser.parse_args()
    ok = True
    for selection in [args.only] if args.only else ["static", "suite"]:
        lanes = [args.workers] + ([args.compare] if args.compare else [])
        times: dict[int, float] = {}
        for workers in lanes:
            seconds, summary, passed = run(selection, workers, args.pytest_args)
            label = f"{selection} ({'serial' if workers == 1 else f'{workers} workers'})"
            target = TARGETS[selection]
            met = passed and (bool(args.pytest_args) or seconds <= target)
            verdict = "a part: no target" if args.pytest_args else f"target <= {target:.0f} s: " + (
                "met" if met else "MISSED")
            print(f"{label:22s} {seconds:7.1f} s  {verdict}  [{summary}]", flush=True)
            ok = ok and met
            if passed:
                times[workers] = seconds
        if len(times) == 2:
            first, second = lanes
            print(f"{selection}: {second} workers / {first}: {times[second] / times[first]:.2f}x the wall time")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
