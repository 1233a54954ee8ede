"""CodeBuild project that builds, tags (never reusing a tag) and pushes the service image."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.aws import CloudwatchLogGroup, CodebuildProject, Construct, blocks
from generator.constructs.checks import suppress
from generator.constructs.logs import RETENTION_REASON


@dataclass(frozen=True)
class BuildProps:
    """The image build. Defaults: Amazon Linux 2 standard 5.0 image, small compute, 30 minutes, context ./src/ui."""

    image: str = "aws/codebuild/amazonlinux2-x86_64-standard:5.0"
    compute_type: str = "BUILD_GENERAL1_SMALL"
    context: str = "./src/ui"
    timeout_minutes: Any = 30


class ImageBuild(Construct):
    """Privileged (docker) build from the pipeline's source artifact, logging to its own log group."""

    def __init__(self, scope: Construct, id_: str, *, name: str, config: BuildProps, role_arn: str,
                 variables: dict[str, str], log_retention_days: int):
        super().__init__(scope, id_)
        self.log_group = CloudwatchLogGroup(self, "logs", name=f"/codebuild/{name}",
                                            retention_in_days=log_retention_days)
        self.project = CodebuildProject(
            self, "project", name=name, service_role=role_arn, build_timeout=config.timeout_minutes,
            source={"type": "CODEPIPELINE", "buildspec": "buildspec.yml"},
            artifacts={"type": "CODEPIPELINE"},
            environment={"compute_type": config.compute_type, "image": config.image, "type": "LINUX_CONTAINER",
                         "privileged_mode": True, "image_pull_credentials_type": "CODEBUILD",
                         "environment_variable": blocks([{"name": k, "value": v, "type": "PLAINTEXT"}
                                                         for k, v in sorted(variables.items())])},
            logs_config={"cloudwatch_logs": {"group_name": self.log_group.name, "status": "ENABLED"}})
        suppress(self.log_group, "CKV_AWS_338", RETENTION_REASON)
        suppress(self.project, "CKV_AWS_316", "docker build needs privileged mode")
        suppress(self.project, "CKV_AWS_147", "build artifacts use the AWS managed S3 key; a CMK is optional")
