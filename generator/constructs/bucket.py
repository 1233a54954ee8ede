"""A private S3 bucket: versioned, encrypted with S3-managed keys, public access blocked, objects expire."""
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
from generator.constructs.tokens import lower_prefix
from generator.targets import Feature, ProviderTarget


class PrivateBucket(Construct):
    """The bucket; split sub-resources on targets >= 4.0, inline blocks on 3.x.

    The name is `name` cut to a prefix plus AWS's unique suffix (bucket names are global). Objects and
    their noncurrent versions expire after `expiry_days` (lifecycle rule `expiry_rule`).
    """

    def __init__(self, scope: Construct, id_: str, *, name: str, expiry_days: int, expiry_rule: str,
                 target: ProviderTarget):
        super().__init__(scope, id_)
        self.bucket = S3Bucket(self, "bucket", bucket_prefix=lower_prefix(name, 36) + "-", force_destroy=True)
        if target.supports(Feature.S3_BUCKET_SUBRESOURCES):
            S3BucketVersioningA(self, "versioning", bucket=self.bucket.id,
                                versioning_configuration={"status": "Enabled"})
            S3BucketServerSideEncryptionConfigurationA(self, "encryption", bucket=self.bucket.id, rule=blocks([
                {"apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}]))
            S3BucketLifecycleConfiguration(self, "lifecycle", bucket=self.bucket.id, rule=blocks([{
                "id": expiry_rule, "status": "Enabled", "filter": [{"prefix": ""}],
                "expiration": [{"days": expiry_days}],
                "noncurrent_version_expiration": [{"noncurrent_days": expiry_days}],
                "abort_incomplete_multipart_upload": [{"days_after_initiation": 7}]}]))
        else:  # 3.x: the same settings as inline blocks of aws_s3_bucket
            self.bucket.add_override("versioning", {"enabled": True})
            self.bucket.add_override("server_side_encryption_configuration", {"rule": {
                "apply_server_side_encryption_by_default": {"sse_algorithm": "AES256"}}})
            self.bucket.add_override("lifecycle_rule", [{
                "id": expiry_rule, "enabled": True, "expiration": {"days": expiry_days},
                "noncurrent_version_expiration": {"days": expiry_days},
                "abort_incomplete_multipart_upload_days": 7}])
        self.public_access = S3BucketPublicAccessBlock(
            self, "public-access", bucket=self.bucket.id, block_public_acls=True, block_public_policy=True,
            ignore_public_acls=True, restrict_public_buckets=True)

    @property
    def arn(self) -> str:
        return self.bucket.arn
