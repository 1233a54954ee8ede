"""Command line of the harness; the one place that maps errors to exit codes.

  toolchain [--print-env]        provide the offline Terraform toolchain and say where it is
  deploy [--env NAME] [--keep]   generate and deploy to the embedded sandbox (the README's main job)
  check PATH [--var NAME=VALUE] [--var-file FILE] [--generate NAME] [--region R] [--timeout PHASE=SECONDS] [--keep]
                                 any Terraform root through every phase on the embedded sandbox
  preflight --env NAME           check a real account (your credentials) against an environment before apply

Exit codes: 0 success; 1 a phase failed (HarnessError); 2 bad input (InputError, GeneratorError,
bad arguments); 130 interrupted (Ctrl-C), after cleaning up.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator import GeneratorError
from harness import cli_toolchain, preflight
from harness.errors import HarnessError, InputError, InputProblem

FAILED, BAD_INPUT, INTERRUPTED = 1, 2, 130


def cmd_deploy(args: argparse.Namespace) -> int:
    """Generate an environment and deploy it to the embedded sandbox."""
    from harness.deploy import run_deploy

    return run_deploy(args.env, args.keep)


def cmd_check(args: argparse.Namespace) -> int:
    """Run any root through init, apply, second plan, destroy and the leak check."""
    from harness.check import run_check
    from harness.inputs import parse_cli_value
    from harness.source import read_module

    root = Path(args.path)
    if not root.is_dir():
        raise InputError([InputProblem("PATH", args.path, "not a folder holding a Terraform root module")])
    declared = read_module(root).variables
    variables = {}
    for name, text in (_pair("--var", item) for item in args.var):
        variables[name] = parse_cli_value(declared.get(name), name, text)
    timeouts = {}
    for phase, text in (_pair("--timeout", item) for item in args.timeout):
        try:
            timeouts[phase] = float(text)
        except ValueError:
            raise InputError([InputProblem("--timeout", phase, f"seconds must be a number, got {text!r}")]) from None
    return run_check(root, variables=variables, var_files=[Path(f) for f in args.var_file], generate=args.generate,
                     region=args.region, timeouts=timeouts, keep=args.keep)


def _pair(option: str, item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep or not name:
        raise InputError([InputProblem(option, item, "expected NAME=VALUE")])
    return name, value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m harness", description="Terraform test harness on an AWS sandbox")
    sub = parser.add_subparsers(dest="command", required=True)
    cli_toolchain.add_command(sub)
    preflight.add_command(sub)
    deploy = sub.add_parser("deploy", help="generate and deploy an environment to the embedded sandbox")
    deploy.add_argument("--env", default="workshop", help="environment in envs/ (default: workshop)")
    deploy.add_argument("--keep", action="store_true", help="leave the sandbox running (until Ctrl-C)")
    deploy.set_defaults(func=cmd_deploy)
    check = sub.add_parser("check", help="any Terraform root through every phase on the embedded sandbox")
    check.add_argument("path", help="folder of the root module (its local modules may lie anywhere around it)")
    check.add_argument("--var", action="append", default=[], metavar="NAME=VALUE",
                       help="a variable (HCL syntax for lists and maps, as terraform -var)")
    check.add_argument("--var-file", action="append", default=[], metavar="FILE", help="a .tfvars(.json) file")
    check.add_argument("--generate", action="append", default=[], metavar="NAME",
                       help="give this (sensitive) variable a fresh random value")
    check.add_argument("--region", help="default region (providers that set their own keep it; default us-east-1)")
    check.add_argument("--timeout", action="append", default=[], metavar="PHASE=SECONDS",
                       help="timeout of one terraform command: init, plan, apply, destroy, ...")
    check.add_argument("--keep", action="store_true", help="no destroy: keep the sandbox up until Ctrl-C")
    check.set_defaults(func=cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return args.func(args)
    except (InputError, GeneratorError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return BAD_INPUT
    except HarnessError as exc:
        print(f"error: {exc}", file=sys.stderr)
        for note in getattr(exc, "__notes__", []):
            print(f"  {note}", file=sys.stderr)
        return FAILED
    except KeyboardInterrupt as exc:
        notes = "; ".join(getattr(exc, "__notes__", [])) or "nothing to clean up"
        print(f"interrupted: {notes}", file=sys.stderr)
        return INTERRUPTED
