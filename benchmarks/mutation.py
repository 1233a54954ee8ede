"""Mutation testing: how many small deliberate bugs the tests catch, per scope, printed as a kill rate.

    .venv/bin/python benchmarks/mutation.py                     # every scope, 8 sampled mutants each, at HEAD
    .venv/bin/python benchmarks/mutation.py --scope plan --sample 0   # all mutants of one scope
    .venv/bin/python benchmarks/mutation.py --rev main          # the same sample against another revision

cosmic-ray (pinned in pyproject.toml) makes the mutants; each scope is a set of files and the tests that run
against them (the static tests, `-x`, most likely killers first; the inventory needs the emulator, so its
runner is the leak-check negatives). The revision is exported with `git archive` into a temporary folder and
mutated there, never in the working tree. `--sample N` picks N mutants per scope with a fixed seed (the full
run takes hours on two cores); the others are marked skipped. Output: per scope killed / survived /
incompetent (the mutant does not import) and the kill rate killed / (killed + survived), then every survivor
as a diff, to be judged: a real gap, or equivalent (no behaviour can tell it apart).
"""
from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COSMIC_RAY = str(Path(sys.executable).parent / "cosmic-ray")
PYTEST = f"{sys.executable} -m pytest -x -q -p no:cacheprovider"


@dataclass(frozen=True)
class Scope:
    name: str
    files: tuple[str, ...]  # globs relative to the repository
    tests: str  # pytest arguments

    def modules(self, root: Path) -> list[str]:
        return sorted(str(p.relative_to(root)) for pattern in self.files for p in root.glob(pattern)
                      if p.name != "__init__.py")


SCOPES = {scope.name: scope for scope in (
    Scope("constructs", ("generator/constructs/*.py", "generator/constructs/pipeline/*.py"),
          "-m static tests/modules/test_no_drift.py tests/generator tests/static/test_stacks.py"),
    Scope("validate", ("generator/config/validate.py",),
          "-m static tests/config tests/generator/test_target_fallbacks.py"),
    Scope("plan", ("harness/documents.py",), "-m static tests/harness"),
    Scope("inventory", ("harness/sandbox/inventory.py",), "tests/sandbox/test_leak_negatives.py"),
)}


def export(rev: str, into: Path) -> Path:
    """The tree of `rev` (committed files only) in `into`."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def config(scope: Scope, tree: Path, timeout: float) -> Path:
    modules = ", ".join(f'"{m}"' for m in scope.modules(tree))
    path = tree / f"mutation-{scope.name}.toml"
    path.write_text(f"""[cosmic-ray]
module-path = [{modules}]
timeout = {timeout}
excluded-modules = []
test-command = "{PYTEST} {scope.tests}"

[cosmic-ray.distributor]
name = "local"
""")
    return path


def sample(session: Path, size: int, seed: int) -> int:
    """Keep `size` random pending mutants (all if 0); mark the others skipped. Returns how many are kept."""
    from cosmic_ray.work_db import WorkDB, use_db  # type: ignore[import-untyped]
    from cosmic_ray.work_item import WorkerOutcome, WorkResult  # type: ignore[import-untyped]

    with use_db(str(session), WorkDB.Mode.open) as db:
        # by what each mutant is (file, operator, occurrence), not by its random job id: the same seed picks the
        # same mutants at another revision whose file did not change
        pending = {(m.module_path, m.operator_name, m.occurrence): item.job_id
                   for item in db.pending_work_items for m in item.mutations[:1]}
        if not size or size >= len(pending):
            return len(pending)
        kept = {pending[key] for key in random.Random(seed).sample(sorted(pending), size)}
        db.set_multiple_results([job for job in pending.values() if job not in kept],
                                WorkResult(worker_outcome=WorkerOutcome.SKIPPED))
        return size


def outcomes(session: Path) -> tuple[dict[str, int], list[str], int]:
    """Counts per test outcome, the survivors' diffs (with their file and operator), all mutants of the scope."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome

    counts = {"killed": 0, "survived": 0, "incompetent": 0}
    survivors = []
    with use_db(str(session), WorkDB.Mode.open) as db:
        total = db.num_work_items
        for item, result in db.completed_work_items:
            if result.worker_outcome == WorkerOutcome.SKIPPED:
                continue
            outcome = result.test_outcome.value if result.test_outcome else "incompetent"
            counts[outcome] = counts.get(outcome, 0) + 1
            if outcome == "survived":
                [mutation] = item.mutations
                survivors.append(f"{mutation.module_path}:{mutation.start_pos[0]} {mutation.operator_name}\n"
                                 f"{result.diff}")
    return counts, survivors, total


def run(scope: Scope, tree: Path, size: int, seed: int, timeout: float) -> dict[str, int]:
    cfg, session = config(scope, tree, timeout), tree / f"mutation-{scope.name}.sqlite"
    env = {**os.environ, "PYTHONPATH": str(tree)}  # the exported tree's packages, not the editable install's
    baseline = subprocess.run(f"{PYTEST} {scope.tests}".split(), cwd=tree, env=env, capture_output=True, text=True)
    if baseline.returncode != 0:  # otherwise every mutant would count as killed
        raise SystemExit(f"{scope.name}: the tests fail without any mutant:\n{baseline.stdout[-3000:]}")
    subprocess.run([COSMIC_RAY, "init", str(cfg), str(session)], cwd=tree, env=env, check=True)
    kept = sample(session, size, seed)
    started = time.monotonic()
    subprocess.run([COSMIC_RAY, "exec", str(cfg), str(session)], cwd=tree, env=env, check=True)
    counts, survivors, total = outcomes(session)
    decided = counts["killed"] + counts["survived"]
    rate = f"{100 * counts['killed'] / decided:.0f} %" if decided else "-"
    print(f"\n== {scope.name}: {kept} of {total} mutants run in {time.monotonic() - started:.0f} s: "
          f"{counts['killed']} killed, {counts['survived']} survived, {counts['incompetent']} incompetent; "
          f"kill rate {rate}", flush=True)
    for survivor in survivors:
        print(f"-- survived: {survivor}")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scope", action="append", choices=sorted(SCOPES), help="scopes to run (default: all)")
    parser.add_argument("--sample", type=int, default=8, help="mutants per scope, 0 for all (default 8)")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--rev", default="HEAD", help="git revision to mutate (default HEAD)")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per test run of one mutant")
    args = parser.parse_args(argv)
    totals = {"killed": 0, "survived": 0, "incompetent": 0}
    with tempfile.TemporaryDirectory(prefix="mutation-") as tmp:
        tree = export(args.rev, Path(tmp))
        for name in args.scope or sorted(SCOPES):
            for key, value in run(SCOPES[name], tree, args.sample, args.seed, args.timeout).items():
                totals[key] = totals.get(key, 0) + value
    decided = totals["killed"] + totals["survived"]
    print(f"\n== all scopes at {args.rev} (sample {args.sample or 'all'}, seed {args.seed}): {totals['killed']} "
          f"killed, {totals['survived']} survived, {totals['incompetent']} incompetent; kill rate "
          f"{100 * totals['killed'] / decided:.0f} %" if decided else "\n== nothing decided")
    return 0


if __name__ == "__main__":
    sys.exit(main())
