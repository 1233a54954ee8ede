"""`python -m generator.checks [--env NAME] [--checkov]`: static rules, policy linter (and checkov) on the stacks.

Synthesizes, then runs the project's rules, parliament (unexplained findings) and, with --checkov, checkov.

Exit codes: 0 nothing found, 1 findings, 2 bad input.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from generator.config import all_envs, load_env
from generator.config.loader import ENVS_DIR
from generator.errors import GeneratorError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.checks", description=__doc__.splitlines()[0])
    parser.add_argument("--envs-dir", default=str(ENVS_DIR), help="folder of environment YAML files")
    parser.add_argument("--env", action="append", help="environment name (repeatable; default: all)")
    parser.add_argument("--checkov", action="store_true", help="also run checkov (installs it once if missing)")
    args = parser.parse_args(argv)
    try:
        return _check(args)
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _check(args: argparse.Namespace) -> int:
    from generator.checks.checkov import render_stack, run_checkov
    from generator.checks.policy_lint import unexplained
    from generator.checks.rules import check
    from generator.synth import synthesize

    envs = {n: load_env(n, Path(args.envs_dir)) for n in args.env} if args.env else all_envs(Path(args.envs_dir))
    problems = 0
    with tempfile.TemporaryDirectory() as tmp:
        for stack in synthesize(envs, Path(tmp) / "cdktf.out"):
            findings = [str(f) for f in check(stack.document())] + [str(f) for f in unexplained(stack.document())]
            if args.checkov:
                hcl = render_stack(stack.document(), stack.blocks(), stack.suppressions(), Path(tmp) / stack.name)
                findings += [f"[checkov] {r}" for r in run_checkov(hcl).failed]
            problems += len(findings)
            print(f"{stack.name}: {len(findings) or 'no'} finding(s)")
            for line in findings:
                print(f"  {line}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
