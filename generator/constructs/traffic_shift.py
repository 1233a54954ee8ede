"""ECS-native blue/green, linear and canary: what ECS needs to shift traffic between two target groups itself.

Amazon ECS runs these deployments with the ECS deployment controller: the service names a primary and an
alternate target group, a production listener rule and a test listener rule, and an infrastructure role ECS
assumes to change the rules' weights and register tasks
(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-deployment-implementation.html,
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/alb-resources-for-blue-green.html).
What AWS checks, from
https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshooting-blue-green.html:
- with an Application Load Balancer the production and test "rules" are listener *rule* ARNs, not listener ARNs,
  and they differ;
- both target groups are associated with the production or the test rule;
- the production rule has exactly one target group with a non-zero weight;
- every load_balancer entry has an advanced_configuration.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.aws import Construct, IamRole, IamRolePolicy, LbTargetGroup, blocks
from generator.constructs.container import HealthCheckProps
from generator.constructs.iam import assume_role_policy, policy_document
from generator.constructs.load_balancer import LoadBalancerBase
from generator.constructs.tokens import Number, construct_id, text
from generator.strategies import ECS_NATIVE

#: the service principal ECS uses for the infrastructure and lifecycle-hook roles
#: (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html)
ECS_PRINCIPAL = "ecs.amazonaws.com"
#: what ECS changes on the listener rules after apply: the weights of the two target groups
RULES_OWNED_BY_ECS = ["action"]


@dataclass(frozen=True)
class LifecycleHookProps:
    """A Lambda function ECS invokes at deployment lifecycle stages (it returns hookStatus SUCCEEDED or FAILED)."""

    function_arn: str
    stages: Sequence[str]


@dataclass(frozen=True)
class TrafficShiftProps:
    """An ECS-native deployment: `strategy` is ecs_blue_green, ecs_linear or ecs_canary.

    Defaults: bake time 5 minutes; canary 5 % then the rest after 10 minutes; linear 10 % steps every
    6 minutes (the ECS API's defaults for canary and linear); test listener open to `test_ingress_cidrs`; no
    alarms, no lifecycle hooks, no Service Connect test header.
    """

    strategy: str
    alternate_target_group_name: str
    test_listener_port: Number
    test_ingress_cidrs: Sequence[str]
    infrastructure_role_name: str
    hook_role_name: str
    bake_time_minutes: Number = 5
    canary_percent: Number = 5.0
    canary_bake_time_minutes: Number = 10
    step_percent: Number = 10.0
    step_bake_time_minutes: Number = 6
    alarms: Sequence[str] = ()
    lifecycle_hooks: Sequence[LifecycleHookProps] = ()
    test_header: tuple[str, str] | None = None


class TrafficShift(Construct):
    """Alternate target group, production and test listener rules, the infrastructure role (and the hook role)."""

    def __init__(self, scope: Construct, id_: str, props: TrafficShiftProps, *, service_name: str,
                 alb: LoadBalancerBase, listener_port: Number, primary: LbTargetGroup, container_port: Number,
                 health_path: str, health: HealthCheckProps):
        super().__init__(scope, id_)
        self.props = props
        self.alternate = alb.target_group(construct_id(self, f"{service_name}-alt-tg"),
                                          name=props.alternate_target_group_name, port=container_port,
                                          health_path=health_path, health=health)
        # Before a deployment only the primary group serves traffic (weight 100), and both groups are on both rules.
        weights = [(primary.arn, 100), (self.alternate.arn, 0)]
        self.production_listener = alb.listeners[listener_port]
        self.production_rule = alb.weighted_rule(construct_id(self, f"{service_name}-production-rule"),
                                                 listener_port, weights, priority=1)
        self.test_listener = alb.add_listener(props.test_listener_port, description=f"testers of {service_name}",
                                              cidrs=props.test_ingress_cidrs)
        self.test_rule = alb.weighted_rule(construct_id(self, f"{service_name}-test-rule"),
                                           props.test_listener_port, weights, priority=1)
        for rule in (self.production_rule, self.test_rule):
            # ECS moves traffic by rewriting the target groups' weights in these rules on every deployment.
            rule.add_override("lifecycle.ignore_changes", RULES_OWNED_BY_ECS)
        self.policies: list[IamRolePolicy] = []
        self.infrastructure_role = self._role(
            "infrastructure", props.infrastructure_role_name, f"ECS infrastructure role of service {service_name}: "
            "shifts traffic between its target groups", infrastructure_statements(
                [primary.arn, self.alternate.arn], [self.production_rule.arn, self.test_rule.arn],
                [self.production_listener.arn, self.test_listener.arn]))
        self.hook_role = self._role(
            "hooks", props.hook_role_name, f"ECS lifecycle hooks of service {service_name}",
            hook_statements([hook.function_arn for hook in props.lifecycle_hooks])) if props.lifecycle_hooks else None

    def _role(self, id_: str, name: str, description: str, statements: list[dict]) -> IamRole:
        # AWS documents this trust without condition keys (generator.iam_reference.UNCONDITIONED_TRUST)
        role = IamRole(self, f"{id_}-role", name=name, description=description,
                       assume_role_policy=assume_role_policy(ECS_PRINCIPAL))
        self.policies.append(IamRolePolicy(self, f"{id_}-policy", name=name, role=role.id,
                                           policy=policy_document(statements)))
        return role

    @property
    def dependencies(self) -> list:
        """What the service must wait for: ECS checks the rules and assumes the role when it creates the service."""
        return [self.production_rule, self.test_rule, *self.policies]

    def advanced_configuration(self) -> dict:
        """The service's load_balancer.advanced_configuration."""
        return {"alternate_target_group_arn": self.alternate.arn, "production_listener_rule": self.production_rule.arn,
                "test_listener_rule": self.test_rule.arn, "role_arn": self.infrastructure_role.arn}

    def deployment_configuration(self) -> dict:
        """The service's deployment_configuration (bake times are strings in the provider's schema)."""
        props = self.props
        config: dict = {"strategy": ECS_NATIVE[props.strategy], "bake_time_in_minutes": text(props.bake_time_minutes)}
        if ECS_NATIVE[props.strategy] == "CANARY":
            config["canary_configuration"] = {"canary_percent": props.canary_percent,
                                              "canary_bake_time_in_minutes": text(props.canary_bake_time_minutes)}
        if ECS_NATIVE[props.strategy] == "LINEAR":
            config["linear_configuration"] = {"step_percent": props.step_percent,
                                              "step_bake_time_in_minutes": text(props.step_bake_time_minutes)}
        if self.hook_role is not None:
            config["lifecycle_hook"] = blocks([{"hook_target_arn": hook.function_arn,
                                                "lifecycle_stages": list(hook.stages), "role_arn": self.hook_role.arn}
                                               for hook in props.lifecycle_hooks])
        return config


def infrastructure_statements(target_group_arns: list[str], rule_arns: list[str], listener_arns: list[str]
                              ) -> list[dict]:
    """The infrastructure role, narrowed from AmazonECSInfrastructureRolePolicyForLoadBalancers to this service.

    The managed policy grants the same actions on every target group, rule and listener of the account
    (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonECSInfrastructureRolePolicyForLoadBalancers.html);
    here: Describe* on "*" (no resource-level permissions), RegisterTargets/DeregisterTargets on the two target
    groups (resource type targetgroup), ModifyRule on the two rules (listener-rule/app) and ModifyListener on the
    two listeners (listener/app), per the Service Authorization Reference
    (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awselasticloadbalancingv2.html).
    ECS calls ModifyListener during TEST_TRAFFIC_SHIFT
    (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/troubleshooting-blue-green.html).
    """
    from generator.constructs.pipeline.policies import statement  # here: the pipeline package imports services

    return [statement("Describe", ["elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeRules",
                                   "elasticloadbalancing:DescribeTargetGroups",
                                   "elasticloadbalancing:DescribeTargetHealth"], ["*"]),
            statement("RegisterTasks", ["elasticloadbalancing:DeregisterTargets",
                                        "elasticloadbalancing:RegisterTargets"], target_group_arns),
            statement("ShiftTraffic", ["elasticloadbalancing:ModifyRule"], rule_arns),
            statement("ShiftListenerTraffic", ["elasticloadbalancing:ModifyListener"], listener_arns)]


def hook_statements(function_arns: list[str]) -> list[dict]:
    """lambda:InvokeFunction on exactly the hook functions
    (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/blue-green-permissions.html)."""
    from generator.constructs.pipeline.policies import statement  # here: the pipeline package imports services

    return [statement("InvokeHooks", ["lambda:InvokeFunction"], list(dict.fromkeys(function_arns)))]
