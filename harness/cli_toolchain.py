"""`python -m harness toolchain [--print-env] [--terraform PATH]`: provide the offline toolchain, say where it is."""
from __future__ import annotations

import argparse
import shlex

from harness.toolchain import PROVIDER_VERSION, Toolchain, offline_toolchain


def add_command(subparsers: argparse._SubParsersAction) -> None:
    """Register the `toolchain` subcommand on the dispatcher's subparsers."""
    parser = subparsers.add_parser("toolchain", help="provide the offline Terraform toolchain and say where it is")
    parser.add_argument("--print-env", action="store_true", help="print `export VAR=...` lines for a shell")
    parser.add_argument("--terraform", metavar="PATH", help="use this terraform binary with the offline mirror")
    parser.set_defaults(func=cmd_toolchain)


def cmd_toolchain(args: argparse.Namespace) -> int:
    """Ensure the offline toolchain (downloading it on first use) and print it."""
    tool = offline_toolchain(args.terraform)
    print("\n".join(shell_exports(tool) if args.print_env else describe(tool)))
    return 0


def describe(tool: Toolchain) -> list[str]:
    """Human-readable lines: binary, version, provider installation."""
    return [f"terraform:    {tool.terraform}",
            f"version:      {tool.version}",
            f"cli config:   {tool.cli_config}  (hashicorp/aws {PROVIDER_VERSION} from the local mirror)",
            f"plugin cache: {tool.plugin_cache or '-'}"]


def shell_exports(tool: Toolchain) -> list[str]:
    """`export` lines reproducing `tool.env()` in a shell, with the binary's folder first on PATH."""
    lines = [f"export {name}={shlex.quote(value)}" for name, value in sorted(tool.env({}).items())]
    return [*lines, f'export PATH={shlex.quote(str(tool.terraform.parent))}:"$PATH"']
