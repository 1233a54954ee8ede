"""Command line of the harness.

  toolchain [--print-env]   provide the offline Terraform toolchain and say where it is
"""
from __future__ import annotations

import argparse

from harness.toolchain import ToolchainError, offline_toolchain


def cmd_toolchain(args: argparse.Namespace) -> int:
    """Ensure the offline toolchain; print its paths (or shell exports)."""
    tool = offline_toolchain()
    if args.print_env:
        print(f"export TF_CLI_CONFIG_FILE={tool.cli_config}")
        print(f"export PATH={tool.terraform.parent}:$PATH")
        return 0
    print(f"terraform {tool.version}: {tool.terraform}")
    print(f"hashicorp/aws 3.39.0 mirror, CLI config: {tool.cli_config}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m harness", description="ECS Fargate Terraform test harness")
    sub = parser.add_subparsers(dest="command", required=True)
    tool = sub.add_parser("toolchain", help="provide the offline Terraform toolchain")
    tool.add_argument("--print-env", action="store_true", help="print shell exports instead")
    tool.set_defaults(func=cmd_toolchain)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ToolchainError as exc:
        print(f"error: {exc}")
        return 1
