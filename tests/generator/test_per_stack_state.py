"""Suppressions and token labels belong to their stack: stacks with one name, synthesized in one process, agree."""
from __future__ import annotations

import pytest

from generator import load_env, synthesize
from generator.targets import MODERN_PROVIDER_VERSION, OFFLINE_PROVIDER_VERSION

pytestmark = pytest.mark.static


def sidecars(stack) -> tuple[str, str, str]:
    read = lambda name: (stack.directory / name).read_text()  # noqa: E731
    return read("cdk.tf.json"), read("checkov-skips.json"), read("blocks.json")


def test_same_named_stacks_in_one_process_have_identical_sidecars(tmp_path):
    env = load_env("workshop")
    runs = [synthesize({"workshop": env}, tmp_path / f"out{i}")[0] for i in range(3)]
    first = sidecars(runs[0])
    assert all(sidecars(run) == first for run in runs[1:])


def test_a_stack_never_carries_another_stacks_suppressions(tmp_path):
    modern = load_env("workshop", overrides={"provider": {"version": MODERN_PROVIDER_VERSION}})
    offline = load_env("workshop", overrides={"provider": {"version": OFFLINE_PROVIDER_VERSION},
                                              "guardduty": {"runtime_monitoring": False}})
    [before] = synthesize({"workshop": modern}, tmp_path / "modern")
    [after] = synthesize({"workshop": offline}, tmp_path / "offline")
    # ECS Exec logging settings exist only on modern targets, and with them its suppression
    assert any(text.startswith("CKV_AWS_224:") for text in before.suppressions()["aws_ecs_cluster.cluster_cluster"])
    assert not any(text.startswith("CKV_AWS_224:")
                   for text in after.suppressions().get("aws_ecs_cluster.cluster_cluster", []))
    document = after.document()
    for address in after.suppressions():
        kind, _, name = address.removeprefix("data.").partition(".")
        section = "data" if address.startswith("data.") else "resource"
        assert name in document[section][kind], f"{address} is suppressed but not in this stack"
