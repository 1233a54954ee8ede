"""The architecture diagram: a node per service, an edge per Service Connect/DNS call and per ALB route.

Expectations come from the environment model (who names whom in `service_url`, who sits behind which
listener); the diagram itself reads only the synthesized Terraform.
"""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from generator import load_env, synthesize
from generator.cli import main
from generator.config.model import EnvironmentConfig, ServiceUrl
from generator.diagram import Architecture, architecture, write_diagram

pytestmark = pytest.mark.static
ROOT = Path(__file__).resolve().parents[2]
SVG = "{http://www.w3.org/2000/svg}"


def services(arch: Architecture) -> dict[str, str]:
    """ECS service name (first label line) -> node id."""
    return {node.label.splitlines()[0].removeprefix("ECS service "): node.id for node in arch.of_kind("service")}


def expected_calls(env: EnvironmentConfig) -> set[tuple[str, str]]:
    return {(caller, value.service_url) for caller, svc in env.services.items()
            for value in svc.environment.values() if isinstance(value, ServiceUrl)}


def expected_routes(env: EnvironmentConfig) -> set[tuple[int, str]]:
    routes = {(svc.load_balancer.listener_port, name) for name, svc in env.services.items() if svc.load_balancer}
    return routes | {(p.blue_green.test_listener_port, p.service) for p in env.pipelines.values() if p.blue_green}


def edges_by_name(arch: Architecture, kind: str) -> set[tuple[str, str]]:
    names = {node_id: name for name, node_id in services(arch).items()}
    return {(names[e.tail], names[e.head]) for e in arch.edges_of_kind(kind)}


def routes_by_port(arch: Architecture) -> set[tuple[int, str]]:
    names = {node_id: name for name, node_id in services(arch).items()}
    ports = {node.id: int(node.label.rsplit(":", 1)[1]) for node in arch.of_kind("listener")}
    return {(ports[e.tail], names[e.head]) for e in arch.edges_of_kind("route")}


@pytest.fixture(scope="module")
def workshop(synthesized) -> tuple[EnvironmentConfig, Architecture]:
    return load_env("workshop"), architecture(synthesized["workshop"].document())


def test_a_node_per_service(workshop) -> None:
    env, arch = workshop
    assert set(services(arch)) == set(env.services) and len(arch.of_kind("service")) == 6


def test_an_edge_per_service_connect_call_and_per_route(workshop) -> None:
    env, arch = workshop
    assert edges_by_name(arch, "call") == expected_calls(env) and len(arch.edges_of_kind("call")) == 9
    assert all(e.label.startswith("Service Connect ") for e in arch.edges_of_kind("call"))
    assert routes_by_port(arch) == expected_routes(env) and len(arch.edges_of_kind("route")) == 4
    test_routes = [e.label for e in arch.edges_of_kind("route") if "8083" in e.tail]
    assert test_routes == ["test route (CodeDeploy)"]


def test_data_stores_and_pipelines(workshop) -> None:
    _, arch = workshop
    data = {(e.tail.split(".")[1], e.head.split(".")[0]) for e in arch.edges_of_kind("data")}
    assert data == {("svc_catalog_service", "aws_db_instance"), ("svc_carts_service", "aws_dynamodb_table")}
    deploys = {e.label for e in arch.edges_of_kind("deploy")}
    assert deploys == {"source", "push image", "deploy (rolling)", "deploy (blue/green)"}


def test_dns_calls_on_the_offline_target(tmp_path: Path) -> None:
    env = load_env("local")
    [stack] = synthesize({"local": env}, tmp_path)
    arch = architecture(stack.document())
    assert edges_by_name(arch, "call") == expected_calls(env)
    assert {e.label for e in arch.edges_of_kind("call")} == {f"DNS {name}.ecs-local.local"
                                                            for name in ("assets", "carts", "catalog")}


def test_listener_rules_are_routes(tmp_path: Path) -> None:
    env = load_env("local", overrides={"services": {"assets": {"load_balancer": {"path_patterns": ["/assets/*"],
                                                                                 "priority": 10}}}})
    [stack] = synthesize({"local": env}, tmp_path)
    arch = architecture(stack.document())
    assert routes_by_port(arch) == expected_routes(env) | {(80, "assets")}
    [rule] = [e for e in arch.edges_of_kind("route") if e.label.startswith("priority")]
    assert rule.label == "priority 10: /assets/*"


def svg_titles(path: Path) -> tuple[set[str], list[str]]:
    """Node ids and edge titles (`tail->head`) Graphviz wrote into an SVG."""
    root = ElementTree.parse(path).getroot()
    groups = {kind: [g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g") if g.get("class") == kind]
              for kind in ("node", "edge")}
    return set(groups["node"]), sorted(groups["edge"])


def titles(arch: Architecture) -> tuple[set[str], list[str]]:
    return {n.id for n in arch.nodes}, sorted(f"{e.tail}->{e.head}" for e in arch.edges)


def test_the_command_writes_svg_and_png_with_every_node_and_edge(workshop, tmp_path: Path, capsys) -> None:
    assert main(["diagram", "--env", "workshop", "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().out.split() == [str(tmp_path / "workshop.svg"), str(tmp_path / "workshop.png")]
    assert (tmp_path / "workshop.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert svg_titles(tmp_path / "workshop.svg") == titles(workshop[1])
    assert main(["diagram", "--env", "nope", "--out", str(tmp_path / "x")]) == 2
    assert not (tmp_path / "x").exists()


def test_the_readme_picture_is_the_workshop_as_synthesized(workshop) -> None:
    """docs/workshop.svg (`python -m generator diagram --env workshop --out docs`) shows today's stack."""
    assert svg_titles(ROOT / "docs" / "workshop.svg") == titles(workshop[1])
    assert "docs/workshop.svg" in (ROOT / "README.md").read_text()


def test_write_diagram_replaces_files_whole(workshop, synthesized, tmp_path: Path) -> None:
    (tmp_path / "workshop.svg").write_text("old")
    written = write_diagram("workshop", synthesized["workshop"].document(), tmp_path)
    assert [p.name for p in written] == ["workshop.svg", "workshop.png"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["workshop.png", "workshop.svg"]
