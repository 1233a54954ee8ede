"""S3 bucket for pipeline artifacts: versioned, encrypted, public access blocked, artifacts expire."""
from __future__ import annotations

from generator.aws import Construct
from generator.constructs.bucket import PrivateBucket
from generator.constructs.checks import suppress
from generator.targets import ProviderTarget


class ArtifactStore(PrivateBucket):
    """The pipeline's private bucket (generator.constructs.bucket)."""

    def __init__(self, scope: Construct, id_: str, *, name: str, expiry_days: int, target: ProviderTarget):
        super().__init__(scope, id_, name=name, expiry_days=expiry_days, expiry_rule="expire-artifacts",
                         target=target)
        for check, reason in [("CKV_AWS_18", "access logging of a pipeline artifact bucket is an opt-in cost"),
                              ("CKV_AWS_144", "cross-region replication of build artifacts is not needed"),
                              ("CKV_AWS_145", "encrypted with S3-managed keys (SSE-S3); a CMK is optional"),
                              ("CKV2_AWS_62", "no event notifications are needed for artifacts")]:
            suppress(self.bucket, check, reason)
