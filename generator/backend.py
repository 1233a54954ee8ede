"""Where a stack keeps its Terraform state: the `state:` key of its environment, rendered as the backend.

`backend: local` (default) is `terraform.tfstate` next to the stack. `backend: s3` is an S3 object with a
lock: `use_lockfile` (an S3 lock object next to the state, Terraform >= 1.10, so the stack then requires that
Terraform) and/or `dynamodb_table` (a DynamoDB lock table, every Terraform version; deprecated from 1.11).
Both together is Terraform's migration path: the lock is taken in both places.
https://developer.hashicorp.com/terraform/language/backend/s3
"""
from __future__ import annotations

from generator.aws import LocalBackend, S3Backend, TerraformStack
from generator.config.model import EnvironmentConfig
from generator.targets import S3_LOCKFILE_TERRAFORM


def state_region(env: EnvironmentConfig) -> str:
    """The state bucket's region: `state.region`, else the environment's."""
    return env.state.region or env.region


def add_backend(stack: TerraformStack, env: EnvironmentConfig) -> None:
    """Declare the environment's backend on `stack` (and the Terraform version the lock object needs)."""
    state = env.state
    if state.backend == "local":
        LocalBackend(stack, path="terraform.tfstate")
        return
    assert state.bucket and state.key, "validate.check_state requires bucket and key with backend: s3"
    S3Backend(stack, bucket=state.bucket, key=state.key, region=state_region(env), encrypt=state.encrypt,
              kms_key_id=state.kms_key_id, dynamodb_table=state.dynamodb_table)
    if state.use_lockfile:  # not in cdktf 0.21's S3Backend props
        stack.add_override("terraform.backend.s3.use_lockfile", True)
        stack.add_override("terraform.required_version", S3_LOCKFILE_TERRAFORM)
