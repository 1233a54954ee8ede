"""Retries on errors known to be transient (terratest's `RetryableTerraformErrors` idea), never on configuration errors.

A failure is retried when its output matches a transient signature and no non-transient one:
a DNS failure or a credentials error also prints "send request failed", but a second attempt
only repeats it (an endpoint that does not exist, a provider pointed at the wrong place).
"""
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

#: output fragments that mean the configuration is wrong: never retried, whatever else the output says
NOT_TRANSIENT: tuple[str, ...] = (
    r"no such host",                                 # an endpoint that does not resolve (real AWS from offline)
    r"NoCredentialProviders",
    r"No valid credential sources found",
    r"InvalidClientTokenId",
    r"UnrecognizedClientException",
    r"SignatureDoesNotMatch",
    r"AuthFailure",
    r"error configuring Terraform AWS Provider",
    r"Invalid provider configuration",
    r"Failed to query available provider packages",  # the registry is unreachable or has no such version
    r"no available releases match",
    r"Unsupported argument",
    r"Missing required argument",
    r"Reference to undeclared",
    r"No value for required variable",
)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and on what to retry a terraform command."""

    attempts: int = 3
    wait_seconds: float = 3.0
    patterns: tuple[str, ...] = field(default=TRANSIENT_ERRORS)
    never: tuple[str, ...] = field(default=NOT_TRANSIENT)

    def transient(self, output: str) -> str | None:
        """The first known transient error in `output`, or None (also when a non-transient signature is there)."""
        if any(re.search(pattern, output) for pattern in self.never):
            return None
        for pattern in self.patterns:
            match = re.search(pattern, output)
            if match:
                return match.group(0)
        return None
