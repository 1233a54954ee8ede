"""Rendering parity for modules: each module rendered for 6.25.0 and 3.39.0 differs only by documented fallbacks
(tests/helpers/parity.py), and a module needing a newer provider is left out of older renderings."""
from __future__ import annotations

import pytest
from parity import Context, differences, explain, service_urls, traffic_shift_addresses

from generator.constructs.discovery import DiscoveryEntry
from generator.modules.registry import MODULES
from generator.targets import MODERN_PROVIDER_VERSION, OFFLINE_PROVIDER_VERSION

#: the URLs a service module renders, from its discovery variables (names default to `name`)
DISCOVERY_NAME = "${coalesce(var.discovery_name, var.name)}"
MODULE_URLS = service_urls({"the module's service": (
    DiscoveryEntry(DISCOVERY_NAME, "${coalesce(var.client_alias, coalesce(var.discovery_name, var.name))}",
                   "${var.client_port}"), "${var.container_port}")},
    "${var.namespace.name}")

pytestmark = pytest.mark.static


def test_every_module_difference_is_a_documented_fallback(module_documents):
    modern, offline = module_documents[MODERN_PROVIDER_VERSION], module_documents[OFFLINE_PROVIDER_VERSION]
    unexplained, used = [], set()
    for name in sorted(set(modern) & set(offline)):
        a, b = modern[name].doc, offline[name].doc
        shifted, services = traffic_shift_addresses(a)
        ctx = Context(a, b, urls=MODULE_URLS, traffic_shift=shifted, shifted_services=services)
        for difference in differences(a, b):
            reasons = explain(difference, ctx)
            used |= set(reasons)
            if not reasons:
                unexplained.append(f"{name}: {difference}")
    assert not unexplained, "undocumented differences between the targets:\n" + "\n".join(unexplained)
    assert "data_region_region" in used and "service_connect" in used


def test_only_feature_gated_modules_are_missing_offline(module_documents):
    missing = set(module_documents[MODERN_PROVIDER_VERSION]) - set(module_documents[OFFLINE_PROVIDER_VERSION])
    assert missing == {name for name, spec in MODULES.items() if spec.requires is not None} == {"pipeline-ecs-canary"}
