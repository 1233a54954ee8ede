"""A monthly cost estimate of a synthesized stack, resource by resource, from a dated and cited price table.

It reads the synthesized Terraform (`SynthesizedStack.document()`), never the environment file, so it prices
what is really made: every ECS service at its desired count with the size of the task definition it runs,
each ALB, NAT gateway and public IPv4 address, each RDS instance, DynamoDB table, log group, CodeBuild
project, KMS key and secret. Usage-driven charges rest on the assumptions in `data/prices.json`, printed
with the estimate.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.errors import GeneratorError, Problem
from generator.synth import SynthesizedStack

PRICES = Path(__file__).with_name("data") / "prices.json"
TASK_DEFINITION_REF = re.compile(r"^\$\{aws_ecs_task_definition\.([A-Za-z0-9_-]+)\.arn\}$")


@dataclass(frozen=True)
class Line:
    """One priced resource: what it is, its address, how the figure is made, and the monthly amount."""

    item: str
    address: str
    basis: str
    monthly: float


@dataclass(frozen=True)
class CostEstimate:
    """The priced lines of one stack, with the table's date, assumptions and what is left out."""

    stack: str
    region: str
    as_of: str
    currency: str
    lines: tuple[Line, ...]
    assumptions: tuple[str, ...]
    not_estimated: tuple[str, ...]

    @property
    def total(self) -> float:
        return sum(line.monthly for line in self.lines)

    def by_item(self) -> dict[str, float]:
        """Monthly amount per kind of resource (Fargate, ALB, ...), in first-seen order."""
        totals: dict[str, float] = {}
        for line in self.lines:
            totals[line.item] = totals.get(line.item, 0.0) + line.monthly
        return totals

    def render(self) -> str:
        """The estimate as text: one line per resource, the total, the assumptions, what is not included."""
        head = (f"Monthly cost estimate of {self.stack} ({self.region}): {self.currency}, on-demand list prices "
                f"as of {self.as_of}")
        rows = [f"  {line.monthly:9.2f}  {line.item:<16} {line.address}: {line.basis}" for line in self.lines]
        return "\n".join([head, *rows, f"  {self.total:9.2f}  total per month",
                          "assumptions: " + "; ".join(self.assumptions),
                          "not estimated: " + ", ".join(self.not_estimated),
                          f"prices and their sources: {PRICES.relative_to(PRICES.parents[2])}"])


def estimate_cost(name: str, document: dict[str, Any], source: Path | str = "<stack>") -> CostEstimate:
    """Price the synthesized Terraform `document` of stack `name`; GeneratorError for anything unpriced."""
    table = json.loads(PRICES.read_text())
    region = _region(document)
    if region not in table["regions"]:
        raise GeneratorError(source, [Problem("provider.aws.region", f"no prices for {region!r} in {PRICES.name}; "
                                                                     f"priced regions: {', '.join(table['regions'])}")])
    pricer = _Pricer(table["rates"], table["assumptions"], table["hours_per_month"], str(source))
    lines = tuple(pricer.lines(document.get("resource", {})))
    return CostEstimate(name, region, table["as_of"], table["currency"], lines, _assumptions(table),
                        tuple(table["not_estimated"]))


def describe_cost(stack: SynthesizedStack) -> str:
    """The rendered estimate of a synthesized stack, or one line saying why it has none (never raises)."""
    try:
        return estimate_cost(stack.name, stack.document(), stack.json_path).render()
    except GeneratorError as exc:
        return f"monthly cost: not estimated ({exc})"


def _region(document: dict[str, Any]) -> str:
    providers = document.get("provider", {}).get("aws", [{}])
    return (providers[0] if isinstance(providers, list) else providers).get("region", "")


def _assumptions(table: dict[str, Any]) -> tuple[str, ...]:
    a, hours = table["assumptions"], table["hours_per_month"]
    return (f"{hours} hours per month, services at their desired count (autoscaling may run more)",
            f"{a['alb_lcu_per_hour']} ALB LCU per hour", f"{a['nat_gb_per_month']} GB per NAT gateway per month",
            f"{a['logs_gb_per_group_per_month']} GB ingested per log group per month",
            f"{a['codebuild_minutes_per_project_per_month']} build minutes per CodeBuild project per month",
            f"per DynamoDB table {a['dynamodb_gb_per_table']} GB stored, {a['dynamodb_million_writes_per_table']} "
            f"million writes and {a['dynamodb_million_reads_per_table']} million reads per month")


def _one(block: Any) -> dict[str, Any]:
    """A nested block as synthesized: a dict, or a list holding one."""
    if isinstance(block, list):
        return block[0] if block else {}
    return block or {}


def _plural(count: int, noun: str, many: str) -> str:
    return f"{count} {noun if count == 1 else many}"


class _Pricer:
    """Turns resources into priced lines with one rate table and one set of usage assumptions."""

    def __init__(self, rates: dict[str, Any], assumptions: dict[str, Any], hours: int, source: str):
        self.rates, self.assume, self.hours, self.source = rates, assumptions, hours, source

    def rate(self, key: str, choice: str, address: str, field: str) -> float:
        """`rates[key][choice]`; GeneratorError naming the resource field and the priced choices otherwise."""
        table = self.rates[key]
        if choice not in table:
            raise GeneratorError(self.source, [Problem(f"{address}.{field}", f"{choice!r} has no price in "
                                                                             f"{PRICES.name}; priced: "
                                                                             f"{', '.join(table)}")])
        return float(table[choice])

    def lines(self, resources: dict[str, dict[str, dict[str, Any]]]) -> Iterator[Line]:
        of = lambda kind: resources.get(kind, {}).items()  # noqa: E731
        tasks = resources.get("aws_ecs_task_definition", {})
        for name, service in of("aws_ecs_service"):
            yield self.fargate(f"aws_ecs_service.{name}", service, tasks)
        for name, lb in of("aws_lb"):
            yield from self.load_balancer(f"aws_lb.{name}", lb)
        for name, _ in of("aws_nat_gateway"):
            gb = self.assume["nat_gb_per_month"]
            yield Line("NAT gateway", f"aws_nat_gateway.{name}", f"{self.hours} h + {gb} GB processed",
                       self.hours * self.rates["nat_gateway_hour"] + gb * self.rates["nat_gateway_gb"])
        for name, _ in of("aws_eip"):
            yield Line("public IPv4", f"aws_eip.{name}", f"1 address x {self.hours} h",
                       self.hours * self.rates["public_ipv4_hour"])
        for name, db in of("aws_db_instance"):
            yield self.database(f"aws_db_instance.{name}", db)
        for name, table in of("aws_dynamodb_table"):
            yield self.table(f"aws_dynamodb_table.{name}", table)
        for name, _ in of("aws_cloudwatch_log_group"):
            gb = self.assume["logs_gb_per_group_per_month"]
            yield Line("CloudWatch Logs", f"aws_cloudwatch_log_group.{name}", f"{gb} GB ingested",
                       gb * self.rates["logs_ingested_gb"])
        for name, project in of("aws_codebuild_project"):
            address, minutes = f"aws_codebuild_project.{name}", self.assume["codebuild_minutes_per_project_per_month"]
            compute = _one(project.get("environment")).get("compute_type", "")
            yield Line("CodeBuild", address, f"{minutes} min on {compute}",
                       minutes * self.rate("codebuild_minute", compute, address, "environment.compute_type"))
        for name, _ in of("aws_kms_key"):
            yield Line("KMS key", f"aws_kms_key.{name}", "1 key", self.rates["kms_key_month"])
        for name, _ in of("aws_secretsmanager_secret"):
            yield Line("Secrets Manager", f"aws_secretsmanager_secret.{name}", "1 secret", self.rates["secret_month"])
        for name, db in of("aws_db_instance"):
            # an RDS-managed master password is a Secrets Manager secret too, charged as one
            # (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html)
            if db.get("manage_master_user_password") in (True, "true"):
                yield Line("Secrets Manager", f"aws_db_instance.{name}", "1 secret (RDS-managed master password)",
                           self.rates["secret_month"])

    def fargate(self, address: str, service: dict[str, Any], tasks: dict[str, dict[str, Any]]) -> Line:
        if service.get("launch_type") != "FARGATE":
            raise GeneratorError(self.source, [Problem(f"{address}.launch_type", "only FARGATE services are priced")])
        found = TASK_DEFINITION_REF.match(str(service.get("task_definition", "")))
        if not found or found.group(1) not in tasks:
            raise GeneratorError(self.source, [Problem(f"{address}.task_definition",
                                                       "must reference an aws_ecs_task_definition of this stack")])
        task = tasks[found.group(1)]
        vcpu, gb = int(task["cpu"]) / 1024, int(task["memory"]) / 1024
        arch = _one(task.get("runtime_platform")).get("cpu_architecture", "X86_64")
        count = int(service.get("desired_count", 1))
        hourly = (vcpu * self.rate("fargate_vcpu_hour", arch, address, "runtime_platform.cpu_architecture")
                  + gb * self.rate("fargate_gb_hour", arch, address, "runtime_platform.cpu_architecture"))
        return Line("Fargate", address, f"{_plural(count, 'task', 'tasks')} x {vcpu:g} vCPU, {gb:g} GB ({arch}) x "
                                        f"{self.hours} h", count * hourly * self.hours)

    def load_balancer(self, address: str, lb: dict[str, Any]) -> Iterator[Line]:
        if lb.get("load_balancer_type", "application") != "application":
            raise GeneratorError(self.source, [Problem(f"{address}.load_balancer_type", "only ALBs are priced")])
        lcu = self.assume["alb_lcu_per_hour"]
        yield Line("ALB", address, f"{self.hours} h + {lcu} LCU per hour",
                   self.hours * (self.rates["alb_hour"] + lcu * self.rates["alb_lcu_hour"]))
        if not lb.get("internal", False):  # internet-facing: one public IPv4 address per subnet (zone)
            zones = len(lb.get("subnets") or lb.get("subnet_mapping") or [])
            yield Line("public IPv4", address, f"{_plural(zones, 'address', 'addresses')} x {self.hours} h",
                       zones * self.hours * self.rates["public_ipv4_hour"])

    def database(self, address: str, db: dict[str, Any]) -> Line:
        if db.get("engine") != "mysql":
            raise GeneratorError(self.source, [Problem(f"{address}.engine", "only MySQL instances are priced")])
        copies = 2 if db.get("multi_az") else 1  # a standby in a second zone: instance and storage twice
        hourly = self.rate("rds_mysql_instance_hour", db["instance_class"], address, "instance_class")
        storage = int(db.get("allocated_storage", 20))
        return Line("RDS MySQL", address, f"{db['instance_class']}{' Multi-AZ' if copies == 2 else ''} x "
                                          f"{self.hours} h + {storage} GB", copies * (
                        hourly * self.hours + storage * self.rates["rds_gp_storage_gb_month"]))

    def table(self, address: str, table: dict[str, Any]) -> Line:
        if table.get("billing_mode") != "PAY_PER_REQUEST":
            raise GeneratorError(self.source, [Problem(f"{address}.billing_mode", "only on-demand tables are priced")])
        a, r = self.assume, self.rates
        return Line("DynamoDB", address, f"on-demand: {a['dynamodb_gb_per_table']} GB, "
                                         f"{a['dynamodb_million_writes_per_table']}M writes, "
                                         f"{a['dynamodb_million_reads_per_table']}M reads",
                    a["dynamodb_gb_per_table"] * r["dynamodb_gb_month"]
                    + a["dynamodb_million_writes_per_table"] * r["dynamodb_million_writes"]
                    + a["dynamodb_million_reads_per_table"] * r["dynamodb_million_reads"])
