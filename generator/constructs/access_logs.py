"""The ALB's access log bucket: private, SSE-S3, logs expire, written only by Elastic Load Balancing.

Bucket requirements and policy: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
- same region as the load balancer; SSE-S3 is the only server-side encryption it supports;
- the policy lets Elastic Load Balancing put objects under `<prefix>/AWSLogs/<account>/`: in regions
  available before August 2022 as the region's Elastic Load Balancing account (the provider's
  `aws_elb_service_account` knows it), in later regions as the log delivery service principal.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.aws import Construct, DataAwsElbServiceAccount, S3BucketPolicy
from generator.constructs.bucket import PrivateBucket
from generator.constructs.checks import suppress
from generator.constructs.context import StackContext
from generator.constructs.tokens import json_text

LOG_DELIVERY_PRINCIPAL = "logdelivery.elasticloadbalancing.amazonaws.com"
#: regions available before August 2022, where an Elastic Load Balancing account writes the logs (the ELB page above)
ELB_ACCOUNT_REGIONS = frozenset({
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-south-1", "ap-northeast-1",
    "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ca-central-1",
    "eu-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-south-1", "eu-north-1", "me-south-1", "sa-east-1",
    "us-gov-west-1", "us-gov-east-1", "cn-north-1", "cn-northwest-1"})


@dataclass(frozen=True)
class AccessLogsProps:
    """Where the ALB writes its access logs. Defaults: under `alb/`, kept 90 days."""

    bucket_name: str
    prefix: str = "alb"
    retention_days: int = 90


class AccessLogBucket(Construct):
    """The bucket and its policy; `load_balancer_attributes` is what the ALB's `access_logs` block takes."""

    def __init__(self, scope: Construct, id_: str, props: AccessLogsProps, *, ctx: StackContext):
        super().__init__(scope, id_)
        self.props = props
        self.store = PrivateBucket(self, "logs", name=props.bucket_name, expiry_days=props.retention_days,
                                   expiry_rule="expire-access-logs", target=ctx.target)
        bucket = self.store.bucket
        if ctx.region in ELB_ACCOUNT_REGIONS:
            writer = {"AWS": DataAwsElbServiceAccount(self, "elb-account").arn}
        else:
            writer = {"Service": LOG_DELIVERY_PRINCIPAL}
        self.policy = S3BucketPolicy(self, "policy", bucket=bucket.id, policy=json_text({
            "Version": "2012-10-17", "Statement": [
                {"Sid": "ElbWritesAccessLogs", "Effect": "Allow", "Principal": writer, "Action": "s3:PutObject",
                 "Resource": f"{bucket.arn}/{props.prefix}/AWSLogs/{ctx.account_id}/*"},
                {"Sid": "TlsOnly", "Effect": "Deny", "Principal": "*", "Action": "s3:*",
                 "Resource": [bucket.arn, f"{bucket.arn}/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}},
            ]}), depends_on=[self.store.public_access])
        for check, reason in [("CKV_AWS_18", "this bucket holds the ALB's access logs; logging it needs yet another "
                                             "bucket"),
                              ("CKV_AWS_144", "access logs stay in the load balancer's region"),
                              ("CKV_AWS_145", "ALB access logs support only SSE-S3 (enable-access-logging.html)"),
                              ("CKV2_AWS_62", "no event notifications are needed for access logs")]:
            suppress(bucket, check, reason)

    @property
    def load_balancer_attributes(self) -> dict:
        """The ALB's `access_logs` block."""
        return {"bucket": self.store.bucket.id, "prefix": self.props.prefix, "enabled": True}
