"""The state bucket (and lock table) an environment's S3 backend needs, as a small Terraform root to apply once.

`python -m generator state-bootstrap --env NAME` writes it: the generator emits Terraform and never calls AWS.
The root keeps its own state locally (it creates what remote state needs); re-running the command replaces
only the generated files, never the root's `terraform.tfstate`.

The bucket: versioned (every state write is kept; noncurrent versions expire after NONCURRENT_DAYS), default
encryption with KMS (the environment's `state.kms_key_id`, else the AWS managed key `aws/s3`), public access
blocked, ACLs disabled, and a policy refusing requests without TLS. The lock table, if `state.dynamodb_table`
is set: on-demand, partition key `LockID` (string), as the S3 backend requires.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from functools import partial
from pathlib import Path

from generator.aws import (
    Aspects,
    AwsProvider,
    Construct,
    DynamodbTable,
    LocalBackend,
    S3Bucket,
    S3BucketLifecycleConfiguration,
    S3BucketOwnershipControls,
    S3BucketPolicy,
    S3BucketPublicAccessBlock,
    S3BucketServerSideEncryptionConfigurationA,
    S3BucketVersioningA,
    TerraformOutput,
    TerraformStack,
    blocks,
)
from generator.backend import state_region
from generator.config.model import EnvironmentConfig, StateConfig
from generator.constructs.checks import suppress
from generator.constructs.tagging import TagEverything
from generator.files import swap_in
from generator.naming import logical_id
from generator.synth import SynthesizedStack, synthesize_stacks
from generator.targets import Feature, ProviderTarget

#: how long superseded state versions are kept (days) before S3 expires them
NONCURRENT_DAYS = 90
#: the files the command owns in the root folder; anything else there (state, .terraform) is the user's
GENERATED = ("cdk.tf.json", "blocks.json", "checkov-skips.json")


class StateStore(Construct):
    """The state bucket and, if configured, the DynamoDB lock table."""

    def __init__(self, scope: Construct, id_: str, *, state: StateConfig, target: ProviderTarget):
        super().__init__(scope, id_)
        assert state.bucket, "validate.check_state requires a bucket with backend: s3"
        self.bucket = S3Bucket(self, "bucket", bucket=state.bucket)  # force_destroy stays off: state is kept
        sse = {"sse_algorithm": "aws:kms", **({"kms_master_key_id": state.kms_key_id} if state.kms_key_id else {})}
        expire_old = {"id": "expire-superseded-state", "status": "Enabled", "filter": [{"prefix": ""}],
                      "noncurrent_version_expiration": [{"noncurrent_days": NONCURRENT_DAYS}],
                      "abort_incomplete_multipart_upload": [{"days_after_initiation": 7}]}
        if target.supports(Feature.S3_BUCKET_SUBRESOURCES):
            S3BucketVersioningA(self, "versioning", bucket=self.bucket.id,
                                versioning_configuration={"status": "Enabled"})
            S3BucketServerSideEncryptionConfigurationA(self, "encryption", bucket=self.bucket.id, rule=blocks([
                {"apply_server_side_encryption_by_default": sse, "bucket_key_enabled": True}]))
            S3BucketLifecycleConfiguration(self, "lifecycle", bucket=self.bucket.id, rule=blocks([expire_old]))
        else:  # 3.x: the same settings as inline blocks of aws_s3_bucket
            self.bucket.add_override("versioning", {"enabled": True})
            self.bucket.add_override("server_side_encryption_configuration", {"rule": {
                "apply_server_side_encryption_by_default": sse, "bucket_key_enabled": True}})
            self.bucket.add_override("lifecycle_rule", [{
                "id": "expire-superseded-state", "enabled": True,
                "noncurrent_version_expiration": {"days": NONCURRENT_DAYS},
                "abort_incomplete_multipart_upload_days": 7}])
        public = S3BucketPublicAccessBlock(self, "public-access", bucket=self.bucket.id, block_public_acls=True,
                                           block_public_policy=True, ignore_public_acls=True,
                                           restrict_public_buckets=True)
        if target.supports(Feature.S3_BUCKET_OWNER_ENFORCED):  # ACLs off (the default of new buckets anyway)
            S3BucketOwnershipControls(self, "ownership", bucket=self.bucket.id,
                                      rule={"object_ownership": "BucketOwnerEnforced"})
        # https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html (enforce TLS)
        S3BucketPolicy(self, "tls-only", bucket=self.bucket.id, depends_on=[public], policy=json.dumps({
            "Version": "2012-10-17", "Statement": [{
                "Sid": "DenyWithoutTLS", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                "Resource": [self.bucket.arn, f"{self.bucket.arn}/*"],
                "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}))
        for check, reason in [
                ("CKV_AWS_18", "access logs need a second bucket; CloudTrail data events audit state access"),
                ("CKV_AWS_144", "cross-region replication needs a second bucket in another region; opt-in"),
                ("CKV2_AWS_62", "nothing consumes events of the state bucket")]:
            suppress(self.bucket, check, reason)
        self.table: DynamodbTable | None = None
        if state.dynamodb_table:
            # https://developer.hashicorp.com/terraform/language/backend/s3: partition key LockID, type string
            self.table = DynamodbTable(
                self, "lock-table", name=state.dynamodb_table, billing_mode="PAY_PER_REQUEST", hash_key="LockID",
                attribute=blocks([{"name": "LockID", "type": "S"}]), server_side_encryption={"enabled": True})
            suppress(self.table, "CKV_AWS_28", "lock items live for one Terraform run; there is nothing to restore")
            suppress(self.table, "CKV_AWS_119", "holds lock ids and state digests only; the AWS managed key suffices")


class StateBootstrapStack(TerraformStack):
    """The root that creates an environment's state store; its own state stays local."""

    def _allocate_logical_id(self, element) -> str:  # cdktf hook: readable addresses, as in EcsStack
        return logical_id(element.node.path.split("/")[1:])

    def __init__(self, scope: Construct, id_: str, env: EnvironmentConfig):
        super().__init__(scope, id_)
        target = ProviderTarget(env.provider.version)
        LocalBackend(self, path="terraform.tfstate")
        AwsProvider(self, "aws", region=state_region(env))
        self.add_override("terraform.required_providers.aws", {"source": "hashicorp/aws",
                                                               "version": target.constraint})
        store = StateStore(self, "state", state=env.state, target=target)
        Aspects.of(self).add(TagEverything({**env.tags, "Environment": env.name, "Purpose": "terraform-state"}, target))
        TerraformOutput(self, "bucket", value=store.bucket.bucket, description="State bucket name")
        TerraformOutput(self, "bucket_arn", value=store.bucket.arn, description="State bucket ARN")
        if store.table is not None:
            TerraformOutput(self, "lock_table", value=store.table.name, description="DynamoDB lock table name")


def write_state_bootstrap(name: str, env: EnvironmentConfig, out: Path) -> SynthesizedStack:
    """Synthesize the bootstrap root of `env` into the folder `out` (its generated files replaced one by one)."""
    stack_name = f"{name}-state"
    with tempfile.TemporaryDirectory(prefix="ecsgen-bootstrap-") as scratch:
        [built] = synthesize_stacks({stack_name: (partial(StateBootstrapStack, env=env), env.provider.version)},
                                    Path(scratch))
        out.mkdir(parents=True, exist_ok=True)
        for filename in GENERATED:
            staged = out / f".{filename}.new"
            shutil.copyfile(built.directory / filename, staged)
            swap_in(staged, out / filename)
    return SynthesizedStack(stack_name, out.resolve(), env.provider.version)
