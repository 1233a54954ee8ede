"""Test harness: offline toolchain, embedded AWS sandbox, terraform runs with terratest-style checks."""
