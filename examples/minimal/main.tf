# Two services from the generated modules in ../../modules: a public web service behind the load balancer's shared
# listener (a path rule) and an internal API it calls. No pipelines, no database. The service modules create
# their own least-privilege execution and task roles and security groups; names derive from `name`.

module "logs" {
  source = "../../modules/logs"

  name_prefix    = var.name
  log_group_name = "${var.name}-tasks"
  tags           = var.tags
}

module "network" {
  source = "../../modules/network"

  name                 = var.name
  flow_log_kms_key_arn = module.logs.kms_key_arn
  tags                 = var.tags
}

module "ecs_cluster" {
  source = "../../modules/ecs-cluster"

  name      = var.name
  namespace = "${var.name}.local"
  vpc_id    = module.network.vpc_id
  tags      = var.tags
}

module "alb" {
  source = "../../modules/alb"

  name                = var.name
  vpc_id              = module.network.vpc_id
  subnet_ids          = module.network.public_subnet_ids
  certificate_arns    = var.certificate_arns
  deletion_protection = false # a disposable example: `terraform destroy` removes it
  tags                = var.tags
}

locals {
  # what every service module gets from the shared modules
  platform = {
    cluster_name   = module.ecs_cluster.name
    cluster_arn    = module.ecs_cluster.arn
    namespace      = module.ecs_cluster.namespace
    vpc_id         = module.network.vpc_id
    subnet_ids     = module.network.private_subnet_ids
    log_group_name = module.logs.log_group_name
  }
}

module "web" {
  source = "../../modules/ecs-service-alb"

  cluster_name   = local.platform.cluster_name
  cluster_arn    = local.platform.cluster_arn
  namespace      = local.platform.namespace
  vpc_id         = local.platform.vpc_id
  subnet_ids     = local.platform.subnet_ids
  log_group_name = local.platform.log_group_name

  name              = "web"
  name_prefix       = var.name
  image             = "public.ecr.aws/nginx/nginx:1.27"
  container_port    = 80
  health_check_path = "/"
  task_size         = { cpu = 256, memory = 512 }
  environment       = [{ name = "API_URL", value = module.api.url }]

  alb_arn               = module.alb.arn
  alb_security_group_id = module.alb.security_group_id
  create_listener       = false # a rule on the shared listener instead
  listener_arn          = module.alb.listener_arn
  path_patterns         = ["/*"]
  priority              = 100
  tags                  = var.tags
}

module "api" {
  source = "../../modules/ecs-service"

  cluster_name   = local.platform.cluster_name
  cluster_arn    = local.platform.cluster_arn
  namespace      = local.platform.namespace
  vpc_id         = local.platform.vpc_id
  subnet_ids     = local.platform.subnet_ids
  log_group_name = local.platform.log_group_name

  name              = "api"
  name_prefix       = var.name
  image             = "public.ecr.aws/nginx/nginx:1.27"
  container_port    = 80
  health_check_path = "/"
  task_size         = { cpu = 256, memory = 512 }
  tags              = var.tags
}

module "web_to_api" {
  source = "../../modules/service-access"

  caller_name              = "web"
  caller_security_group_id = module.web.security_group_id
  callee_name              = "api"
  callee_security_group_id = module.api.security_group_id
  port                     = 80
}
