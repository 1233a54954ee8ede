"""The Usage block of every module's README (HCL a root configuration can paste) and the examples that call it.

Each block is a complete root configuration (no provider block: the caller's) whose module sources are relative
to an `examples/<folder>` next to `modules/`, as in this repository; values other modules produce are placeholders
naming that output. `tests/modules/test_readme_usage.py` extracts each README's block and runs `terraform validate`
on it against the module rendered for the offline target, so a block that stops fitting its module fails the suite.
"""
from __future__ import annotations

#: examples/ folder -> (what it shows, modules its root calls); tests/modules/test_readme_usage.py checks the calls
EXAMPLES: dict[str, tuple[str, frozenset[str]]] = {
    "workshop": ("the workshop's whole stack: four services, data stores, GuardDuty, two pipelines", frozenset({
        "logs", "network", "ecs-cluster", "alb", "carts-table", "catalog-db", "guardduty", "ecs-service-alb",
        "ecs-service", "service-access", "pipeline-rolling", "pipeline-blue-green"})),
    "minimal": ("a public service on a path rule of the shared listener and an internal service it calls",
                frozenset({"logs", "network", "ecs-cluster", "alb", "ecs-service-alb", "ecs-service",
                           "service-access"})),
}

_SERVICE_COMMON = """
  cluster_name   = "shop"                                          # module.ecs_cluster.name
  cluster_arn    = "arn:aws:ecs:us-east-1:111122223333:cluster/shop" # module.ecs_cluster.arn
  vpc_id         = "vpc-0123456789abcdef0"                          # module.network.vpc_id
  subnet_ids     = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"] # module.network.private_subnet_ids
  log_group_name = "shop-tasks"                                    # module.logs.log_group_name
"""

_NAMESPACE = """  namespace = {                                                     # module.ecs_cluster.namespace
    id   = "ns-0123456789abcdef"
    arn  = "arn:aws:servicediscovery:us-east-1:111122223333:namespace/ns-0123456789abcdef"
    name = "shop.local"
  }
"""

_ALB = """
  alb_arn               = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/shop/0123456789abcdef" # module.alb.arn
  alb_security_group_id = "sg-0123456789abcdef0"                   # module.alb.security_group_id
"""

_OWN_LISTENER = """  listener_port         = 8081 # a listener of its own
"""

_PIPELINE = """
  pipeline_name     = "ui-pipeline"
  source_repository = "ui"                                         # an existing CodeCommit repository
  ecr_repository    = "shop/ui"
  image_parameter   = "/shop/ui/image"
  log_kms_key_arn   = "arn:aws:kms:us-east-1:111122223333:key/0123abcd-0123-abcd-0123-0123456789ab" # module.logs.kms_key_arn
"""


def _service(source: str, body: str, *, namespace: bool = True) -> str:
    return (f'module "ui" {{\n  source = "../../modules/{source}"\n\n  name              = "ui"\n'
            f'  image             = "public.ecr.aws/nginx/nginx:1.27"\n  container_port    = 80\n'
            f'  health_check_path = "/"\n{_SERVICE_COMMON}{_NAMESPACE if namespace else ""}{body}}}\n')


USAGE: dict[str, str] = {
    "network": """
module "network" {
  source = "../../modules/network"

  name         = "shop"
  cidr         = "10.0.0.0/16"
  az_count     = 3        # zones with a public and a private subnet each (2 to 6)
  nat_gateways = "per_az" # a NAT gateway per zone ("single": one, in the first zone)

  # flow logs are on by default; with create_flow_logs = false there are none and no key is needed
  flow_log_kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/0123abcd-0123-abcd-0123-0123456789ab" # module.logs.kms_key_arn
}
""",
    "logs": """
module "logs" {
  source = "../../modules/logs"

  name_prefix    = "shop"
  log_group_name = "shop-tasks"
  retention_days = 30 # days

  # optional: the workshop's saved Logs Insights queries
  saved_queries = {
    cluster_name        = "shop" # Container Insights of this cluster feed two of them
    front_service       = "ui"   # the task-startup query follows this service
    front_stream_prefix = "ui"   # its awslogs stream prefix (the recent-logs query)
  }
}
""",
    "alb": """
module "alb" {
  source = "../../modules/alb"

  name                = "shop"
  vpc_id              = "vpc-0123456789abcdef0"                                  # module.network.vpc_id
  subnet_ids          = ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"] # module.network.public_subnet_ids
  deletion_protection = false

  # HTTPS on 443 with this certificate, HTTP on 80 redirecting to it; services attach to module.alb.listener_arn
  certificate_arns = ["arn:aws:acm:us-east-1:111122223333:certificate/0123abcd-0123-abcd-0123-0123456789ab"]
}
""",
    "ecs-cluster": """
module "ecs_cluster" {
  source = "../../modules/ecs-cluster"

  name      = "shop"
  namespace = "shop.local"
  vpc_id    = "vpc-0123456789abcdef0" # module.network.vpc_id
}
""",
    "ecs-service": """
module "catalog" {
  source = "../../modules/ecs-service"

  name              = "catalog"
  image             = "public.ecr.aws/aws-containers/retail-store-sample-catalog:0.7.0"
  health_check_path = "/health"
  autoscaling       = { min = 1, max = 4, target = 70 } # percent of average CPU utilization
  secrets = [{ # the created execution role may read exactly this secret
    name      = "DB_PASSWORD"
    valueFrom = "arn:aws:secretsmanager:us-east-1:111122223333:secret:shop-catalog-db-AbCdEf:password::"
  }]
  # inline policies of the created task role
  task_role_policies = [jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject"]
      Resource = ["arn:aws:s3:::shop-catalog-images/*"]
    }]
  })]
""" + _SERVICE_COMMON + _NAMESPACE + """}

output "catalog_url" {
  value = module.catalog.url # what callers put in their environment
}
""",
    "ecs-service-alb": _service("ecs-service-alb", _ALB + """
  # a rule on the alb module's shared listener (default: a listener of its own on listener_port)
  create_listener = false
  listener_arn    = "arn:aws:elasticloadbalancing:us-east-1:111122223333:listener/app/shop/0123456789abcdef/0123456789abcdef" # module.alb.listener_arn
  path_patterns   = ["/shop/*"]
  priority        = 10

  health_check_matcher      = "200"
  health_check_grace_period = 120 # seconds
  autoscaling               = { min = 2, max = 10, target = 1000 } # requests completed per target
"""),
    "service-access": """
module "ui_to_catalog" {
  source = "../../modules/service-access"

  caller_name              = "ui"
  caller_security_group_id = "sg-0aaaaaaaaaaaaaaaa" # module.ui.security_group_id
  callee_name              = "catalog"
  callee_security_group_id = "sg-0bbbbbbbbbbbbbbbb" # module.catalog.security_group_id
  port                     = 8080
}
""",
    "carts-table": """
module "carts_table" {
  source = "../../modules/carts-table"

  name = "shop-carts"
}
""",
    "catalog-db": """
variable "catalog_db_password" {
  description = "Renderings for hashicorp/aws < 4.61.0 only (RDS generates and manages it from 4.61.0 on)"
  type        = string
  sensitive   = true
  default     = null
}

module "catalog_db" {
  source = "../../modules/catalog-db"

  identifier               = "shop-catalog"
  endpoint_parameter       = "/shop/catalog/db-endpoint"
  subnet_ids               = ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"] # module.network.private_subnet_ids
  vpc_id                   = "vpc-0123456789abcdef0"                                  # module.network.vpc_id
  client_security_group_id = "sg-0bbbbbbbbbbbbbbbb"                                   # module.catalog.security_group_id
  catalog_db_password      = var.catalog_db_password
  deletion_protection      = false
}
""",
    "guardduty": """
module "guardduty" {
  source = "../../modules/guardduty" # one detector per account and region
}
""",
    "pipeline-rolling": _service("pipeline-rolling", _ALB + _OWN_LISTENER + _PIPELINE),
    "pipeline-blue-green": _service("pipeline-blue-green", _ALB + _OWN_LISTENER + _PIPELINE + """
  green_target_group_name     = "ui-green"
  test_listener_port          = 8083
  test_ingress_cidrs          = ["10.0.0.0/16"] # module.network.vpc_cidr_block
  codedeploy_application      = "ui"
  codedeploy_deployment_group = "ui"
""", namespace=False),
    "pipeline-ecs-canary": _service("pipeline-ecs-canary", _ALB + _OWN_LISTENER + _PIPELINE + """
  alternate_target_group_name = "ui-alternate"
  infrastructure_role_name    = "ui-ecs-infrastructure"
  test_ingress_cidrs          = ["10.0.0.0/16"] # module.network.vpc_cidr_block
  canary_percent              = 10
"""),
}


def examples_of(module: str) -> dict[str, str]:
    """README link -> what the example shows, for each example that calls `module`."""
    return {f"../../examples/{folder}/": what for folder, (what, calls) in EXAMPLES.items() if module in calls}
