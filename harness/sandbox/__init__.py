"""Embedded AWS sandbox: moto server subprocess, compat patches, inventory/leak checks."""

from .inventory import Resource, leaks, snapshot
from .sandbox import EmbeddedSandbox, SandboxError

__all__ = ["EmbeddedSandbox", "Resource", "SandboxError", "leaks", "snapshot"]
