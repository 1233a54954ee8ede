"""Benchmark: cold synthesis of every environment vs. the floor (only importing cdktf + the bindings used).

Each figure is a fresh process (so imports are cold, as for a user), median of N runs, with the
summed RSS of the process tree (Python and jsii's Node). Also measured: the same synth with jsii's
package cache disabled (JSII_RUNTIME_PACKAGE_CACHE=disabled), to show what the cache saves.
Targets (issue #2): overhead over the floor <= 30 %, peak RSS <= 1.2 GB.

    .venv/bin/python benchmarks/synth.py [--runs 3]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from procstat import Measurement, measure

ROOT = Path(__file__).resolve().parents[1]
FLOOR = "import generator.aws"  # the facade imports exactly cdktf + the binding submodules we use
#: synthesize every environment in-process, counting the messages Python sends to jsii's Node (round trips)
ROUND_TRIPS = """
import tempfile
from pathlib import Path
from jsii._kernel.providers.process import _NodeProcess
sent = [0]
send = _NodeProcess.send
def counting(self, *args, **kwargs):
    sent[0] += 1
    return send(self, *args, **kwargs)
_NodeProcess.send = counting
from generator.config import all_envs
from generator.synth import synthesize
with tempfile.TemporaryDirectory() as out:
    synthesize(all_envs(Path("envs")), Path(out))
print(sent[0])
"""


def median(runs: list[Measurement]) -> tuple[float, float, float]:
    return (statistics.median(r.seconds for r in runs), statistics.median(r.cpu_seconds for r in runs),
            max(r.peak_rss_mb for r in runs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    python = sys.executable
    floor: list[Measurement] = []
    full: list[Measurement] = []
    nocache: list[Measurement] = []
    with tempfile.TemporaryDirectory() as out:
        synth = [python, "-m", "generator", "synth", "--out", out]
        for _ in range(args.runs):  # in turn, so a machine that slows down or speeds up weighs on all three alike
            floor.append(measure([python, "-c", FLOOR]))
            full.append(measure(synth))
            nocache.append(measure(synth, env={"JSII_RUNTIME_PACKAGE_CACHE": "disabled"}))
    (f_s, f_cpu, f_mb), (s_s, s_cpu, s_mb), (n_s, n_cpu, n_mb) = median(floor), median(full), median(nocache)
    # each round's synth against the floor measured just before it; the median of those ratios
    pairs = list(zip(floor, full, strict=True))
    overhead = statistics.median((s.seconds / f.seconds - 1) * 100 for f, s in pairs)
    cpu_overhead = statistics.median((s.cpu_seconds / f.cpu_seconds - 1) * 100 for f, s in pairs)
    print(f"{'case':44s} {'median s':>9s} {'CPU s':>7s} {'peak RSS MB':>12s}")
    print(f"{'floor: import cdktf + bindings used':44s} {f_s:9.2f} {f_cpu:7.2f} {f_mb:12.0f}")
    print(f"{'synth all environments (jsii cache on)':44s} {s_s:9.2f} {s_cpu:7.2f} {s_mb:12.0f}")
    print(f"{'synth all environments (jsii cache off)':44s} {n_s:9.2f} {n_cpu:7.2f} {n_mb:12.0f}")
    print(f"overhead over floor (median of paired runs): wall {overhead:.1f} % (target <= 30 %), "
          f"CPU {cpu_overhead:.1f} %; peak RSS {s_mb:.0f} MB (target <= 1200 MB)")
    print(f"jsii package cache saves {n_s - s_s:.2f} s per process")
    trips = subprocess.run([python, "-c", ROUND_TRIPS], cwd=ROOT, capture_output=True, text=True, check=True)
    print(f"jsii round trips to synthesize every environment: {trips.stdout.split()[-1]}")
    return 0 if overhead <= 30 and s_mb <= 1200 else 1


if __name__ == "__main__":
    sys.exit(main())
