"""A minimal root module on the offline provider, and running terraform on it with no network."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from harness.toolchain import Toolchain

MAIN_TF = """\
terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "3.39.0" }
  }
}
provider "aws" {
  region = "us-east-1"
}
resource "aws_sqs_queue" "q" {
  name = "q"
}
"""
NO_NETWORK = {"HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}


def terraform(tool: Toolchain, cwd: Path, *args: str) -> str:
    """Run `tool` in `cwd` (any registry access fails loudly); its stdout, asserting success."""
    env = tool.env({**os.environ, **NO_NETWORK})
    run = subprocess.run([str(tool.terraform), *args, "-no-color"], cwd=cwd, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout
