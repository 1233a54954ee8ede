"""The real AWS sandbox account lane: the caller's credentials, but only in the configured account."""
from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from harness.errors import AccountRefused
from harness.sandbox.inventory import Item, Snapshot

ACCOUNT_ENV = "ECSGEN_SANDBOX_ACCOUNT_ID"
RUN_TAG = "ecsgen:run"


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
    """A real account, used only after `check_sandbox_account`; the region-wide leak scan goes by the run tag."""

    endpoint_url = None  # the real endpoints: no provider override
    access_key = secret_key = ""  # the caller's own credentials chain

    def __init__(self, region: str | None = None, account_id: str | None = None):
        import boto3

        self.region = region or os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
        self._session = boto3.Session(region_name=self.region)
        self.account_id = check_sandbox_account(self._session.client("sts"), account_id or os.environ.get(ACCOUNT_ENV))

    def env(self, region: str | None = None) -> dict[str, str]:
        """Only the region: terraform uses the caller's own credentials chain."""
        return {"AWS_REGION": region or self.region, "AWS_DEFAULT_REGION": region or self.region}

    def client(self, service: str, region: str | None = None) -> Any:
        return self._session.client(service, region_name=region or self.region)

    def snapshot(self, regions: Iterable[str] | None = None) -> Snapshot:
        """ARNs of every resource carrying the harness's run tag (any run), in `regions`."""
        regions = tuple(sorted(set(regions or [self.region])))
        found = set()
        for region in regions:
            pages = self.client("resourcegroupstaggingapi", region).get_paginator("get_resources").paginate(
                TagFilters=[{"Key": RUN_TAG}])
            found |= {Item("tagging", "resource", r["ResourceARN"], region)
                      for page in pages for r in page["ResourceTagMappingList"]}
        return Snapshot(regions, frozenset(found))

    def leaks_since(self, baseline: Snapshot) -> list[Item]:
        """Tagged resources that appeared since `baseline` and are still there."""
        return baseline.new_in(self.snapshot(baseline.regions))
