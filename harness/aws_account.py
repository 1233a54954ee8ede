"""The real AWS sandbox account lane: the caller's credentials, but only in the configured account."""
from __future__ import annotations

import os
from typing import Any

ACCOUNT_ENV = "ECSGEN_SANDBOX_ACCOUNT_ID"
RUN_TAG = "ecsgen:run"


class AccountRefused(RuntimeError):
    """The caller's account is not the configured sandbox account."""


def check_sandbox_account(sts: Any, configured: str | None) -> str:
    """Return the caller's account id if it equals `configured`; refuse otherwise."""
    if not configured:
        raise AccountRefused(f"--sandbox=aws needs the sandbox account id in {ACCOUNT_ENV} (or --aws-account-id)")
    actual = sts.get_caller_identity()["Account"]
    if actual != configured:
        raise AccountRefused(f"caller account {actual} is not the configured sandbox account {configured}; "
                             "refusing to run")
    return actual


class AwsAccountSandbox:
    """A real account, used only after `check_sandbox_account`; leak check by the run tag."""

    def __init__(self, region: str | None = None, account_id: str | None = None):
        import boto3

        self.region = region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
        self._session = boto3.Session(region_name=self.region)
        self.account_id = check_sandbox_account(self._session.client("sts"), account_id or os.environ.get(ACCOUNT_ENV))

    def env(self) -> dict[str, str]:
        """Nothing to add: terraform uses the caller's own credentials chain."""
        return {}

    def client(self, service: str) -> Any:
        return self._session.client(service)

    def snapshot(self) -> set[str]:
        """ARNs of every resource carrying the harness's run tag (any run)."""
        pages = self.client("resourcegroupstaggingapi").get_paginator("get_resources").paginate(
            TagFilters=[{"Key": RUN_TAG}])
        return {r["ResourceARN"] for page in pages for r in page["ResourceTagMappingList"]}

    def leaks_since(self, baseline: set[str]) -> list[str]:
        """Tagged resources that appeared since `baseline` and are still there."""
        return sorted(self.snapshot() - baseline)
