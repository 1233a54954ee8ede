"""How keys and construct paths become Terraform logical ids, and how long derived names are shortened."""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

_NOT_ADDRESS = re.compile(r"[^A-Za-z0-9_]")
DIGEST_LENGTH = 8


def logical_id(path: Iterable[str]) -> str:
    """The readable, stable address of a construct path below its stack: `svc-ui/service` -> `svc_ui_service`."""
    return _NOT_ADDRESS.sub("_", "_".join(path))


def shorten(name: str, max_length: int) -> str:
    """`name` when it fits in `max_length`; else its start, '-' and 8 hex digits of its SHA-256.

    Deterministic, and two different long names stay different (the digest is of the whole name), so
    derived names never break a length limit nor collide by truncation. Names holding Terraform
    references (module variables) are left alone: only Terraform knows their length.
    """
    if len(name) <= max_length or "${" in name:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:DIGEST_LENGTH]
    return f"{name[:max_length - DIGEST_LENGTH - 1].rstrip('-_.')}-{digest}"


def pipeline_role(pipeline: str, tool: str) -> str:
    """The role of one tool (build, pipeline, codedeploy) of a pipeline, shortened to IAM's limit when too long."""
    from generator.config.aws_rules import names  # the one home of AWS's limits (botocore's IAM model)

    return shorten(f"{pipeline}-{tool}", names()["iam_role"].max_length)
