"""The generic leak check: every resource the applied state held is looked up after destroy, plus a region-wide scan.

1. From the state: each managed resource a run's applies recorded (type, id, region from its
   ARN or its provider configuration) is asked of the account with `harness.existence`; one
   still there is a leak, one the check cannot look up is listed as not checked, never passed.
2. Region-wide: everything in the regions the run used (and global services) is listed and
   diffed against the baseline taken before apply (`harness.sandbox.inventory`), which also
   catches what the state never knew (a resource removed from state, an implicit one).
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from harness.documents import Resource
from harness.errors import LeakError
from harness.existence import ADOPTED, Probe, Unchecked, still_exists
from harness.sandbox.inventory import Item

AWS_PROVIDER = "registry.terraform.io/hashicorp/aws"
LEAKED, GONE, KEPT, UNCHECKED = "left behind", "gone", "kept by design", "not checked"
#: lookups of one leak check in flight at once
LOOKUP_THREADS = 4


@dataclass(frozen=True)
class Finding:
    """What the check found for one resource of the state."""

    address: str
    id: str
    region: str
    verdict: str
    reason: str = ""

    def __str__(self) -> str:
        why = f": {self.reason}" if self.reason else ""
        return f"{self.address} ({self.id}, {self.region}){why}"

    def line(self) -> str:
        """The verdict, then the finding: `not checked: aws_x.y (id, region): why`."""
        return f"{self.verdict}: {self}"


@dataclass(frozen=True)
class LeakReport:
    """Result of a leak check: per resource of the state, and what the region-wide scan found new."""

    findings: tuple[Finding, ...] = ()
    scan_leaks: tuple[Item, ...] = ()
    regions: tuple[str, ...] = ()

    def with_verdict(self, verdict: str) -> list[Finding]:
        return [f for f in self.findings if f.verdict == verdict]

    @property
    def leaked(self) -> list[Finding]:
        return self.with_verdict(LEAKED)

    @property
    def not_checked(self) -> list[Finding]:
        return self.with_verdict(UNCHECKED)

    @property
    def clean(self) -> bool:
        """Nothing left behind (resources that could not be checked are listed, not counted as leaks)."""
        return not self.leaked and not self.scan_leaks

    def summary(self) -> str:
        """One line: how many were checked and what was found."""
        parts = [f"{len(self.findings)} resource(s) of the state checked: {len(self.with_verdict(GONE))} gone, "
                 f"{len(self.leaked)} left behind"]
        if self.with_verdict(KEPT):
            parts.append(f"{len(self.with_verdict(KEPT))} kept by design")
        if self.not_checked:
            parts.append(f"{len(self.not_checked)} not checked")
        parts.append(f"region-wide scan ({', '.join(self.regions) or '-'} + global): "
                     f"{len(self.scan_leaks)} new resource(s)")
        return "; ".join(parts)

    def details(self) -> str:
        """The summary, then every leak and every resource not checked, one per line."""
        lines = [self.summary()]
        lines += [f"  {f.line()}" for f in self.leaked]
        lines += [f"  new since the baseline: {item}" for item in self.scan_leaks]
        lines += [f"  {f.line()}" for f in self.not_checked]
        return "\n".join(lines)

    def raise_if_leaked(self) -> None:
        if not self.clean:
            raise LeakError(self.details(), self)


def check_state(resources: Iterable[Resource], client_for: Callable[[str, str], Any],
                provider_regions: Mapping[str, str | None], default_region: str) -> list[Finding]:
    """A finding for every managed resource in `resources` (gone, left behind, kept by design, not checked), in order.

    Lookups run LOOKUP_THREADS at a time (each waits on the endpoint), with one client per service and region
    for the whole check (creating a boto3 client costs ~20 ms, more than a lookup)."""
    clients = _shared_clients(client_for)
    managed = [r for r in resources if r.mode == "managed"]
    with ThreadPoolExecutor(LOOKUP_THREADS) as pool:
        return list(pool.map(lambda r: _finding(r, r.region(provider_regions, default_region), clients), managed))


def _shared_clients(client_for: Callable[[str, str], Any]) -> Callable[[str, str], Any]:
    """`client_for`, each client made once: clients may be shared by threads, making them from the default session
    may not (https://boto3.amazonaws.com/v1/documentation/api/latest/guide/clients.html#multithreading-or-multiprocessing-with-clients)."""
    made: dict[tuple[str, str], Any] = {}
    lock = threading.Lock()

    def client(service: str, region: str) -> Any:
        with lock:
            if (service, region) not in made:
                made[service, region] = client_for(service, region)
            return made[service, region]
    return client


def _finding(resource: Resource, region: str, client_for: Callable[[str, str], Any]) -> Finding:
    def verdict(what: str, reason: str = "") -> Finding:
        return Finding(resource.address, resource.id, region, what, reason)

    if f'"{AWS_PROVIDER}"' not in resource.provider:
        return verdict(UNCHECKED, f"not an AWS resource ({resource.provider})")
    if resource.type in ADOPTED:
        return verdict(KEPT, "adopted by Terraform, not created: destroy only forgets it")
    try:
        exists = still_exists(resource.type, Probe(resource.values, lambda service: client_for(service, region)))
    except Unchecked as exc:
        return verdict(UNCHECKED, str(exc))
    return verdict(LEAKED if exists else GONE)
