"""Per-resource timings of a terraform apply or destroy, from its own progress lines, and the dependency chain that
decides its wall time.

Terraform prints `ADDRESS: Creating...` when it starts on a resource and `ADDRESS: Creation complete after 31s`
when the provider returns; `Timeline.line` (a run's `echo`) stamps each line as it arrives, so every resource gets
a span (start, end) on one clock. The critical chain walks back from the span that ended last: in an apply a
resource waits for its dependencies (the state's `dependencies`), in a destroy for the resources that depend on
it; the link is the one of those that ended last. Its spans and the gaps between them (terraform, the provider
and the emulator working) add up to the phase's wall time.
"""
from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

_LINE = re.compile(r"^(?P<address>\S+?): (?P<event>Creating\.\.\.|Destroying\.\.\.|Modifying\.\.\.|Creation complete"
                   r"|Destruction complete|Modifications complete)")
_STARTS = {"Creating...", "Destroying...", "Modifying..."}


@dataclass(frozen=True)
class Span:
    """One resource's operation in a phase, in seconds since the phase started."""

    address: str
    start: float
    end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start

    @property
    def type(self) -> str:
        """The resource type: `aws_lb` for `module.x.aws_lb.this["a"]`."""
        return self.address.split("[")[0].split(".")[-2]


def dependencies(state_file: Path) -> dict[str, set[str]]:
    """Address -> the addresses it depends on, from a state file (instance keys dropped: an index depends on
    what its resource depends on)."""
    state = json.loads(state_file.read_text())
    found: dict[str, set[str]] = {}
    for resource in state.get("resources", []):
        if resource.get("mode") != "managed":
            continue
        address = ".".join(p for p in (resource.get("module"), resource["type"], resource["name"]) if p)
        for instance in resource.get("instances", []):
            found.setdefault(address, set()).update(instance.get("dependencies", []))
    return found


@dataclass
class Timeline:
    """One phase's stamped progress lines (pass `line` as the run's echo), turned into spans."""

    started: float = field(default_factory=time.monotonic)
    _open: dict[str, float] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)

    def line(self, text: str) -> None:
        now = time.monotonic() - self.started
        match = _LINE.match(text.strip())
        if not match:
            return
        if match["event"] in _STARTS:
            self._open[match["address"]] = now
        elif match["address"] in self._open:
            self.spans.append(Span(match["address"], self._open.pop(match["address"]), now))

    @property
    def first_start(self) -> float:
        """When terraform started on its first resource (before: start-up, provider, refresh)."""
        return min((s.start for s in self.spans), default=0.0)

    def critical_chain(self, depends_on: Mapping[str, set[str]], destroy: bool = False) -> list[Span]:
        """The spans that decide the wall time, first to last (see the module docstring)."""
        if not self.spans:
            return []
        by_resource = {s.address.split("[")[0]: s for s in self.spans}
        if destroy:  # a destroy waits for what depends on the resource
            waits_for: dict[str, set[str]] = {}
            for address, needs in depends_on.items():
                for need in needs:
                    waits_for.setdefault(need, set()).add(address)
        else:
            waits_for = {a: set(n) for a, n in depends_on.items()}
        chain = [max(self.spans, key=lambda s: s.end)]
        while True:
            before = [by_resource[a] for a in waits_for.get(chain[-1].address.split("[")[0], ())
                      if a in by_resource and by_resource[a].end <= chain[-1].start + 0.5]
            if not before:
                return chain[::-1]
            chain.append(max(before, key=lambda s: s.end))
