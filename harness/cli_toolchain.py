"""`python -m harness toolchain [--print-env] [--terraform PATH]`: provide the offline toolchain, say where it is."""
from __future__ import annotations

import argparse
import os
import shlex
from pathlib import Path

from harness.toolchain import PROVIDER_VERSION, Toolchain, offline_toolchain

WRAPPER_DIR = "shell-bin"


def add_command(subparsers: argparse._SubParsersAction) -> None:
    """Register the `toolchain` subcommand on the dispatcher's subparsers."""
    parser = subparsers.add_parser("toolchain", help="provide the offline Terraform toolchain and say where it is")
    parser.add_argument("--print-env", action="store_true",
                        help="print the `export PATH=...` line that puts this terraform first in a shell")
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
    """The one `export PATH=...` line: a `terraform` wrapper that runs `tool` with its own settings comes first.

    The settings (CLI config, plugin cache) belong to this terraform version only, so they live in the
    wrapper rather than in the shell: another terraform run from that shell never picks up this cache.
    """
    return [f'export PATH={shlex.quote(str(shell_wrapper(tool).parent))}:"$PATH"']


def shell_wrapper(tool: Toolchain) -> Path:
    """`<tool's config folder>/shell-bin/terraform`: sets `tool.env()` and execs the binary; written atomically."""
    assert tool.cli_config is not None, "only the offline toolchain has settings of its own"
    wrapper = tool.cli_config.parent / WRAPPER_DIR / "terraform"
    wrapper.parent.mkdir(exist_ok=True)
    exports = " ".join(f"{name}={shlex.quote(value)}" for name, value in sorted(tool.env({}).items()))
    text = (f"#!/bin/sh\n# terraform {tool.version} with its own CLI config and plugin cache "
            f"(python -m harness toolchain --print-env)\nexport {exports}\n"
            f"exec {shlex.quote(str(tool.terraform))} \"$@\"\n")
    temporary = wrapper.with_name(f".terraform.{os.getpid()}")
    temporary.write_text(text)
    temporary.chmod(0o755)
    temporary.replace(wrapper)
    return wrapper
