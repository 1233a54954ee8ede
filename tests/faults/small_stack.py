"""A small hand-written stack (Terraform JSON) for fault tests: cheap to apply, one slow resource."""
from __future__ import annotations

import json
from pathlib import Path


def write_small_stack(directory: Path, prefix: str, broken: bool = False) -> Path:
    """Write main.tf.json into `directory`: SSM parameters, a DynamoDB table and an ECS cluster (~10 s)."""
    directory.mkdir(parents=True, exist_ok=True)
    resource: dict = {
        "aws_ssm_parameter": {f"p{i}": {"name": f"/{prefix}/p{i}", "type": "String", "value": str(i)}
                              for i in range(3)},
        "aws_dynamodb_table": {"t": {"name": f"{prefix}-t", "billing_mode": "PAY_PER_REQUEST", "hash_key": "id",
                                     "attribute": [{"name": "id", "type": "S"}]}},
        "aws_ecs_cluster": {"c": {"name": f"{prefix}-c"}},
    }
    if broken:
        resource["aws_ssm_parameter"]["p0"]["value"] = "${aws_dynamodb_table.missing.arn}"
    doc = {"terraform": {"required_providers": {"aws": {"source": "hashicorp/aws", "version": "3.39.0"}}},
           "provider": {"aws": [{"region": "us-east-1"}]}, "resource": resource}
    (directory / "main.tf.json").write_text(json.dumps(doc, indent=1))
    return directory
