"""No module declares an input it does not use, in any rendering: every variable is referenced by a resource, data
source, local, module call or output, or (a feature this rendering lacks) accepts only null and is used by another
rendering of the same module, so one root configuration fits every rendering and no value is silently ignored."""
from __future__ import annotations

import pytest

from generator.hcl.reader import normalize_hcl, read_module
from generator.hcl.variables import variable_use

pytestmark = pytest.mark.static


@pytest.fixture(scope="module")
def uses(rendered):
    """(version, module) -> VariableUse."""
    return {(version, path.name): variable_use(normalize_hcl(read_module(path)))
            for version, root in rendered.items() for path in sorted(root.iterdir()) if path.is_dir()}


def test_no_module_declares_an_unused_input(uses):
    unused = {f"{name} ({version})": sorted(use.unused) for (version, name), use in uses.items() if use.unused}
    print(f"unused inputs: {sum(len(v) for v in unused.values())} in {len(uses)} module renderings")
    assert not unused


def test_null_only_inputs_are_used_by_another_rendering(uses):
    for (version, name), use in uses.items():
        others = [other for (v, n), other in uses.items() if n == name and v != version]
        for variable in use.null_only:
            assert any(variable in other.used for other in others), f"{name} ({version}): var.{variable}"


def test_the_check_finds_unused_and_only_validated_inputs(tmp_path):
    (tmp_path / "main.tf").write_text('''
variable "used" { type = string }
variable "unused" { type = string }
variable "only_validated" {
  type    = string
  default = "X86_64"
  validation {
    condition     = var.only_validated == "X86_64"
    error_message = "Must be X86_64."
  }
}
variable "null_only" {
  type    = string
  default = null
  validation {
    condition     = var.null_only == null
    error_message = "Needs a newer provider."
  }
}
resource "aws_sqs_queue" "q" {
  name = "${var.used}-q"
}
''')
    use = variable_use(normalize_hcl(read_module(tmp_path)))
    assert use.used == {"used"}
    assert use.unused == {"unused", "only_validated"}
    assert use.null_only == {"null_only"}
