"""Retries on errors known to be transient (terratest's `RetryableTerraformErrors` idea)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

#: output fragments of failures that a second attempt usually clears
TRANSIENT_ERRORS: tuple[str, ...] = (
    r"connection reset by peer",
    r"connection refused",
    r"i/o timeout",
    r"TLS handshake timeout",
    r"RequestError: send request failed",
    r"Throttling(Exception)?:",
    r"TooManyRequestsException",
    r"RequestLimitExceeded",
    r"ServiceUnavailable",
    r"Error: Failed to install provider",
    r"text file busy",
)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and on what to retry a terraform command."""

    attempts: int = 3
    wait_seconds: float = 3.0
    patterns: tuple[str, ...] = field(default=TRANSIENT_ERRORS)

    def transient(self, output: str) -> str | None:
        """The first known transient error in `output`, or None."""
        for pattern in self.patterns:
            match = re.search(pattern, output)
            if match:
                return match.group(0)
        return None
