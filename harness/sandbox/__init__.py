"""The embedded AWS sandbox: moto server on loopback, with a compatibility layer for its gaps."""
from harness.sandbox.server import EmbeddedSandbox, SandboxError

__all__ = ["EmbeddedSandbox", "SandboxError"]
