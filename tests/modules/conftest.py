"""Module tests share one synthesis per session: every module for the modern and the offline target."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def module_documents():
    """version -> module name -> ModuleDocument, from one cdktf App."""
    from generator.modules.render import synthesize_modules
    from generator.targets import OFFLINE_PROVIDER_VERSION, ProviderTarget

    return synthesize_modules([ProviderTarget(), ProviderTarget(OFFLINE_PROVIDER_VERSION)])


@pytest.fixture(scope="session")
def offline():
    """The offline toolchain (Terraform 1.0.3, hashicorp/aws 3.39.0 mirror); its terraform also formats modules."""
    from harness.toolchain import offline_toolchain

    return offline_toolchain()


@pytest.fixture(scope="session")
def rendered(module_documents, offline, tmp_path_factory) -> dict[str, Path]:
    """version -> folder of that rendering, written by the CLI's own function."""
    from generator.modules.render import write_modules

    root = tmp_path_factory.mktemp("modules")
    return {version: write_modules(modules, root / version / "modules", offline.terraform)
            for version, modules in module_documents.items()}
