"""Terraform for an ECS Fargate application, generated from a typed environment file.

The public API (what the harness, tests and users' scripts import); everything else is internal:

- `load_env(name, envs_dir, overrides)`, `all_envs(envs_dir)`, `load_file(path, overrides)`: validated environments
- `offline_overrides(prefix)`: what any environment needs to render for the offline provider (3.39.0)
- `sandbox_overrides(prefix)`: the same, plus what a fresh account needs (the embedded sandbox is one):
  `guardduty.detector: create`, `create_service_linked_roles: true`
- `synthesize(envs, outdir)` -> [`SynthesizedStack`]: Terraform JSON, all or nothing
- `estimate_cost(name, document)` -> `CostEstimate`, `describe_cost(stack)`: monthly cost of a synthesized stack
- `GeneratorError` (with `ConfigError`, `UnsupportedFeature`, `RejectedByAws`): bad input, `source: field: message`
  lines
- `MODERN_PROVIDER_VERSION`, `OFFLINE_PROVIDER_VERSION`
- `staging_dir`, `swap_in`, `leftovers`: writing a folder all or nothing
- `parse_hcl(text, comments=False)`: python-hcl2's parse, safe with threads (one parse at a time)
"""
from generator.config.loader import all_envs, load_env, load_file
from generator.config.overrides import offline_overrides, sandbox_overrides
from generator.cost import CostEstimate, describe_cost, estimate_cost
from generator.errors import ConfigError, GeneratorError, Problem, RejectedByAws, UnsupportedFeature
from generator.files import leftovers, staging_dir, swap_in
from generator.hcl.reader import parse_hcl
from generator.synth import SynthesizedStack, synthesize
from generator.targets import MODERN_PROVIDER_VERSION, OFFLINE_PROVIDER_VERSION

__all__ = ["ConfigError", "CostEstimate", "GeneratorError", "MODERN_PROVIDER_VERSION", "OFFLINE_PROVIDER_VERSION",
           "Problem", "RejectedByAws", "SynthesizedStack", "UnsupportedFeature", "all_envs", "describe_cost",
           "estimate_cost", "leftovers", "load_env", "load_file", "offline_overrides", "parse_hcl",
           "sandbox_overrides", "staging_dir", "swap_in", "synthesize"]
