"""Run a command and sample the summed RSS of its whole process tree (Python + jsii's Node)."""
from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Measurement:
    """Wall time and peak resident memory of one command's process tree."""

    seconds: float
    peak_rss_mb: float
    returncode: int
    #: user + system CPU seconds of the command and every descendant it waited for (Python and jsii's Node)
    cpu_seconds: float = 0.0


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def tree_rss_kb(pid: int) -> int:
    """Resident memory of `pid` and all its descendants, in KiB."""
    tree, total, todo = _children(), 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
        todo.extend(tree.get(current, []))
    return total


def measure(command: list[str], env: dict[str, str] | None = None, interval: float = 0.05) -> Measurement:
    """Run `command`, sampling its process-tree RSS every `interval` seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(command, env={**os.environ, **(env or {})}, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, tree_rss_kb(proc.pid))
            time.sleep(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    sampler.join()
    if proc.returncode:
        raise RuntimeError(f"{command} failed: {err.decode()[-2000:]}")
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measurement(seconds, peak / 1024, proc.returncode, cpu)
