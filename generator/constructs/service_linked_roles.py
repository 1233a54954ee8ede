"""Service-linked roles: which ones a stack's resources need, and creating them for fresh accounts.

Each service creates its own service-linked role the first time it is used, if the caller may
call iam:CreateServiceLinkedRole; in an account that has used the service before, the role
exists already and creating it again fails. So by default the stack creates none and relies on
that first-use creation (the deployer policy grants iam:CreateServiceLinkedRole for exactly
these services, `generator/deployer/`). `create_service_linked_roles: true` is for brand-new
accounts: the stack creates them, and every resource that needs one depends on it, so the first
cluster, service, load balancer, scalable target or database never races its role. (ECS is the
known race: CreateCluster tries to create AWSServiceRoleForECS itself,
https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html, and in a new account
can fail with "Unable to assume the service linked role" while it propagates.)

The pages that say which call creates which role:
- ECS, AWSServiceRoleForECS (CreateCluster, CreateService):
  https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using-service-linked-roles.html
- Elastic Load Balancing, AWSServiceRoleForElasticLoadBalancing (a load balancer or a target group):
  https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-service-linked-roles.html
- Application Auto Scaling, AWSServiceRoleForApplicationAutoScaling_ECSService (RegisterScalableTarget):
  https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html
- RDS, AWSServiceRoleForRDS (a DB instance):
  https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAM.ServiceLinkedRoles.html
- GuardDuty, AWSServiceRoleForAmazonGuardDuty (enabling GuardDuty, i.e. creating the detector):
  https://docs.aws.amazon.com/guardduty/latest/ug/using-service-linked-roles.html
The resource: https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/iam_service_linked_role
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.aws import Construct, IamServiceLinkedRole, TerraformResource, TerraformStack, resource_type

#: Terraform resource type -> the service principal whose service-linked role creating it needs
#: (the stack's scalable targets are all in the `ecs` namespace, so theirs is the ECS service one)
SERVICE_LINKED_ROLES: dict[str, str] = {
    "aws_ecs_cluster": "ecs.amazonaws.com",
    "aws_ecs_service": "ecs.amazonaws.com",
    "aws_lb": "elasticloadbalancing.amazonaws.com",
    "aws_lb_target_group": "elasticloadbalancing.amazonaws.com",
    "aws_appautoscaling_target": "ecs.application-autoscaling.amazonaws.com",
    "aws_db_instance": "rds.amazonaws.com",
    "aws_guardduty_detector": "guardduty.amazonaws.com",
}


def needed_service_linked_roles(resource_types: Iterable[str]) -> list[str]:
    """The service principals whose service-linked roles resources of these types need, sorted."""
    return sorted({SERVICE_LINKED_ROLES[t] for t in resource_types if t in SERVICE_LINKED_ROLES})


@dataclass(frozen=True)
class ServiceLinkedRolesProps:
    """The service principals to create service-linked roles for (e.g. `ecs.amazonaws.com`)."""

    services: tuple[str, ...]


class ServiceLinkedRoles(Construct):
    """One `aws_iam_service_linked_role` per service; `require_before` orders the resources that need them."""

    def __init__(self, scope: Construct, id_: str, props: ServiceLinkedRolesProps):
        super().__init__(scope, id_)
        self.roles = {service: IamServiceLinkedRole(self, service.split(".amazonaws.com")[0],
                                                    aws_service_name=service)
                      for service in props.services}

    def require_before(self, stack: TerraformStack) -> None:
        """Make every resource of `stack` that needs one of these roles depend on it."""
        for node in stack.node.find_all():
            if not isinstance(node, TerraformResource):
                continue
            role = self.roles.get(SERVICE_LINKED_ROLES.get(resource_type(node), ""))
            if role is not None:  # the address form cdktf writes for depends_on given to a constructor
                address = f"{resource_type(role)}.{role.friendly_unique_id}"
                node.depends_on = [*(node.depends_on or []), address]


def resource_types(stack: TerraformStack) -> set[str]:
    """The Terraform resource types in `stack`."""
    return {resource_type(node) for node in stack.node.find_all() if isinstance(node, TerraformResource)}
