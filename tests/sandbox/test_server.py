"""EmbeddedSandbox lifecycle: start, health, logs, env, stop (also on errors)."""

from __future__ import annotations

import json
import os
import socket
import sys
import urllib.request
from pathlib import Path

import pytest

from harness.sandbox import EmbeddedSandbox, SandboxError
from harness.sandbox import moto_compat
from harness.sandbox.serve import HEALTH_PATH


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie is not alive
        return stat.read().split()[2] != "Z"


def _port_free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def test_start_health_stop(tmp_path: Path) -> None:
    sandbox = EmbeddedSandbox(log_dir=tmp_path, take_baseline=False).start()
    try:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(sandbox.endpoint_url + HEALTH_PATH, timeout=5) as reply:
            health = json.load(reply)
        assert health["status"] == "ok"
        assert sandbox.endpoint_url.startswith("http://127.0.0.1:")
        pid, port = sandbox.pid, sandbox.port
        assert pid is not None and _alive(pid)
    finally:
        sandbox.stop()
    assert not _alive(pid)
    assert _port_free(port)
    sandbox.stop()  # idempotent


def test_log_file_written(sandbox: EmbeddedSandbox) -> None:
    sandbox.client("sts").get_caller_identity()
    assert sandbox.log_path is not None
    log = sandbox.log_path.read_text()
    assert f"sandbox server on 127.0.0.1:{sandbox.port}" in log
    assert "POST / HTTP/1.1" in log


@pytest.mark.parametrize("error", [RuntimeError, KeyboardInterrupt])
def test_stops_when_the_with_block_raises(tmp_path: Path, error: type[BaseException]) -> None:
    with pytest.raises(error):
        with EmbeddedSandbox(log_dir=tmp_path, take_baseline=False) as sandbox:
            pid = sandbox.pid
            raise error()
    assert pid is not None and not _alive(pid)


def test_server_that_dies_reports_log_tail(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_python = tmp_path / "python"
    fake_python.write_text("#!/bin/sh\necho 'boom: cannot serve' >&2\nexit 3\n")
    fake_python.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(fake_python))
    sandbox = EmbeddedSandbox(log_dir=tmp_path)
    with pytest.raises(SandboxError, match="(?s)exited with code 3.*boom: cannot serve"):
        sandbox.start()
    assert sandbox.pid is None


def test_server_that_never_answers_times_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_python = tmp_path / "python"
    fake_python.write_text("#!/bin/sh\necho 'hanging'\nexec sleep 30\n")
    fake_python.chmod(0o755)
    monkeypatch.setattr(sys, "executable", str(fake_python))
    sandbox = EmbeddedSandbox(log_dir=tmp_path, startup_timeout=1)
    with pytest.raises(SandboxError, match="(?s)not healthy after 1s.*hanging"):
        sandbox.start()
    assert sandbox.pid is None


def test_env_credentials_and_client(sandbox: EmbeddedSandbox) -> None:
    env = sandbox.env()
    assert env["AWS_ENDPOINT_URL"] == sandbox.endpoint_url
    assert env["AWS_DEFAULT_REGION"] == sandbox.region == "us-east-1"
    assert env["AWS_ACCESS_KEY_ID"] == sandbox.credentials["aws_access_key_id"]
    assert sandbox.client("sts").get_caller_identity()["Account"].isdigit()


def test_aws_managed_policies_loaded(sandbox: EmbeddedSandbox) -> None:
    arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
    assert sandbox.client("iam").get_policy(PolicyArn=arn)["Policy"]["Arn"] == arn


def test_active_patches_reported(sandbox: EmbeddedSandbox, plain_sandbox: EmbeddedSandbox) -> None:
    registry = moto_compat.patches()
    assert sandbox.patches == list(registry)
    assert all(description for description in registry.values())
    assert plain_sandbox.patches == []
