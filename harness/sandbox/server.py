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
from collections.abc import Callable
from pathlib import Path

from harness.errors import SandboxError
from harness.sandbox.account import SandboxAccount

#: loopback requests never go through an HTTP(S)_PROXY from the environment
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port(host: str = "127.0.0.1") -> int:
    """A port the OS says is free right now on `host`."""
    with socket.socket() as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


class EmbeddedSandbox(SandboxAccount):
    """An AWS emulator for one test session or one run, in its default account; use as a context manager.

    Every region is served (the default `region` is only where calls go that name none);
    `new_account()` gives an isolated account in the same emulator.
    """

    def __init__(self, log_dir: Path | None = None, region: str = "us-east-1", port: int | None = None,
                 start_timeout: float = 30.0):
        self.host = "127.0.0.1"
        self.port = port or free_port(self.host)
        super().__init__(f"http://{self.host}:{self.port}", region)
        self.log_dir = Path(log_dir or tempfile.mkdtemp(prefix="sandbox-"))
        self.log_path = self.log_dir / f"moto-{self.port}.log"
        self.start_timeout = start_timeout
        self._proc: subprocess.Popen | None = None

    @classmethod
    def connect(cls, port: int, region: str = "us-east-1") -> EmbeddedSandbox:
        """Use a sandbox another process started (stop() leaves it running)."""
        box = cls(region=region, port=port)
        if not box.healthy():
            raise SandboxError(f"no sandbox answers on 127.0.0.1:{port}")
        return box

    def start(self) -> EmbeddedSandbox:
        """Start the server and wait until it answers; raises SandboxError with the log tail."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        env = {**{k: v for k, v in os.environ.items() if k != "MOTO_ACCOUNT_ID"},  # accounts come from access keys
               "MOTO_IAM_LOAD_MANAGED_POLICIES": "true", "MOTO_PORT": str(self.port)}
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
            with _DIRECT.open(f"{self.endpoint_url}/moto-api/", timeout=5) as resp:
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

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def hold(self, say: Callable[[str], None], region: str | None = None) -> None:
        """Say how to point the AWS CLI or boto3 at the sandbox, then keep it up until Ctrl-C."""
        for key, value in self.env(region).items():
            say(f"  export {key}={value}")
        try:
            while self.running:
                time.sleep(1)
        except KeyboardInterrupt:
            say("stopping the sandbox")

    def __enter__(self) -> EmbeddedSandbox:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
