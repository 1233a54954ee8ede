"""Sandbox server entry: apply the moto compat layer, then serve moto on loopback.

Run as ``python -m harness.sandbox.serve --port 0 --port-file PATH``; the bound
port is written to PATH once the socket listens. ``GET /_sandbox/health``
answers JSON with the active patches.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import signal
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

HEALTH_PATH = "/_sandbox/health"
_PR_SET_PDEATHSIG = 1


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", choices=["127.0.0.1"])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--port-file", type=Path, help="write the bound port here")
    parser.add_argument("--no-compat", action="store_true", help="serve plain moto")
    parser.add_argument("--parent-pid", type=int, help="exit when this process dies")
    return parser.parse_args(argv)


def _die_with_parent(parent_pid: int | None) -> None:
    """Ask Linux to SIGTERM us when the parent dies (no stray servers)."""
    if parent_pid is None or not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent_pid:
        sys.exit("sandbox server: parent already gone")


def _with_health(app: Any, patches: list[str]) -> Callable[..., Iterable[bytes]]:
    import moto

    body = json.dumps({"status": "ok", "moto": moto.__version__, "patches": patches}).encode()

    def wsgi(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == HEALTH_PATH:
            start_response("200 OK", [("Content-Type", "application/json")])
            return [body]
        return app(environ, start_response)

    return wsgi


def _write_port(port_file: Path, port: int) -> None:
    tmp = port_file.with_suffix(".tmp")
    tmp.write_text(str(port))
    tmp.replace(port_file)


def main(argv: list[str] | None = None) -> None:
    args = _parse_args(argv)
    _die_with_parent(args.parent_pid)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from werkzeug.serving import make_server

    from harness.sandbox import moto_compat

    patches = [] if args.no_compat else moto_compat.apply_all()
    app = _with_health(DomainDispatcherApplication(create_backend_app), patches)
    server = make_server(
        args.host, args.port, app, threaded=True, request_handler=MotoRequestHandler
    )
    print(f"sandbox server on {args.host}:{server.server_port}; patches: {patches}", flush=True)
    if args.port_file:
        _write_port(args.port_file, server.server_port)
    try:
        server.serve_forever()
    finally:
        server.server_close()
        print("sandbox server stopped", flush=True)


if __name__ == "__main__":
    main()
