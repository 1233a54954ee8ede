"""The names validation judges are the names the stacks send to AWS: the list in generator/config/aws_names.py
(configured and construct-derived) equals, kind by kind, every name in each synthesized document."""
from __future__ import annotations

from collections import defaultdict

import pytest

from generator.checks.aws_names import document_names
from generator.config import load_env
from generator.config.aws_names import environment_names
from generator.config.loader import ENVS_DIR

pytestmark = pytest.mark.static
TAGS = ("tag_key", "tag_value")
ENVS = sorted(path.stem for path in ENVS_DIR.glob("*.yaml"))


def by_kind(pairs) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for kind, value in pairs:
        if kind not in TAGS:
            found[kind].add(value)
    return dict(found)


@pytest.mark.parametrize("env", ENVS)
def test_validation_sees_every_name_the_document_has(synthesized, env):
    doc = synthesized[env].document()
    in_document = by_kind((kind, value) for kind, value, _ in document_names(doc))
    validated = by_kind((use.kind, use.value) for use in environment_names(load_env(env)))
    assert validated == in_document
    assert len(in_document) >= 30  # every kind the stack names is represented


@pytest.mark.parametrize("env", ENVS)
def test_every_tag_in_the_document_is_validated_or_the_stacks_own(synthesized, env):
    config = load_env(env)
    keys = {value for kind, value, _ in document_names(synthesized[env].document()) if kind == "tag_key"}
    assert keys - set(config.tags) <= {"Environment", "Name", "Tier"} and set(config.tags) <= keys
