"""Every module's HCL, parsed back with python-hcl2, equals the Terraform JSON it was rendered from."""
from __future__ import annotations

import pytest

from generator.hcl.reader import normalize_hcl, normalize_json, read_module

pytestmark = pytest.mark.static


def test_every_module_round_trips(module_documents, rendered):
    checked = []
    for version, modules in module_documents.items():
        for name, module in modules.items():
            parsed = normalize_hcl(read_module(rendered[version] / name))
            assert parsed == normalize_json(module.doc, module.blocks), f"{name} ({version})"
            checked.append(name)
    assert len(checked) == sum(len(modules) for modules in module_documents.values()) > 2 * 10
