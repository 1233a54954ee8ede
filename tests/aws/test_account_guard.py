"""The real-account lane's guard, exercised against the embedded sandbox's STS (shared code path)."""
from __future__ import annotations

import pytest

from harness.aws_account import AccountRefused, check_sandbox_account

pytestmark = pytest.mark.plan


def test_accepts_only_the_configured_account(sandbox) -> None:
    sts = sandbox.client("sts")
    assert check_sandbox_account(sts, sandbox.account_id) == sandbox.account_id
    with pytest.raises(AccountRefused, match="is not the configured sandbox account 999999999999; refusing"):
        check_sandbox_account(sts, "999999999999")
    with pytest.raises(AccountRefused, match="ECSGEN_SANDBOX_ACCOUNT_ID"):
        check_sandbox_account(sts, None)


def test_http_check_reports_last_answer() -> None:
    from harness.live_checks import http_get_ok

    with pytest.raises(AssertionError, match="never answered 200"):
        http_get_ok("http://127.0.0.1:9/home", attempts=2, wait_seconds=0)
