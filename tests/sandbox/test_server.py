"""EmbeddedSandbox: starts on a free loopback port, answers, logs, and never outlives its `with`."""
from __future__ import annotations

import os
import socket

import pytest

from harness.sandbox import EmbeddedSandbox, SandboxError

pytestmark = pytest.mark.plan


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_start_answer_stop(tmp_path) -> None:
    with EmbeddedSandbox(log_dir=tmp_path) as box:
        pid = box._proc.pid
        assert box.endpoint_url.startswith("http://127.0.0.1:") and box.healthy()
        assert box.client("sts").get_caller_identity()["Account"] == box.account_id
    assert not pid_alive(pid) and port_is_free(box.port) and not box.running
    log = box.log_path.read_text()
    assert "compatibility patches: ecs_service_settings" in log


def test_stopped_on_exception(tmp_path) -> None:
    box = EmbeddedSandbox(log_dir=tmp_path)
    with pytest.raises(RuntimeError, match="boom"):
        with box:
            pid = box._proc.pid
            raise RuntimeError("boom")
    assert not pid_alive(pid) and port_is_free(box.port)


def test_start_failure_is_clear(tmp_path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        box = EmbeddedSandbox(log_dir=tmp_path, port=taken.getsockname()[1], start_timeout=15)
        with pytest.raises(SandboxError) as info:
            box.start()
    assert str(box.log_path) in str(info.value)
    assert not box.running


def test_inventory_baseline_and_leaks(tmp_path) -> None:
    with EmbeddedSandbox(log_dir=tmp_path) as box:
        baseline = box.snapshot()
        assert any(item.kind == "vpc" for item in baseline)  # the default VPC belongs to the baseline
        box.client("ecs").create_cluster(clusterName="leaky")
        box.client("iam").create_role(RoleName="leaky", AssumeRolePolicyDocument="{}")
        leaked = {(i.service, i.kind) for i in box.leaks_since(baseline)}
        assert leaked == {("ecs", "cluster"), ("iam", "role")}
        box.client("ecs").delete_cluster(cluster="leaky")  # stays listed as INACTIVE, as in AWS
        box.client("iam").delete_role(RoleName="leaky")
        assert box.leaks_since(baseline) == []
