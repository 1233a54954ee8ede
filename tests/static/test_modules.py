"""The project's static rules hold on every HCL module in modules/ (parsed back with python-hcl2)."""
from __future__ import annotations

import pytest

from generator.checks import rules

pytestmark = pytest.mark.static


@pytest.mark.parametrize("rule", sorted(rules.RULES))
def test_rule_holds_on_modules(modules, rule):
    findings = {name: rules.RULES[rule](doc) for name, doc in modules.items()}
    broken = {name: f for name, f in findings.items() if f}
    assert not broken, "\n".join(f"{name}: {f}" for name, fs in broken.items() for f in fs)


def test_modules_have_interfaces(modules):
    for name, doc in modules.items():
        assert doc.get("variable") or doc.get("output"), f"modules/{name} declares no variables or outputs"
