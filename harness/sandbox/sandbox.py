"""EmbeddedSandbox: a moto server (with our compat layer) in a child process on loopback."""

from __future__ import annotations

import atexit
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
import weakref
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import boto3
from botocore.config import Config

from .inventory import Resource, leaks, snapshot
from .serve import HEALTH_PATH

HOST = "127.0.0.1"
ACCESS_KEY_ID = "testing"
SECRET_ACCESS_KEY = "testing"
_PROJECT_ROOT = Path(__file__).resolve().parents[2]
_live: weakref.WeakSet[EmbeddedSandbox] = weakref.WeakSet()
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: never proxy


class SandboxError(RuntimeError):
    """The sandbox server failed to start or answer."""


class EmbeddedSandbox:
    """Moto server in a subprocess; use as a context manager or start()/stop()."""

    def __init__(
        self,
        region: str = "us-east-1",
        *,
        log_dir: Path | None = None,
        compat: bool = True,
        take_baseline: bool = True,
        startup_timeout: float = 60.0,
        stop_timeout: float = 10.0,
        extra_env: Mapping[str, str] | None = None,
    ) -> None:
        self.region = region
        self.compat = compat
        self.take_baseline = take_baseline
        self.startup_timeout = startup_timeout
        self.stop_timeout = stop_timeout
        self._extra_env = dict(extra_env or {})
        self._log_dir = log_dir
        self._process: subprocess.Popen[bytes] | None = None
        self._port: int | None = None
        self._baseline: list[Resource] | None = None
        self.log_path: Path | None = None
        self.patches: list[str] = []

    # lifecycle -----------------------------------------------------------
    def start(self) -> EmbeddedSandbox:
        """Spawn the server, wait until healthy, take the baseline inventory (if asked)."""
        if self._process is not None:
            raise SandboxError("sandbox already started")
        self._port = None
        log_dir = self._log_dir or Path(tempfile.mkdtemp(prefix="sandbox-"))
        log_dir.mkdir(parents=True, exist_ok=True)
        self.log_path = log_dir / "moto-server.log"
        port_file = log_dir / "moto-server.port"
        port_file.unlink(missing_ok=True)
        command = [sys.executable, "-m", "harness.sandbox.serve", "--host", HOST, "--port", "0",
                   "--port-file", str(port_file), "--parent-pid", str(os.getpid())]
        if not self.compat:
            command.append("--no-compat")
        with open(self.log_path, "wb") as log:
            self._process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env=self._server_env(), cwd=_PROJECT_ROOT, start_new_session=True,
            )
        _live.add(self)
        try:
            self._wait_healthy(port_file)
            if self.take_baseline:
                self._baseline = snapshot(self)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Terminate the server (kill after stop_timeout); safe to call twice."""
        process, self._process = self._process, None
        _live.discard(self)
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(self.stop_timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(self.stop_timeout)

    def __enter__(self) -> EmbeddedSandbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    # connection details ----------------------------------------------------
    @property
    def port(self) -> int:
        if self._port is None:
            raise SandboxError("sandbox not started")
        return self._port

    @property
    def endpoint_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def credentials(self) -> dict[str, str]:
        return {"aws_access_key_id": ACCESS_KEY_ID, "aws_secret_access_key": SECRET_ACCESS_KEY}

    def env(self) -> dict[str, str]:
        """Environment for boto3 / aws cli / terraform processes using this sandbox."""
        no_proxy = ",".join(filter(None, [os.environ.get("NO_PROXY"), HOST, "localhost"]))
        return {
            "AWS_ACCESS_KEY_ID": ACCESS_KEY_ID,
            "AWS_SECRET_ACCESS_KEY": SECRET_ACCESS_KEY,
            "AWS_DEFAULT_REGION": self.region,
            "AWS_REGION": self.region,
            "AWS_ENDPOINT_URL": self.endpoint_url,
            "NO_PROXY": no_proxy,
            "no_proxy": no_proxy,
        }

    def client(self, service_name: str, **kwargs: Any) -> Any:
        """A boto3 client for `service_name` pointed at the sandbox."""
        kwargs.setdefault("config", Config(retries={"max_attempts": 2, "mode": "standard"}))
        return boto3.client(
            service_name, endpoint_url=self.endpoint_url, region_name=self.region,
            **self.credentials, **kwargs,
        )

    # leak checks ----------------------------------------------------------
    def baseline(self) -> list[Resource]:
        """Inventory taken right after start (what a fresh moto already holds)."""
        if self._baseline is None:
            raise SandboxError("no baseline: sandbox not started or take_baseline=False")
        return list(self._baseline)

    def leaks(
        self, name_prefix: str | None = None, tags: Mapping[str, str] | None = None
    ) -> list[Resource]:
        """Resources present now but not at start, optionally scoped (see inventory.leaks)."""
        return leaks(self.baseline(), snapshot(self), name_prefix, tags)

    # internals ------------------------------------------------------------
    def _server_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            MOTO_IAM_LOAD_MANAGED_POLICIES="true",
            AWS_ACCESS_KEY_ID=ACCESS_KEY_ID,
            AWS_SECRET_ACCESS_KEY=SECRET_ACCESS_KEY,
            AWS_DEFAULT_REGION=self.region,
            PYTHONUNBUFFERED="1",
            PYTHONPATH=os.pathsep.join(filter(None, [str(_PROJECT_ROOT), env.get("PYTHONPATH")])),
        )
        env.update(self._extra_env)
        return env

    def _wait_healthy(self, port_file: Path) -> None:
        deadline = time.monotonic() + self.startup_timeout
        last_error = "no port file yet"
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                self._fail(f"server exited with code {self._process.returncode}")
            if self._port is None and port_file.exists():
                self._port = int(port_file.read_text())
            if self._port is not None:
                try:
                    with _DIRECT.open(self.endpoint_url + HEALTH_PATH, timeout=2) as reply:
                        self.patches = json.load(reply)["patches"]
                        return
                except OSError as error:
                    last_error = str(error)
            time.sleep(0.05)
        self._fail(f"not healthy after {self.startup_timeout:.0f}s ({last_error})")

    def _fail(self, reason: str) -> None:
        raise SandboxError(f"sandbox server {reason}; log {self.log_path}:\n{self.log_tail()}")

    def log_tail(self, lines: int = 40) -> str:
        """Last lines of the server log (empty if none yet)."""
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


@atexit.register
def _stop_live_sandboxes() -> None:
    for sandbox in list(_live):
        sandbox.stop()
