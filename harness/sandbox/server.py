"""EmbeddedSandbox: moto server in a subprocess on a free 127.0.0.1 port, health-checked, always stopped."""
from __future__ import annotations

import atexit
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

ACCESS_KEY = "testing"
SECRET_KEY = "testing"
ACCOUNT_ID = "123456789012"  # moto's default account


#: loopback requests never go through an HTTP(S)_PROXY from the environment
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class SandboxError(RuntimeError):
    """The sandbox could not start or answer."""


def free_port(host: str = "127.0.0.1") -> int:
    """A port the OS says is free right now on `host`."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class EmbeddedSandbox:
    """An AWS emulator for one test session or one run; use as a context manager."""

    def __init__(self, log_dir: Path | None = None, region: str = "us-east-1", port: int | None = None,
                 start_timeout: float = 30.0):
        self.region = region
        self.host = "127.0.0.1"
        self.port = port or free_port(self.host)
        self.log_dir = Path(log_dir or tempfile.mkdtemp(prefix="sandbox-"))
        self.log_path = self.log_dir / f"moto-{self.port}.log"
        self.start_timeout = start_timeout
        self._proc: subprocess.Popen | None = None

    @classmethod
    def connect(cls, port: int, region: str = "us-east-1") -> "EmbeddedSandbox":
        """Use a sandbox another process started (stop() leaves it running)."""
        box = cls(region=region, port=port)
        if not box.healthy():
            raise SandboxError(f"no sandbox answers on 127.0.0.1:{port}")
        return box

    @property
    def endpoint_url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def account_id(self) -> str:
        return ACCOUNT_ID

    def env(self) -> dict[str, str]:
        """Credentials and endpoint for boto3, the AWS CLI and terraform."""
        return {"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
                "AWS_DEFAULT_REGION": self.region, "AWS_REGION": self.region,
                "AWS_ENDPOINT_URL": self.endpoint_url, "AWS_EC2_METADATA_DISABLED": "true"}

    def client(self, service: str) -> Any:
        """A boto3 client for `service` pointed at the sandbox."""
        import boto3

        return boto3.client(service, region_name=self.region, endpoint_url=self.endpoint_url,
                            aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)

    def start(self) -> "EmbeddedSandbox":
        """Start the server and wait until it answers; raises SandboxError with the log tail."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "MOTO_IAM_LOAD_MANAGED_POLICIES": "true", "MOTO_PORT": str(self.port)}
        with self.log_path.open("w") as log:
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "harness.sandbox.serve", "--host", self.host, "--port", str(self.port)],
                stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        atexit.register(self.stop)
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self._proc.poll() is not None:
                raise SandboxError(f"sandbox exited with {self._proc.returncode}; log {self.log_path}:\n"
                                   f"{self.log_tail()}")
            if self.healthy():
                return self
            time.sleep(0.2)
        self.stop()
        raise SandboxError(f"sandbox did not answer within {self.start_timeout:.0f} s; log {self.log_path}:\n"
                           f"{self.log_tail()}")

    def healthy(self) -> bool:
        """True when the server answers (its static dashboard page: cheap whatever the state)."""
        try:
            with urllib.request.urlopen(f"{self.endpoint_url}/moto-api/", timeout=5) as resp:
                return resp.status == 200
        except (urllib.error.URLError, OSError):
            return False

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def stop(self) -> None:
        """Terminate the server (then kill); idempotent, never leaves the process behind."""
        proc, self._proc = self._proc, None
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def snapshot(self) -> set:
        """Everything in the sandbox now (the baseline of a leak check)."""
        from harness.sandbox.inventory import inventory

        return inventory(self.client)

    def leaks_since(self, baseline: set) -> list:
        """What exists now that was not there at `baseline`."""
        from harness.sandbox.inventory import leaks

        return leaks(baseline, self.snapshot())

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def __enter__(self) -> "EmbeddedSandbox":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
