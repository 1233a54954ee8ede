"""Application Auto Scaling target tracking for an ECS service's desired count."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.aws import AppautoscalingPolicy, AppautoscalingTarget, Construct


@dataclass(frozen=True)
class AutoscalingProps:
    """Task count bounds and one target-tracking metric (predefined: ALB requests per target, CPU or memory).

    Defaults: scale in after 300 s, out after 60 s.
    """

    min: Any
    max: Any
    target: Any
    metric: str
    scale_in_cooldown: int = 300
    scale_out_cooldown: int = 60


class ServiceAutoscaling(Construct):
    """Scalable target (min..max) and one target-tracking policy."""

    def __init__(self, scope: Construct, id_: str, props: AutoscalingProps, *, cluster_name: str, service_name: str,
                 resource_label: str | None, depends_on: list):
        super().__init__(scope, id_)
        self.target = AppautoscalingTarget(
            self, "target", service_namespace="ecs", scalable_dimension="ecs:service:DesiredCount",
            resource_id=f"service/{cluster_name}/{service_name}", min_capacity=props.min,
            max_capacity=props.max, depends_on=depends_on)
        metric: dict = {"predefined_metric_type": props.metric}
        if resource_label is not None:
            metric["resource_label"] = resource_label
        self.policy = AppautoscalingPolicy(
            self, "policy", name=f"{service_name}-scaling-policy", policy_type="TargetTrackingScaling",
            service_namespace=self.target.service_namespace, scalable_dimension=self.target.scalable_dimension,
            resource_id=self.target.resource_id,
            target_tracking_scaling_policy_configuration={
                "target_value": props.target, "predefined_metric_specification": metric,
                "scale_in_cooldown": props.scale_in_cooldown, "scale_out_cooldown": props.scale_out_cooldown})
