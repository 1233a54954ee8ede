"""ARNs: the one place that spells them, for references (stacks) and literals (app-repo files).

Partitions by region prefix follow AWS's ARN format page:
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html (aws, aws-cn, aws-us-gov).
"""
from __future__ import annotations

PARTITIONS = (("cn-", "aws-cn"), ("us-gov-", "aws-us-gov"))


def partition_of(region: str) -> str:
    """The partition a region belongs to: aws-cn for cn-*, aws-us-gov for us-gov-*, aws otherwise."""
    return next((partition for prefix, partition in PARTITIONS if region.startswith(prefix)), "aws")


def arn(partition: str, service: str, region: str, account: str, resource: str) -> str:
    """`arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE` (region/account empty for global resources)."""
    return f"arn:{partition}:{service}:{region}:{account}:{resource}"
