"""EmbeddedSandbox: starts on a free loopback port, answers, logs, and never outlives its `with`."""
from __future__ import annotations

import os
import signal
import socket
import threading

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
    with pytest.raises(RuntimeError, match="boom"), box:
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
        assert any(item.kind == "vpc" for item in baseline.items)  # the default VPC belongs to the baseline
        box.client("ecs").create_cluster(clusterName="leaky")
        box.client("iam").create_role(RoleName="leaky", AssumeRolePolicyDocument="{}")
        leaked = {(i.service, i.kind) for i in box.leaks_since(baseline)}
        assert leaked == {("ecs", "cluster"), ("iam", "role")}
        ecs = box.client("ecs")
        ecs.register_task_definition(family="f", containerDefinitions=[{"name": "a", "image": "x", "memory": 512}])
        ecs.create_service(cluster="leaky", serviceName="s", taskDefinition="f", desiredCount=0)
        assert ("ecs", "service") in {(i.service, i.kind) for i in box.leaks_since(baseline)}
        ecs.delete_service(cluster="leaky", service="s")  # listed as INACTIVE afterwards, as in AWS
        ecs.deregister_task_definition(taskDefinition="f:1")
        assert {(i.service, i.kind) for i in box.leaks_since(baseline)} == {("ecs", "cluster"), ("iam", "role")}
        ecs.delete_cluster(cluster="leaky")  # stays listed as INACTIVE, as in AWS
        box.client("iam").delete_role(RoleName="leaky")
        assert box.leaks_since(baseline) == []
        box.client("dynamodb").create_table(  # with SSE: the service creates the AWS managed key alias/aws/dynamodb
            TableName="t", BillingMode="PAY_PER_REQUEST", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], SSESpecification={"Enabled": True})
        assert [(i.kind, i.identifier) for i in box.leaks_since(baseline)] == [("table", "t")]


def test_server_exits_when_its_parent_is_killed(tmp_path) -> None:
    import signal
    import subprocess
    import sys
    import time

    code = ("from harness.sandbox import EmbeddedSandbox; import sys, time; "
            f"b = EmbeddedSandbox(log_dir={str(tmp_path)!r}).start(); print(b._proc.pid, flush=True); time.sleep(60)")
    parent = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    server_pid = int(parent.stdout.readline())
    assert pid_alive(server_pid)
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while pid_alive(server_pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not pid_alive(server_pid)


def test_hold_says_how_to_reach_it_and_ends_on_ctrl_c_or_when_the_server_stops(tmp_path) -> None:
    said: list[str] = []
    with EmbeddedSandbox(log_dir=tmp_path) as box:
        threading.Timer(1.5, os.kill, (os.getpid(), signal.SIGINT)).start()  # Ctrl-C while it holds
        box.hold(said.append, "eu-west-1")
        assert box.running  # Ctrl-C ends the hold; the `with` stops the server
        threading.Timer(1.5, box.stop).start()
        box.hold(said.append)
    assert f"  export AWS_ENDPOINT_URL={box.endpoint_url}" in said and "  export AWS_REGION=eu-west-1" in said
    assert said.count("stopping the sandbox") == 1 and not box.running
