"""S3 bucket for pipeline artifacts: versioned, encrypted, public access blocked, artifacts expire."""
from __future__ import annotations

from generator.aws import (
    Construct,
    S3Bucket,
    S3BucketLifecycleConfiguration,
    S3BucketPublicAccessBlock,
    S3BucketServerSideEncryptionConfigurationA,
    S3BucketVersioningA,
    blocks,
)
from generator.constructs.checks import suppress
from generator.constructs.tokens import lower_prefix
from generator.targets import Feature, ProviderTarget


class ArtifactStore(Construct):
    """The bucket; split sub-resources on targets >= 4.0, inline blocks on 3.x."""

    def __init__(self, scope: Construct, id_: str, *, name: str, expiry_days: int, target: ProviderTarget):
        super().__init__(scope, id_)
        # bucket names are global: a prefix plus AWS's unique suffix avoids clashes across accounts
        prefix = lower_prefix(name, 36) + "-"
        self.bucket = S3Bucket(self, "bucket", bucket_prefix=prefix, force_destroy=True)
        if target.supports(Feature.S3_BUCKET_SUBRESOURCES):
            S3BucketVersioningA(self, "versioning", bucket=self.bucket.id,
                                versioning_configuration={"status": "Enabled"})
            S3BucketServerSideEncryptionConfigurationA(self, "encryption", bucket=self.bucket.id, rule=blocks([
                {"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}]))
            S3BucketLifecycleConfiguration(self, "lifecycle", bucket=self.bucket.id, rule=blocks([{
                "id": "expire-artifacts", "status": "Enabled", "filter": [{"prefix": ""}],
                "expiration": [{"days": expiry_days}],
                "noncurrent_version_expiration": [{"noncurrent_days": expiry_days}],
                "abort_incomplete_multipart_upload": [{"days_after_initiation": 7}]}]))
        else:  # 3.x: the same settings as inline blocks of aws_s3_bucket
            self.bucket.add_override("versioning", {"enabled": True})
            self.bucket.add_override("server_side_encryption_configuration", {"rule": {
                "apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}})
            self.bucket.add_override("lifecycle_rule", [{
                "id": "expire-artifacts", "enabled": True, "expiration": {"days": expiry_days},
                "noncurrent_version_expiration": {"days": expiry_days},
                "abort_incomplete_multipart_upload_days": 7}])
        S3BucketPublicAccessBlock(self, "public-access", bucket=self.bucket.id, block_public_acls=True,
                                  block_public_policy=True, ignore_public_acls=True, restrict_public_buckets=True)
        for check, reason in [("CKV_AWS_18", "access logging of a pipeline artifact bucket is an opt-in cost"),
                              ("CKV_AWS_144", "cross-region replication of build artifacts is not needed"),
                              ("CKV_AWS_145", "encrypted with S3-managed keys (SSE-S3); a CMK is optional"),
                              ("CKV2_AWS_62", "no event notifications are needed for artifacts")]:
            suppress(self.bucket, check, reason)

    @property
    def arn(self) -> str:
        return self.bucket.arn
