"""Configuration errors (re-exported from generator.errors, the generator's one error hierarchy)."""
from generator.errors import ConfigError, Problem

__all__ = ["ConfigError", "Problem"]
