"""A synthesis that fails half-way leaves the previous output exactly as it was (generator/files.py).

The output folder holds an earlier synthesis; a new one with two stacks fails after the first stack was
fully written (the second is rejected by an AWS cross-resource rule) or before anything was written (its
factory raises). Every file of the earlier output must be byte-identical afterwards, nothing added, and no
staging folder left beside it. A synthesis writing straight into the output folder fails this test.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import GeneratorError, leftovers
from generator.synth import synthesize_stacks
from generator.targets import OFFLINE_PROVIDER_VERSION

pytestmark = pytest.mark.static


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by relative path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def good_stack(app, name: str):
    from generator.aws import LocalBackend, TerraformStack

    stack = TerraformStack(app, name)
    LocalBackend(stack, path="terraform.tfstate")
    stack.add_override("resource.aws_ssm_parameter.fresh", {"name": "/fresh", "type": "String", "value": "new"})
    return stack


def rejected_stack(app, name: str):
    """Synthesizes, but AWS would reject it: two Cloud Map services of one name in one namespace."""
    stack = good_stack(app, name)
    for key in ("one", "two"):
        stack.add_override(f"resource.aws_service_discovery_service.{key}", {
            "name": "same", "dns_config": {"namespace_id": "${aws_service_discovery_private_dns_namespace.ns.id}",
                                           "dns_records": {"ttl": 10, "type": "A"}}})
    return stack


def broken_factory(app, name: str):
    raise GeneratorError(name, [])


@pytest.fixture
def earlier(tmp_path) -> Path:
    """An output folder holding an earlier synthesis of stacks `a` and `b`."""
    out = tmp_path / "cdktf.out"
    for name in ("a", "b"):
        (out / "stacks" / name).mkdir(parents=True)
        (out / "stacks" / name / "cdk.tf.json").write_text(json.dumps({"earlier": name}))
        (out / "stacks" / name / "blocks.json").write_text("{}")
    (out / "manifest.json").write_text(json.dumps({"stacks": {"a": {}, "b": {}}}))
    return out


@pytest.mark.parametrize("second", [rejected_stack, broken_factory], ids=["rejected-after-synth", "factory-raises"])
def test_a_failed_synthesis_leaves_the_earlier_output_untouched(earlier, second) -> None:
    before = tree(earlier)
    with pytest.raises(GeneratorError):
        synthesize_stacks({"a": (good_stack, OFFLINE_PROVIDER_VERSION), "b": (second, OFFLINE_PROVIDER_VERSION)},
                          earlier)
    assert tree(earlier) == before
    assert leftovers(earlier) == [] and sorted(p.name for p in earlier.parent.iterdir()) == ["cdktf.out"]


def test_a_successful_synthesis_replaces_the_stacks_it_made(earlier) -> None:
    """The control: the same call without the failing stack does write (so the test above can fail)."""
    [stack] = synthesize_stacks({"a": (good_stack, OFFLINE_PROVIDER_VERSION)}, earlier)
    assert "/fresh" in (stack.directory / "cdk.tf.json").read_text()
    assert json.loads((earlier / "stacks" / "b" / "cdk.tf.json").read_text()) == {"earlier": "b"}
    assert leftovers(earlier) == []
