"""An architecture diagram of a synthesized stack: what is really made, read from its Terraform JSON.

`architecture(document)` finds the parts and who talks to whom in `SynthesizedStack.document()` (never in
the environment file): the VPC with its public side (ALB listeners, NAT gateways) and private side (ECS
services, RDS), DynamoDB tables, and the pipelines with their source and registry. Edges: internet ->
listener; listener -> service per ALB route (default action or listener rule, CodeDeploy's green target
group included); service -> service per Service Connect or Cloud Map DNS call (a URL in the caller's
environment naming the callee); service -> data store (a security group rule into the database, a
reference to the table from the task definition or the task role's policies); pipeline -> service it
deploys. `write_diagram()` lays it out with Graphviz (`dot`) as SVG and PNG.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.errors import GeneratorError, Problem
from generator.files import swap_in

REFERENCE = re.compile(r"\$\{(aws_[a-z0-9_]+)\.([A-Za-z0-9_-]+)\.")
FORMATS = ("svg", "png")


@dataclass(frozen=True)
class Node:
    """A part of the stack: its address (the Graphviz id), label, kind and the box it is drawn in."""

    id: str
    label: str
    kind: str
    area: str  # "public", "private", "data", "delivery" or "outside"


@dataclass(frozen=True)
class Edge:
    """Who reaches whom: tail and head node ids, a label and what kind of link it is."""

    tail: str
    head: str
    label: str
    kind: str  # "ingress", "egress", "route", "call", "data" or "deploy"


@dataclass(frozen=True)
class Architecture:
    """Nodes and edges of one stack."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def of_kind(self, kind: str) -> list[Node]:
        return [node for node in self.nodes if node.kind == kind]

    def edges_of_kind(self, kind: str) -> list[Edge]:
        return [edge for edge in self.edges if edge.kind == kind]


def references(value: Any) -> set[str]:
    """Addresses (`type.name`) of the resources a block refers to, anywhere inside it."""
    return {f"{kind}.{name}" for kind, name in REFERENCE.findall(json.dumps(value))}


def _one(block: Any) -> dict[str, Any]:
    if isinstance(block, list):
        return block[0] if block else {}
    return block or {}


def _many(block: Any) -> list[dict[str, Any]]:
    return block if isinstance(block, list) else ([block] if block else [])


class _Reader:
    """Walks one document's resources."""

    def __init__(self, document: dict[str, Any]):
        self.resources: dict[str, dict[str, dict[str, Any]]] = document.get("resource", {})

    def each(self, kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
        for name, body in self.resources.get(kind, {}).items():
            yield f"{kind}.{name}", body

    def body(self, address: str) -> dict[str, Any]:
        kind, name = address.split(".", 1)
        return self.resources.get(kind, {}).get(name, {})

    def nodes(self) -> Iterator[Node]:
        if self.resources.get("aws_lb_listener") or self.resources.get("aws_nat_gateway"):
            yield Node("internet", "Internet", "internet", "outside")
        for address, listener in self.each("aws_lb_listener"):
            yield Node(address, f"ALB listener\n{listener.get('protocol', 'HTTP')} :{listener['port']}", "listener",
                       "public")
        for address, _ in self.each("aws_nat_gateway"):
            yield Node(address, "NAT gateway", "nat", "public")
        tasks = self.resources.get("aws_ecs_task_definition", {})
        for address, service in self.each("aws_ecs_service"):
            task = tasks.get(next(iter(references(service.get("task_definition")))).split(".", 1)[1], {})
            size = f"{int(task.get('cpu', 0)) / 1024:g} vCPU / {int(task.get('memory', 0)) / 1024:g} GB"
            yield Node(address, f"ECS service {service['name']}\n{service.get('desired_count', 1)} x {size}",
                       "service", "private")
        for address, db in self.each("aws_db_instance"):
            yield Node(address, f"RDS {db['engine']} {db.get('engine_version', '')}\n{db['instance_class']}"
                                f"{' Multi-AZ' if db.get('multi_az') else ''}", "database", "private")
        for address, table in self.each("aws_dynamodb_table"):
            yield Node(address, f"DynamoDB\n{table['name']}", "table", "data")
        for address, repository in self.each("aws_codecommit_repository"):
            yield Node(address, f"CodeCommit\n{repository['repository_name']}", "source", "delivery")
        for address, registry in self.each("aws_ecr_repository"):
            yield Node(address, f"ECR\n{registry['name']}", "registry", "delivery")
        for address, pipeline in self.each("aws_codepipeline"):
            stages = " > ".join(stage["name"] for stage in _many(pipeline.get("stage")))
            yield Node(address, f"CodePipeline {pipeline['name']}\n{stages}", "pipeline", "delivery")

    def service_of_target_group(self) -> dict[str, str]:
        """Target group address -> the ECS service behind it (CodeDeploy's green group: its blue/green service)."""
        owners = {group: address for address, service in self.each("aws_ecs_service")
                  for balancer in _many(service.get("load_balancer")) for group in references(balancer)}
        for _, group in self.each("aws_codedeploy_deployment_group"):
            [service] = references(_one(group.get("ecs_service")).get("service_name")) or [""]
            pair = _one(_one(group.get("load_balancer_info")).get("target_group_pair_info"))
            for target in references(pair.get("target_group")):
                owners.setdefault(target, service)
        return owners

    def test_listeners(self) -> set[str]:
        """Listeners CodeDeploy sends test traffic through (blue/green)."""
        return {listener for _, group in self.each("aws_codedeploy_deployment_group")
                for listener in references(_one(_one(_one(group.get("load_balancer_info")).get(
                    "target_group_pair_info")).get("test_traffic_route")))}

    def routes(self) -> Iterator[Edge]:
        owners, tests = self.service_of_target_group(), self.test_listeners()
        for address, listener in self.each("aws_lb_listener"):
            yield Edge("internet", address, f":{listener['port']}", "ingress")
            for action in _many(listener.get("default_action")):
                for group in sorted(references(action)):
                    label = "test route (CodeDeploy)" if address in tests else "default route"
                    yield Edge(address, owners[group], label, "route")
        for address, _ in self.each("aws_nat_gateway"):
            yield Edge(address, "internet", "egress of the private subnets", "egress")
        for _, rule in self.each("aws_lb_listener_rule"):
            [parent] = references(rule.get("listener_arn"))
            paths = [p for condition in _many(rule.get("condition"))
                     for p in _one(condition.get("path_pattern")).get("values", [])]
            for action in _many(rule.get("action")):
                for group in sorted(references(action)):
                    yield Edge(parent, owners[group], f"priority {rule.get('priority')}: {' '.join(paths)}", "route")

    def discovery_names(self) -> dict[tuple[str, int | None], tuple[str, str]]:
        """(host, port) a caller uses -> (service address, how it is found): Service Connect or Cloud Map DNS."""
        names: dict[tuple[str, int | None], tuple[str, str]] = {}
        namespaces = {address: body["name"]
                      for address, body in self.each("aws_service_discovery_private_dns_namespace")}
        for address, service in self.each("aws_ecs_service"):
            for entry in _many(_one(service.get("service_connect_configuration")).get("service")):
                alias = _one(entry.get("client_alias"))
                names[(alias["dns_name"], int(alias["port"]))] = (address, f"Service Connect {alias['dns_name']}:"
                                                                           f"{alias['port']}")
            for registry in _many(service.get("service_registries")):
                for discovery in references(registry):
                    body = self.body(discovery)
                    [namespace] = references(_one(body.get("dns_config")).get("namespace_id"))
                    host = f"{body['name']}.{namespaces[namespace]}"
                    names[(host, None)] = (address, f"DNS {host}")
        return names

    def calls(self) -> Iterator[Edge]:
        names = self.discovery_names()
        tasks = self.resources.get("aws_ecs_task_definition", {})
        for address, service in self.each("aws_ecs_service"):
            task = tasks[next(iter(references(service.get("task_definition")))).split(".", 1)[1]]
            callees: dict[str, str] = {}
            for container in json.loads(task["container_definitions"]):
                for variable in container.get("environment", []):
                    url = urlsplit(str(variable.get("value", "")))
                    if url.scheme not in ("http", "https") or not url.hostname:
                        continue
                    port = url.port or (443 if url.scheme == "https" else 80)
                    found = names.get((url.hostname, port)) or names.get((url.hostname, None))
                    if found and found[0] != address:
                        callees.setdefault(found[0], found[1])
            for callee, how in callees.items():
                yield Edge(address, callee, how, "call")

    def data_access(self) -> Iterator[Edge]:
        tasks = self.resources.get("aws_ecs_task_definition", {})
        owner_of_group = {group: address for address, service in self.each("aws_ecs_service")
                          for group in references(_one(service.get("network_configuration")).get("security_groups"))}
        for address, db in self.each("aws_db_instance"):
            for _, rule in self.each("aws_security_group_rule"):
                if rule.get("type") == "ingress" and references(rule.get("security_group_id")) & references(
                        db.get("vpc_security_group_ids")):
                    for client in sorted(references(rule.get("source_security_group_id"))):
                        if client in owner_of_group:
                            yield Edge(owner_of_group[client], address, f"{db['engine']} :{rule['from_port']}",
                                       "data")
        policies: dict[str, set[str]] = {}
        for _, policy in self.each("aws_iam_role_policy"):
            for role in references(policy.get("role")):
                policies.setdefault(role, set()).update(references(policy.get("policy")))
        for address, service in self.each("aws_ecs_service"):
            task = tasks[next(iter(references(service.get("task_definition")))).split(".", 1)[1]]
            used = references(task.get("container_definitions"))
            for role in references(task.get("task_role_arn")):
                used |= policies.get(role, set())
            for table, _ in self.each("aws_dynamodb_table"):
                if table in used:
                    yield Edge(address, table, "DynamoDB", "data")

    def deliveries(self) -> Iterator[Edge]:
        for address, pipeline in self.each("aws_codepipeline"):
            for stage in _many(pipeline.get("stage")):
                for action in _many(stage.get("action")):
                    found = references(action.get("configuration"))
                    for repository in sorted(a for a in found if a.startswith("aws_codecommit_repository.")):
                        yield Edge(repository, address, "source", "deploy")
                    for build in sorted(a for a in found if a.startswith("aws_codebuild_project.")):
                        for registry in sorted(r for r in references(self.body(build))
                                               if r.startswith("aws_ecr_repository.")):
                            yield Edge(address, registry, "push image", "deploy")
                    for target in sorted(found):
                        if target.startswith("aws_ecs_service."):
                            yield Edge(address, target, "deploy (rolling)", "deploy")
                        if target.startswith("aws_codedeploy_deployment_group."):
                            for service in references(_one(self.body(target).get("ecs_service"))):
                                if service.startswith("aws_ecs_service."):
                                    yield Edge(address, service, "deploy (blue/green)", "deploy")


def architecture(document: dict[str, Any]) -> Architecture:
    """The nodes and edges of a synthesized Terraform document."""
    reader = _Reader(document)
    edges = [*reader.routes(), *reader.calls(), *reader.data_access(), *reader.deliveries()]
    return Architecture(tuple(reader.nodes()), tuple(dict.fromkeys(edges)))


AREAS = {"public": "public subnets", "private": "private subnets", "data": "DynamoDB",
         "delivery": "CI/CD"}
STYLE = {"internet": ("ellipse", "#ffffff"), "listener": ("box", "#fde7c8"), "nat": ("box", "#e8e8e8"),
         "service": ("box", "#d6e9f8"), "database": ("cylinder", "#dff3d8"), "table": ("cylinder", "#dff3d8"),
         "source": ("note", "#f2e6fa"), "registry": ("box3d", "#f2e6fa"), "pipeline": ("component", "#f2e6fa")}
EDGE_STYLE = {"ingress": "bold", "egress": "bold", "route": "solid", "call": "dashed", "data": "solid",
              "deploy": "dotted"}


def to_dot(arch: Architecture, title: str, cidr: str = "") -> Any:
    """A graphviz.Digraph: the VPC box holds the public and private subnet boxes."""
    import graphviz

    graph = graphviz.Digraph(title, graph_attr={"rankdir": "LR", "label": title, "labelloc": "t", "fontsize": "18",
                                                "fontname": "Helvetica", "compound": "true", "nodesep": "0.3"},
                             node_attr={"fontname": "Helvetica", "fontsize": "11", "style": "filled"},
                             edge_attr={"fontname": "Helvetica", "fontsize": "9"})

    def add(target: Any, area: str) -> None:
        for node in arch.nodes:
            if node.area == area:
                shape, colour = STYLE[node.kind]
                target.node(node.id, node.label, shape=shape, fillcolor=colour)

    add(graph, "outside")
    with graph.subgraph(name="cluster_vpc", graph_attr={"label": f"VPC {cidr}".strip(), "style": "rounded"}) as vpc:
        for area in ("public", "private"):
            with vpc.subgraph(name=f"cluster_{area}", graph_attr={"label": AREAS[area], "style": "dashed"}) as box:
                add(box, area)
    for area in ("data", "delivery"):
        with graph.subgraph(name=f"cluster_{area}", graph_attr={"label": AREAS[area], "style": "rounded"}) as box:
            add(box, area)
    for edge in arch.edges:
        graph.edge(edge.tail, edge.head, edge.label, style=EDGE_STYLE[edge.kind])
    return graph


def write_diagram(name: str, document: dict[str, Any], out: Path) -> list[Path]:
    """`<out>/<name>.svg` and `.png` of the stack (each file written whole, then renamed in)."""
    import graphviz

    [cidr] = [vpc.get("cidr_block", "") for vpc in document.get("resource", {}).get("aws_vpc", {}).values()] or [""]
    graph = to_dot(architecture(document), f"{name}: what the stack makes", cidr)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in FORMATS:
        staged = out / f".{name}.{fmt}.new"
        try:
            staged.write_bytes(graph.pipe(format=fmt))
        except graphviz.ExecutableNotFound:
            raise GeneratorError("command line", [Problem("dot", "Graphviz's `dot` is not on PATH; install it "
                                                                 "(apt-get install graphviz; scripts/bootstrap does)")]
                                 ) from None
        written.append(swap_in(staged, out / f"{name}.{fmt}"))
    return written
