"""Sandbox server entry point: apply the compatibility layer, then serve moto on loopback.

    python -m harness.sandbox.serve --port N
"""
from __future__ import annotations

import argparse
import os
import threading
import time

from harness.sandbox import moto_compat


def exit_with_parent(poll_seconds: float = 1.0) -> None:
    """Stop serving when the process that started us is gone (even if it was SIGKILLed)."""
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(poll_seconds)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="parent-watch").start()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    exit_with_parent()
    names = moto_compat.apply_all()
    print(f"compatibility patches: {', '.join(names)}", flush=True)
    from moto.server import main as moto_main

    moto_main(["-H", args.host, "-p", str(args.port)])


if __name__ == "__main__":
    main()
