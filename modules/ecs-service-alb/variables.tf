variable "additional_container_definitions" {
  default     = "[]"
  description = "Sidecar containers after the main one: a JSON list of ECS container definitions (jsonencode([{name, image, ...}])); their `secrets` are read by the created execution role too (give ARNs), their logConfiguration is theirs to set"
  type        = string

  validation {
    condition     = try(length(concat(jsondecode(var.additional_container_definitions), [])) >= 0 && alltrue([for c in jsondecode(var.additional_container_definitions) : can(tostring(c.name)) && can(tostring(c.image))]), false)
    error_message = "Must be a JSON list of container definitions, each with a name and an image."
  }

  validation {
    condition = try(alltrue([
      for c in jsondecode(var.additional_container_definitions) :
      alltrue([
        for s in try(c.secrets, []) :
        can(regex("^arn:[^:]+:(secretsmanager|ssm):", s.valueFrom))
      ])
    ]), false)
    error_message = "Each sidecar secret's valueFrom must be a Secrets Manager secret ARN or an SSM parameter ARN (the created execution role is granted exactly those)."
  }
}

variable "alb_arn" {
  description = "Load balancer (the alb module's arn)"
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:elasticloadbalancing:", var.alb_arn))
    error_message = "Must be an ARN (arn:aws[a-z-]*:elasticloadbalancing:...)."
  }
}

variable "alb_security_group_id" {
  description = "The alb module's security_group_id"
  type        = string
}

variable "autoscaling" {
  default = {
    max    = 1
    min    = 1
    target = 70
  }
  description = "Target tracking: task count bounds and the metric's target value (percent for CPU and memory utilization, requests completed per target for ALBRequestCountPerTarget: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html)"
  type = object({
    min    = number
    max    = number
    target = number
  })

  validation {
    condition     = var.autoscaling.min >= 0 && var.autoscaling.min <= var.autoscaling.max && var.autoscaling.target > 0
    error_message = "Needs 0 <= min <= max and a positive target."
  }
}

variable "capacity_provider_strategy" {
  default     = []
  description = "How the tasks are spread over the cluster's capacity providers: base tasks on one, the rest by weight (the ecs-cluster module registers FARGATE and FARGATE_SPOT); empty: launch type FARGATE"
  type = list(object({
    capacity_provider = string
    weight            = number
    base              = number
  }))

  validation {
    condition = alltrue([
      for s in var.capacity_provider_strategy :
      contains(["FARGATE", "FARGATE_SPOT"], s.capacity_provider)
    ])
    error_message = "Each capacity_provider must be one of FARGATE, FARGATE_SPOT."
  }

  validation {
    condition = alltrue([
      for s in var.capacity_provider_strategy :
      s.weight >= 0 && s.weight <= 1000 && floor(s.weight) == s.weight && s.base >= 0 && s.base <= 100000 && floor(s.base) == s.base
    ])
    error_message = "Each weight must be a whole number from 0 to 1000, each base from 0 to 100000."
  }

  validation {
    condition     = length([for s in var.capacity_provider_strategy : s if s.base > 0]) <= 1
    error_message = "Only one capacity provider may have a base above 0."
  }

  validation {
    condition     = length(var.capacity_provider_strategy) == 0 || length([for s in var.capacity_provider_strategy : s if s.weight > 0]) >= 1
    error_message = "At least one capacity provider needs a weight above 0."
  }
}

variable "client_alias" {
  description = "Service Connect client alias other services call (http://<client_alias>[:<client_port>]) (null: `discovery_name`)"
  type        = string
  default     = null
}

variable "client_port" {
  default     = 80
  description = "Service Connect client alias port"
  type        = number

  validation {
    condition     = var.client_port >= 1 && var.client_port <= 65535 && floor(var.client_port) == var.client_port
    error_message = "Must be a whole number from 1 to 65535."
  }
}

variable "cluster_arn" {
  description = "ARN of the ECS cluster (the ecs-cluster module's arn)"
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:ecs:", var.cluster_arn))
    error_message = "Must be an ARN (arn:aws[a-z-]*:ecs:...)."
  }
}

variable "cluster_name" {
  description = "ECS cluster (the ecs-cluster module's name)"
  type        = string
}

variable "container_cpu" {
  default     = 0
  description = "CPU units reserved for the container (0: none)"
  type        = number

  validation {
    condition     = var.container_cpu >= 0
    error_message = "Must not be negative."
  }
}

variable "container_health_check" {
  default     = true
  description = "Whether the container has an ECS health check (false: none; a task is then healthy while its essential containers run)"
  type        = bool
}

variable "container_name" {
  default     = "application"
  description = "Name of the container"
  type        = string
}

variable "container_port" {
  default     = 8080
  description = "Port the container listens on"
  type        = number

  validation {
    condition     = var.container_port >= 1 && var.container_port <= 65535 && floor(var.container_port) == var.container_port
    error_message = "Must be a whole number from 1 to 65535."
  }
}

variable "cpu_architecture" {
  default     = "X86_64"
  description = "X86_64 or ARM64 (runtime_platform)"
  type        = string

  validation {
    condition     = contains(["X86_64", "ARM64"], var.cpu_architecture)
    error_message = "Must be X86_64 or ARM64."
  }
}

variable "create_execution_role" {
  default     = true
  description = "Whether the module creates the task execution role (image pull, logs, exactly the `secrets`); false: give `execution_role_arn`"
  type        = bool
}

variable "create_listener" {
  default     = true
  description = "Whether the service gets a listener of its own on listener_port (false: a rule on listener_arn)"
  type        = bool
}

variable "create_security_group" {
  default     = true
  description = "Whether the module creates the tasks' security group (egress_rules out, the load balancer's traffic in); false: the tasks get only security_group_ids, which must admit container_port from the load balancer themselves"
  type        = bool
}

variable "create_task_role" {
  default     = true
  description = "Whether the module creates the task role (ECS tasks of this account only; ECS Exec channels when enabled, and `task_role_policies`); false: give `task_role_arn` or leave it null for none"
  type        = bool
}

variable "deployment_maximum_percent" {
  default     = 200
  description = "Upper bound of tasks during a deployment (% of desired)"
  type        = number

  validation {
    condition     = var.deployment_maximum_percent >= 100 && var.deployment_maximum_percent <= 400
    error_message = "Must be 100 to 400."
  }
}

variable "deployment_minimum_healthy_percent" {
  default     = 100
  description = "Lower bound of running tasks during a deployment (% of desired)"
  type        = number

  validation {
    condition     = var.deployment_minimum_healthy_percent >= 0 && var.deployment_minimum_healthy_percent <= 100
    error_message = "Must be 0 to 100."
  }
}

variable "desired_count" {
  default     = 1
  description = "Tasks at creation (autoscaling owns the count after)"
  type        = number

  validation {
    condition     = var.desired_count >= 0
    error_message = "Must not be negative."
  }
}

variable "discovery_name" {
  description = "Name in the namespace (Service Connect discovery name, or the Cloud Map DNS service) (null: `name`)"
  type        = string
  default     = null
}

variable "egress_rules" {
  default = [
    {
      cidr_blocks = ["0.0.0.0/0"]
      description = "HTTPS to AWS APIs and image registries"
      port        = 443
    }
  ]
  description = "What the tasks may reach: TCP port to IPv4 networks, each rule with a description (the created group only)"
  type = list(object({
    description = string
    port        = number
    cidr_blocks = list(string)
  }))

  validation {
    condition = alltrue([
      for r in var.egress_rules :
      r.port >= 1 && r.port <= 65535 && floor(r.port) == r.port
    ])
    error_message = "Each port must be a whole number from 1 to 65535."
  }

  validation {
    condition = alltrue([
      for r in var.egress_rules :
      length(r.cidr_blocks) >= 1 && alltrue([for c in r.cidr_blocks : can(cidrnetmask(c)) && try(cidrsubnet(c, 0, 0) == c, false)])
    ])
    error_message = "Each rule needs IPv4 networks in CIDR notation with no host bits set, e.g. 10.0.0.0/16."
  }

  validation {
    condition = alltrue([
      for r in var.egress_rules :
      can(regex("^[A-Za-z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]{1,255}$", r.description))
    ])
    error_message = "Each description takes 1 to 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* characters."
  }
}

variable "enable_execute_command" {
  default     = false
  description = "Whether ECS Exec is enabled (the task role needs the ssmmessages channel actions)"
  type        = bool
}

variable "environment" {
  default     = []
  description = "Container environment variables, in ECS's [{name, value}] form"
  type = list(object({
    name  = string
    value = string
  }))
}

variable "execution_role_arn" {
  description = "Task execution role to use when create_execution_role = false"
  type        = string
  default     = null

  validation {
    condition     = var.execution_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::", var.execution_role_arn))
    error_message = "Must be an IAM role ARN (arn:aws:iam::...)."
  }
}

variable "execution_role_name" {
  description = "Name of the created execution role (null: <name>-execution)"
  type        = string
  default     = null

  validation {
    condition     = var.execution_role_name == null || try(can(regex("^[\\w+=,.@-]{1,64}$", var.execution_role_name)), false)
    error_message = "Use 1-64 letters, digits and +=,.@_- characters."
  }
}

variable "family" {
  description = "Task definition family (null: `name`)"
  type        = string
  default     = null
}

variable "health_check_command" {
  description = "The container's health check in ECS's form, e.g. [\"CMD-SHELL\", \"wget -q -O /dev/null http://localhost:8080/health || exit 1\"] (null: curl -f http://localhost:<container_port><health_check_path>)"
  type        = list(string)
  default     = null

  validation {
    condition     = var.health_check_command == null || try(contains(["CMD", "CMD-SHELL"], var.health_check_command[0]) && length(var.health_check_command) >= 2, false)
    error_message = "Must start with CMD (the arguments run directly) or CMD-SHELL (run by the container's shell), then the command."
  }
}

variable "health_check_grace_period" {
  default     = 60
  description = "Seconds ECS ignores failing load balancer health checks of a new task"
  type        = number

  validation {
    condition     = var.health_check_grace_period >= 0 && var.health_check_grace_period <= 2147483647 && floor(var.health_check_grace_period) == var.health_check_grace_period
    error_message = "Must be whole seconds from 0 to 2147483647."
  }
}

variable "health_check_matcher" {
  default     = "200-399"
  description = "HTTP codes the target group counts as healthy"
  type        = string

  validation {
    condition     = can(regex("^[2-4][0-9][0-9]((-|,)[2-4][0-9][0-9])*$", var.health_check_matcher))
    error_message = "Use HTTP codes from 200 to 499: one code, a list (200,202) or a range (200-299)."
  }
}

variable "health_check_path" {
  description = "HTTP path of the health check"
  type        = string

  validation {
    condition     = var.health_check_path == null || can(regex("^/", var.health_check_path))
    error_message = "Must start with '/'."
  }
}

variable "host_headers" {
  default     = ["*"]
  description = "Host names the rule forwards (create_listener = false; * matches any host)"
  type        = list(string)

  validation {
    condition     = length(var.host_headers) >= 1 && length(var.host_headers) <= 2 && length(regexall("[*?]", join("", var.host_headers))) <= 2
    error_message = "Give 1 to 2 values with at most 2 wildcards ('*', '?'): a rule takes 5 values and 5 wildcards, 3 values per condition."
  }
}

variable "image" {
  description = "Container image, e.g. public.ecr.aws/aws-containers/retail-store-sample-ui:0.7.0"
  type        = string

  validation {
    condition     = can(regex("^(?:(?P<registry>[a-z0-9.-]+(?::[0-9]+)?)/)?(?P<repo>[a-z0-9]+(?:[._/-][a-z0-9]+)*)(?::(?P<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@sha256:[a-f0-9]{64})?$", var.image))
    error_message = "Must be an image reference like REGISTRY/REPOSITORY:TAG (or @sha256:DIGEST)."
  }
}

variable "ingress_cidrs" {
  default     = ["0.0.0.0/0"]
  description = "Clients allowed to the listener"
  type        = list(string)

  validation {
    condition = alltrue([
      for c in var.ingress_cidrs :
      can(cidrnetmask(c))
    ])
    error_message = "Must be IPv4 CIDR blocks."
  }
}

variable "listener_arn" {
  description = "The shared listener the service's rule is added to when create_listener = false (the alb module's listener_arn)"
  type        = string
  default     = null

  validation {
    condition     = var.listener_arn == null || can(regex("^arn:aws[a-z-]*:elasticloadbalancing:", var.listener_arn))
    error_message = "Must be a listener ARN (arn:aws:elasticloadbalancing:...)."
  }
}

variable "listener_port" {
  default     = 80
  description = "Port of the service's own listener (create_listener)"
  type        = number

  validation {
    condition     = var.listener_port >= 1 && var.listener_port <= 65535 && floor(var.listener_port) == var.listener_port
    error_message = "Must be a whole number from 1 to 65535."
  }
}

variable "log_group_name" {
  description = "Log group of the container (the logs module's)"
  type        = string
}

variable "log_stream_prefix" {
  description = "awslogs stream prefix, e.g. ui-service (null: `name`)"
  type        = string
  default     = null
}

variable "name" {
  description = "Name of the ECS service; the other names derive from it"
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.name))
    error_message = "Use lower-case letters, digits and hyphens, starting with a letter, at most 32 characters."
  }
}

variable "name_prefix" {
  default     = ""
  description = "Prefix of the security group name: <name_prefix>-<name> (empty: <name>)"
  type        = string

  validation {
    condition     = var.name_prefix == "" || can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.name_prefix))
    error_message = "Use lower-case letters, digits and hyphens, starting with a letter (or leave it empty)."
  }
}

variable "namespace" {
  description = "Cloud Map namespace (the ecs-cluster module's namespace output)"
  type = object({
    id   = string
    arn  = string
    name = string
  })
}

variable "path_patterns" {
  default     = ["/*"]
  description = "Request paths the rule forwards (create_listener = false)"
  type        = list(string)

  validation {
    condition     = length(var.path_patterns) >= 1 && length(var.path_patterns) <= 3 && length(regexall("[*?]", join("", var.path_patterns))) <= 3
    error_message = "Give 1 to 3 values with at most 3 wildcards ('*', '?'): a rule takes 5 values and 5 wildcards, 3 values per condition."
  }
}

variable "priority" {
  description = "Priority of the rule on the shared listener, lower first (null: after the listener's last rule)"
  type        = number
  default     = null

  validation {
    condition     = var.priority == null || try(var.priority >= 1 && var.priority <= 50000 && floor(var.priority) == var.priority, false)
    error_message = "Must be a whole number from 1 to 50000."
  }
}

variable "secrets" {
  default     = []
  description = "Container secrets: [{name, valueFrom = Secrets Manager ARN[:json-key::] or SSM parameter ARN}] (the created execution role may read exactly these)"
  type = list(object({
    name      = string
    valueFrom = string
  }))

  validation {
    condition = alltrue([
      for s in var.secrets :
      can(regex("^arn:[^:]+:(secretsmanager|ssm):", s.valueFrom))
    ])
    error_message = "Each valueFrom must be a Secrets Manager secret ARN or an SSM parameter ARN (the created execution role is granted exactly those)."
  }
}

variable "security_group_ids" {
  default     = []
  description = "Security groups attached to the tasks besides the created one (with create_security_group = false the only ones: at least one)"
  type        = list(string)

  validation {
    condition = alltrue([
      for id in var.security_group_ids :
      can(regex("^sg-[0-9a-f]+$", id))
    ])
    error_message = "Each must be a security group id (sg-...)."
  }
}

variable "subnet_ids" {
  description = "Private subnets for the tasks"
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) >= 1
    error_message = "Needs at least 1 id(s)."
  }
}

variable "tags" {
  default     = {}
  description = "Tags for every taggable resource (merged with each one's Name)"
  type        = map(string)
}

variable "target_group_name" {
  description = "Name of the target group (null: `name`)"
  type        = string
  default     = null

  validation {
    condition     = var.target_group_name == null || try(length(var.target_group_name) <= 32, false)
    error_message = "At most 32 characters."
  }
}

variable "task_role_arn" {
  description = "Task role to use when create_task_role = false (null: none)"
  type        = string
  default     = null

  validation {
    condition     = var.task_role_arn == null || can(regex("^arn:aws[a-z-]*:iam::", var.task_role_arn))
    error_message = "Must be an IAM role ARN (arn:aws:iam::...)."
  }
}

variable "task_role_name" {
  description = "Name of the created task role (null: <name>-task)"
  type        = string
  default     = null

  validation {
    condition     = var.task_role_name == null || try(can(regex("^[\\w+=,.@-]{1,64}$", var.task_role_name)), false)
    error_message = "Use 1-64 letters, digits and +=,.@_- characters."
  }
}

variable "task_role_policies" {
  default     = []
  description = "IAM policy documents (JSON) the application needs, each inline on the created task role"
  type        = list(string)
}

variable "task_size" {
  default = {
    cpu    = 1024
    memory = 2048
  }
  description = "Task CPU units and memory (MiB): a pair AWS Fargate offers"
  type = object({
    cpu    = number
    memory = number
  })

  validation {
    condition = contains(lookup({
      "256"   = [512, 1024, 2048]
      "512"   = [1024, 2048, 3072, 4096]
      "1024"  = [2048, 3072, 4096, 5120, 6144, 7168, 8192]
      "2048"  = [4096, 5120, 6144, 7168, 8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384]
      "4096"  = [8192, 9216, 10240, 11264, 12288, 13312, 14336, 15360, 16384, 17408, 18432, 19456, 20480, 21504, 22528, 23552, 24576, 25600, 26624, 27648, 28672, 29696, 30720]
      "8192"  = [16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440]
      "16384" = [32768, 40960, 49152, 57344, 65536, 73728, 81920, 90112, 98304, 106496, 114688, 122880]
    }, tostring(var.task_size.cpu), []), var.task_size.memory)
    error_message = "Not a Fargate size (cpu 256: memory 512..2048; cpu 512: memory 1024..4096; cpu 1024: memory 2048..8192; cpu 2048: memory 4096..16384; cpu 4096: memory 8192..30720; cpu 8192: memory 16384..61440; cpu 16384: memory 32768..122880; see the Fargate task size table)."
  }
}

variable "vpc_id" {
  description = "VPC of the service"
  type        = string
}
