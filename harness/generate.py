"""Synthesize an environment in a child process with a session of its own.

cdktf runs on jsii, which starts a Node process; in the terminal's process group a Ctrl-C reaches
that process too, and jsii then ends the Python process with a BrokenPipeError traceback at exit.
A child in its own session keeps Node out of the terminal's reach: Ctrl-C reaches only the harness,
which stops the child's whole session.

    python -m harness.generate ENV OVERRIDES_JSON OUTDIR   # prints {"directory", "provider_version"}; exit 2: bad input
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator import SynthesizedStack
from harness.errors import HarnessError, InputError, InputProblem

BAD_INPUT = 2


def synthesize_apart(env_name: str, overrides: Mapping[str, Any], outdir: Path) -> SynthesizedStack:
    """`env_name` synthesized into `outdir` by a child process (see the module doc)."""
    proc = subprocess.Popen([sys.executable, "-m", "harness.generate", env_name, json.dumps(overrides), str(outdir)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate()
    except BaseException:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()
        raise
    if proc.returncode == BAD_INPUT:
        raise InputError([InputProblem(f"environment {env_name}", "(synthesis)", err.strip())])
    if proc.returncode:
        raise HarnessError(f"synthesizing {env_name} failed (exit {proc.returncode}):\n{err.strip()[-2000:]}")
    made = json.loads(out.strip().splitlines()[-1])
    return SynthesizedStack(env_name, Path(made["directory"]), made["provider_version"])


def main(argv: list[str]) -> int:
    from generator import GeneratorError, load_env, synthesize

    env_name, overrides, outdir = argv
    try:
        [stack] = synthesize({env_name: load_env(env_name, overrides=json.loads(overrides))}, Path(outdir))
    except GeneratorError as exc:
        print(exc, file=sys.stderr)
        return BAD_INPUT
    print(json.dumps({"directory": str(stack.directory), "provider_version": stack.provider_version}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
