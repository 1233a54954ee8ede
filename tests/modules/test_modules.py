"""Shape of every module: files, no backend/provider, constraint, typed and described interface, fmt-clean HCL."""
from __future__ import annotations

import subprocess

import pytest

from generator.hcl.reader import normalize_hcl, read_module
from generator.modules.registry import MODULES, modules_for
from generator.targets import MODERN_PROVIDER_VERSION, OFFLINE_PROVIDER_VERSION, ProviderTarget

pytestmark = pytest.mark.static

FILES = {"versions.tf", "variables.tf", "main.tf", "outputs.tf", "README.md"}
REQUIRED = {"network", "alb", "ecs-cluster", "ecs-service", "carts-table", "catalog-db", "guardduty",
            "pipeline-rolling", "pipeline-blue-green", "pipeline-ecs-canary"}


@pytest.fixture(scope="module")
def parsed(rendered) -> dict[tuple[str, str], dict]:
    """(version, module) -> normalised HCL of that module."""
    return {(version, path.name): normalize_hcl(read_module(path))
            for version, root in rendered.items() for path in sorted(root.iterdir()) if path.is_dir()}


def test_the_registry_has_the_workshop_modules():
    assert set(MODULES) >= REQUIRED


def test_every_module_has_its_files(rendered):
    for version, root in rendered.items():
        expected = modules_for(ProviderTarget(version))
        assert {p.name for p in root.iterdir() if p.is_dir()} == set(expected), version
        for name in expected:
            assert {p.name for p in (root / name).iterdir()} == FILES, f"{name} ({version})"


def test_modules_needing_a_newer_provider_are_left_out_of_older_renderings():
    assert "pipeline-ecs-canary" in modules_for(ProviderTarget(MODERN_PROVIDER_VERSION))
    assert "pipeline-ecs-canary" not in modules_for(ProviderTarget(OFFLINE_PROVIDER_VERSION))
    assert set(modules_for(ProviderTarget(OFFLINE_PROVIDER_VERSION))) == set(MODULES) - {"pipeline-ecs-canary"}


def test_no_backend_no_provider_and_a_constraint(parsed, module_documents):
    for (version, name), doc in parsed.items():
        assert "provider" not in doc, name
        terraform = doc["terraform"]
        assert "backend" not in terraform, name
        [providers] = terraform["required_providers"]
        target = module_documents[version][name].target
        assert providers["aws"] == {"source": "hashicorp/aws", "version": target.module_constraint}
        assert providers["aws"]["version"].startswith(f">= {version}, <")
        assert terraform["required_version"] == ">= 1.0.0"


def test_constraints_admit_the_target_and_its_major_only():
    from generator.targets import ProviderTarget

    assert ProviderTarget(MODERN_PROVIDER_VERSION).module_constraint == ">= 6.25.0, < 7.0.0"
    assert ProviderTarget(OFFLINE_PROVIDER_VERSION).module_constraint == ">= 3.39.0, < 4.0.0"


def test_every_variable_is_typed_and_described_and_every_output_described(parsed):
    for (_version, name), doc in parsed.items():
        for var, body in doc.get("variable", {}).items():
            assert body.get("type") and body.get("description", "").strip(), f"{name}: var.{var}"
        assert doc.get("output"), f"{name} has no outputs"
        for out, body in doc["output"].items():
            assert body.get("description", "").strip(), f"{name}: output.{out}"


def test_interfaces_do_not_depend_on_the_target(parsed):
    """One root configuration works with either rendering (examples/workshop is validated on 3.39.0)."""
    for name in modules_for(ProviderTarget(OFFLINE_PROVIDER_VERSION)):
        modern, offline = parsed[(MODERN_PROVIDER_VERSION, name)], parsed[(OFFLINE_PROVIDER_VERSION, name)]
        assert set(modern.get("variable", {})) == set(offline.get("variable", {})), name
        assert set(modern["output"]) == set(offline["output"]), name


@pytest.mark.parametrize("module, variable", [
    ("network", "cidr"), ("network", "flow_log_retention_days"), ("network", "az_count"), ("network", "nat_gateways"),
    ("network", "flow_log_kms_key_arn"), ("ecs-service", "task_size"),
    ("ecs-service", "container_port"), ("ecs-service", "image"), ("ecs-service-alb", "listener_port"),
    ("ecs-service-alb", "ingress_cidrs"), ("alb", "name"), ("catalog-db", "allocated_storage")])
def test_likely_mistakes_are_validated(parsed, module, variable):
    for version in (MODERN_PROVIDER_VERSION, OFFLINE_PROVIDER_VERSION):
        assert parsed[(version, module)]["variable"][variable].get("validation"), f"{module}.{variable} ({version})"


def test_readme_tables_list_the_interface(parsed, rendered):
    for (version, name), doc in parsed.items():
        readme = (rendered[version] / name / "README.md").read_text()
        assert readme.startswith(f"# {name}\n")
        for var in doc.get("variable", {}):
            assert f"\n| {var} |" in readme, f"{name}: {var}"
        for out in doc["output"]:
            assert f"\n| {out} |" in readme, f"{name}: {out}"


def test_hcl_is_terraform_fmt_clean(rendered, offline):
    for root in rendered.values():
        check = subprocess.run([str(offline.terraform), "fmt", "-check", "-recursive", "-list=true", str(root)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr


def test_module_resources_have_readable_names(parsed):
    for (_version, name), doc in parsed.items():
        for section in ("resource", "data"):
            for rtype, bodies in doc.get(section, {}).items():
                for address in bodies:
                    assert "TfToken" not in address and "e+" not in address, f"{name}: {rtype}.{address}"
