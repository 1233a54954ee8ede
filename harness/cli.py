"""Command line of the harness.

  toolchain [--print-env]       provide the offline Terraform toolchain and say where it is
  deploy [--env NAME] [--keep]  generate and deploy to the embedded sandbox (the README's main job)
  preflight --env NAME          check a real account (your credentials) against an environment before apply
"""
from __future__ import annotations

import argparse
import sys

from generator import GeneratorError
from harness.lifecycle import LeakError
from harness.run import NotIdempotent, TerraformError
from harness.sandbox import SandboxError

from harness import cli_toolchain, preflight
from harness.toolchain import ToolchainError


def cmd_deploy(args: argparse.Namespace) -> int:
    """Generate an environment and deploy it to the embedded sandbox."""
    from harness.deploy import run_deploy

    return run_deploy(args.env, args.keep)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m harness", description="ECS Fargate Terraform test harness")
    sub = parser.add_subparsers(dest="command", required=True)
    cli_toolchain.add_command(sub)
    preflight.add_command(sub)
    deploy = sub.add_parser("deploy", help="generate and deploy an environment to the embedded sandbox")
    deploy.add_argument("--env", default="workshop", help="environment in envs/ (default: workshop)")
    deploy.add_argument("--keep", action="store_true", help="leave the sandbox running (until Ctrl-C)")
    deploy.set_defaults(func=cmd_deploy)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except GeneratorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (ToolchainError, TerraformError, SandboxError, LeakError, NotIdempotent,
            preflight.AccountUnreadable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
