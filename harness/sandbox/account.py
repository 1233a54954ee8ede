"""One account of the embedded sandbox: its endpoint, credentials and default region, for terraform and boto3.

moto serves every region on one endpoint (the region comes from each request's signature) and
keeps accounts apart by access key: `SandboxAccount.new_account()` registers an access key in a
fresh account, so runs that share one emulator can be isolated from each other (their region-wide
leak scans then see only their own resources).
"""
from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

from harness.sandbox.inventory import Snapshot, inventory

ACCESS_KEY = "testing"
SECRET_KEY = "testing"
ACCOUNT_ID = "123456789012"  # moto's default account (any unregistered access key lands there)
ACCOUNT_HEADER = "x-moto-account-id"  # moto: act in this account (used only to register an account's key)
#: variables that would take precedence over, or mix with, the sandbox's static credentials
FOREIGN_CREDENTIALS = ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ROLE_ARN",
                       "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE")
_ACCOUNT_NUMBERS = itertools.count(100000000001)


class SandboxAccount:
    """An account of the emulator at `endpoint_url`, used with `region` unless a call names another."""

    def __init__(self, endpoint_url: str, region: str = "us-east-1", account_id: str = ACCOUNT_ID,
                 access_key: str = ACCESS_KEY, secret_key: str = SECRET_KEY):
        self._endpoint_url = endpoint_url
        self.region = region
        self.account_id = account_id
        self.access_key, self.secret_key = access_key, secret_key

    @property
    def endpoint_url(self) -> str:
        return self._endpoint_url

    def env(self, region: str | None = None) -> dict[str, str]:
        """Credentials, region and endpoint for boto3, the AWS CLI and terraform (unset FOREIGN_CREDENTIALS too)."""
        region = region or self.region
        return {"AWS_ACCESS_KEY_ID": self.access_key, "AWS_SECRET_ACCESS_KEY": self.secret_key,
                "AWS_DEFAULT_REGION": region, "AWS_REGION": region,
                "AWS_ENDPOINT_URL": self.endpoint_url, "AWS_EC2_METADATA_DISABLED": "true"}

    def client(self, service: str, region: str | None = None) -> Any:
        """A boto3 client for `service` in this account, pointed at the sandbox."""
        import boto3

        return boto3.client(service, region_name=region or self.region, endpoint_url=self.endpoint_url,
                            aws_access_key_id=self.access_key, aws_secret_access_key=self.secret_key)

    def new_account(self) -> SandboxAccount:
        """A fresh account in the same emulator, with its own access key (resources invisible to other accounts)."""
        account_id = str(next(_ACCOUNT_NUMBERS))
        iam = self.client("iam")

        def in_account(request: Any, **_: Any) -> None:
            request.headers[ACCOUNT_HEADER] = account_id

        iam.meta.events.register("before-sign.iam.*", in_account)
        iam.create_user(UserName="harness")
        key = iam.create_access_key(UserName="harness")["AccessKey"]
        return SandboxAccount(self.endpoint_url, self.region, account_id, key["AccessKeyId"], key["SecretAccessKey"])

    def snapshot(self, regions: Iterable[str] | None = None) -> Snapshot:
        """Everything in the account now, in `regions` (default: its region) and in global services."""
        return inventory(self.client, sorted(set(regions or [self.region])))

    def leaks_since(self, baseline: Snapshot) -> list:
        """What exists now, in the baseline's regions, that was not there at `baseline`."""
        return baseline.new_in(self.snapshot(baseline.regions))
