"""Test harness for Terraform on an AWS sandbox: runs, deployments, leak checks, pytest fixtures.

The public API (everything else is internal):

- `deployed(root, sandbox, ...)` -> `Deployment`: init, plan, apply in a `with` block; destroy, leak check and
  clean-up after it, also on failure or Ctrl-C
- `TerraformRun`: one root in its own private copy, phase by phase (init, plan, apply, assert_idempotent, destroy)
- `Plan`, `State`: typed views of a plan and a state; `LeakReport`: what the leak check found
- `EmbeddedSandbox`: the AWS emulator (every region; `new_account()` for an isolated account)
- `terraform_stack(...)`: a pytest fixture for any root; `offline_toolchain()`: Terraform 1.0.3 + hashicorp/aws 3.39.0
- `HarnessError` and the errors deriving from it
"""
from harness.documents import Plan, State
from harness.errors import (
                            AccountRefused,
                            HarnessError,
                            InputError,
                            LeakError,
                            NotIdempotent,
                            PhaseTimeout,
                            SandboxError,
                            TerraformError,
                            ToolchainError,
)
from harness.fixtures import terraform_stack
from harness.leaks import LeakReport
from harness.lifecycle import Deployment, deployed
from harness.run import TerraformRun
from harness.sandbox import EmbeddedSandbox
from harness.toolchain import offline_toolchain

__all__ = ["AccountRefused", "Deployment", "EmbeddedSandbox", "HarnessError", "InputError", "LeakError",
           "LeakReport", "NotIdempotent", "PhaseTimeout", "Plan", "SandboxError", "State", "TerraformError",
           "TerraformRun", "ToolchainError", "deployed", "offline_toolchain", "terraform_stack"]
