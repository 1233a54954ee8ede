"""ECR repository: immutable tags, scan on push, encrypted, old untagged images expire."""
from __future__ import annotations

import json

from generator.aws import Construct, EcrLifecyclePolicy, EcrRepository, blocks
from generator.constructs.checks import suppress


class ImageRegistry(Construct):
    """Where the pipeline pushes the service's images (tags are never reused: see the buildspec)."""

    def __init__(self, scope: Construct, id_: str, *, name: str):
        super().__init__(scope, id_)
        self.repository = EcrRepository(
            self, "repository", name=name, image_tag_mutability="IMMUTABLE",
            image_scanning_configuration={"scan_on_push": True},
            encryption_configuration=blocks([{"encryption_type": "AES256"}]))
        suppress(self.repository, "CKV_AWS_136", "encrypted with ECR's default AES256; a KMS key is optional")
        EcrLifecyclePolicy(self, "lifecycle", repository=self.repository.name, policy=json.dumps({"rules": [{
            "rulePriority": 1, "description": "expire untagged images after 14 days",
            "selection": {"tagStatus": "untagged", "countType": "sinceImagePushed", "countUnit": "days",
                          "countNumber": 14},
            "action": {"type": "expire"}}]}))
