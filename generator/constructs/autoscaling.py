"""Application Auto Scaling target tracking for an ECS service's desired count."""
from __future__ import annotations

from generator.aws import AppautoscalingPolicy, AppautoscalingTarget, Construct
from generator.config.model import Autoscaling


class ServiceAutoscaling(Construct):
    """Scalable target (min..max) and one target-tracking policy."""

    def __init__(self, scope: Construct, id_: str, *, cluster_name: str, service_name: str, config: Autoscaling,
                 resource_label: str | None, depends_on: list):
        super().__init__(scope, id_)
        self.target = AppautoscalingTarget(
            self, "target", service_namespace="ecs", scalable_dimension="ecs:service:DesiredCount",
            resource_id=f"service/{cluster_name}/{service_name}", min_capacity=config.min,
            max_capacity=config.max, depends_on=depends_on)
        metric: dict = {"predefined_metric_type": config.metric}
        if resource_label is not None:
            metric["resource_label"] = resource_label
        self.policy = AppautoscalingPolicy(
            self, "policy", name=f"{service_name}-scaling-policy", policy_type="TargetTrackingScaling",
            service_namespace=self.target.service_namespace, scalable_dimension=self.target.scalable_dimension,
            resource_id=self.target.resource_id,
            target_tracking_scaling_policy_configuration={
                "target_value": config.target, "predefined_metric_specification": metric,
                "scale_in_cooldown": config.scale_in_cooldown, "scale_out_cooldown": config.scale_out_cooldown})
