"""Property: a mutated valid environment is either clean errors (`file: field: message`, never a traceback)
or a valid environment whose synthesis passes the static rule set, AWS's naming rules included.

Mutations set leaves to hostile values, delete keys, and add entries under awkward keys (derived names,
collisions after mapping). Examples are derandomized, so every run checks the same ones in the same time;
only the accepted mutants are synthesized, all in one app.
"""
from __future__ import annotations

import copy
import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checks import rules
from generator.config import ConfigError, EnvironmentConfig, load_config
from generator.config.model import NAME
from generator.rules import document

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]
BASES = {name: yaml.safe_load((ROOT / "envs" / f"{name}.yaml").read_text()) for name in ("workshop", "local")}
EXAMPLES = 250
SYNTHESIZED = 3


def leaves(node, path=()) -> list[tuple]:
    """Every path to a value in the environment (lists by index)."""
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in [(*path, key), *leaves(value, (*path, key))]]
    if isinstance(node, list):
        return [p for i, value in enumerate(node) for p in [(*path, i), *leaves(value, (*path, i))]]
    return []


PATHS = {name: leaves(base) for name, base in BASES.items()}
AWKWARD = "abcxyzABC0123456789-_./:@ #"
VALUES = st.one_of(
    st.text(max_size=12),
    st.text(alphabet=AWKWARD, max_size=300),
    st.from_regex(NAME, fullmatch=True),
    st.integers(-5, 70_000),
    st.booleans(),
    st.none(),
    st.floats(),
    st.sampled_from(["0.0.0.0/0", "::/0", "10.0.0.1/16", "db.t4g.micro", "8.0", "/aws/x", "internal-x", "sg-x",
                     "default", "aws:x", "x" * 64, "x" * 256, [], {}, ["/a*", "/b"]]),
)
TEXT = st.one_of(st.text(alphabet=AWKWARD, max_size=300), st.from_regex(NAME, fullmatch=True),
                 st.sampled_from(["/aws/x", "internal-x", "sg-x", "default", "aws:x", "x" * 64, "x" * 256, "x.git",
                                  "10.0.0.1/16", "::/0", "8.4", "db.m7g.large", "/a//b", "ÄÖ"]))


def like(value) -> st.SearchStrategy:
    """Values of the type already there (so AWS's rules, not the type checks, have to catch them), or anything."""
    if isinstance(value, bool):
        return st.booleans()
    if isinstance(value, int):
        return st.integers(-5, 70_000)
    if isinstance(value, str):
        return TEXT
    return VALUES


KEYS = st.one_of(st.from_regex(NAME, fullmatch=True), st.text(alphabet=AWKWARD, min_size=1, max_size=70),
                 st.sampled_from(["carts-a", "carts_a", "ui_rolling", "ui-rolling", "catalog-db", "ui-alb"]))
SECTIONS = ("services", "tables", "databases", "pipelines", "tags")
#: fields an added entry drops so that its names are derived from the prefix and its key
NAMES_TO_DERIVE = ("name", "family", "log_stream_prefix", "execution_role", "task_role", "identifier",
                   "secret_name", "endpoint_parameter", "ecr_repository", "image_parameter", "service_connect",
                   "load_balancer", "target_group_name", "blue_green")


@st.composite
def mutants(draw) -> tuple[str, dict]:
    base = draw(st.sampled_from(sorted(BASES)))
    data = copy.deepcopy(BASES[base])
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["set", "set", "delete", "add", "prefix"]))
        if kind == "prefix":
            data["prefix"] = draw(st.from_regex(NAME, fullmatch=True))
        elif kind == "add":
            section = draw(st.sampled_from(SECTIONS))
            entries = data.setdefault(section, {})
            if not isinstance(entries, dict):
                continue  # an earlier mutation replaced the section
            if section == "tags":
                entries[draw(KEYS)] = draw(st.text(alphabet=AWKWARD, max_size=20))
            elif entries:
                entry = copy.deepcopy(entries[draw(st.sampled_from(sorted(entries)))])
                if isinstance(entry, dict):
                    entries[draw(KEYS)] = {k: v for k, v in entry.items() if k not in NAMES_TO_DERIVE}
        else:
            path = draw(st.sampled_from(PATHS[base]))
            node = data
            try:
                for key in path[:-1]:
                    node = node[key]
                if kind == "delete":
                    del node[path[-1]]
                else:
                    node[path[-1]] = draw(st.one_of(like(node[path[-1]]), VALUES))
            except (KeyError, IndexError, TypeError):
                continue  # an earlier mutation removed or replaced the path
    return base, data


def test_mutated_environments_fail_cleanly_or_synthesize_valid_terraform(tmp_path):
    accepted: dict[str, EnvironmentConfig] = {}

    @settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(mutants())
    def validates_cleanly(mutant: tuple[str, dict]) -> None:
        base, data = mutant
        try:
            env = load_config(data, "envs/mutant.yaml")
        except ConfigError as exc:
            assert exc.problems and all(p.field and p.message for p in exc.problems)
            assert all(line.startswith("envs/mutant.yaml: ") for line in str(exc).splitlines())
            return
        if len(accepted) < SYNTHESIZED and data != BASES[base]:
            accepted[f"mutant{len(accepted)}"] = env

    validates_cleanly()
    assert len(accepted) == SYNTHESIZED, "the mutations should leave some environments valid"
    from generator.synth import synthesize

    for stack in synthesize(accepted, tmp_path):
        findings = rules.check(stack.document()) + document.violations(stack.document())
        assert findings == [], f"{stack.name}:\n" + "\n".join(map(str, findings))


def test_awkward_characters_reach_the_rules():
    """The value alphabet holds characters AWS names reject, so the property exercises the name rules."""
    assert set(AWKWARD) - set(string.ascii_letters + string.digits + "-")
