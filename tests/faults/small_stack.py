"""Small hand-written stacks (Terraform JSON) for fault tests: cheap to apply."""
from __future__ import annotations

import json
from pathlib import Path

PROVIDER = {"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "3.39.0"}}},
            "provider": {"aws": [{"region": "us-east-1"}]}}


def write_small_stack(directory: Path, prefix: str, broken: bool = False, slow: bool = True) -> Path:
    """main.tf.json in `directory`: SSM parameters, a DynamoDB table and (slow) an ECS cluster (~10 s to create)."""
    directory.mkdir(parents=True, exist_ok=True)
    resource: dict = {
        "aws_ssm_parameter": {f"p{i}": {"name": f"/{prefix}/p{i}", "type": "String", "value": str(i)}
                              for i in range(3)},
        "aws_dynamodb_table": {"t": {"name": f"{prefix}-t", "billing_mode": "PAY_PER_REQUEST", "hash_key": "id",
                                     "attribute": [{"name": "id", "type": "S"}]}},
    }
    if slow:
        resource["aws_ecs_cluster"] = {"c": {"name": f"{prefix}-c"}}
    if broken:
        resource["aws_ssm_parameter"]["p0"]["value"] = "${aws_dynamodb_table.missing.arn}"
    (directory / "main.tf.json").write_text(json.dumps({**PROVIDER, "resource": resource}, indent=1))
    return directory


def write_secret_stack(directory: Path) -> Path:
    """main.tf.json with a required sensitive variable stored in a SecureString parameter (and so in state)."""
    directory.mkdir(parents=True, exist_ok=True)
    doc = {**PROVIDER,
           "variable": {"api_token": {"type": "string", "sensitive": True}},
           "resource": {"aws_ssm_parameter": {"token": {"name": "/secret-stack/token", "type": "SecureString",
                                                        "value": "${var.api_token}"}}}}
    (directory / "main.tf.json").write_text(json.dumps(doc, indent=1))
    return directory
