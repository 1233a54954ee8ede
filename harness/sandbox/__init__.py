"""The embedded AWS sandbox: moto server on loopback, with a compatibility layer for its gaps."""
from harness.errors import SandboxError
from harness.sandbox.account import SandboxAccount
from harness.sandbox.server import EmbeddedSandbox

__all__ = ["EmbeddedSandbox", "SandboxAccount", "SandboxError"]
