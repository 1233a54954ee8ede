data "aws_availability_zones" "network_zones" {
  # checkov:skip=CKV_AWS_394:subnets use the first az_count zones by name; a new zone does not move them
  state = "available"
}

data "aws_caller_identity" "caller" {

}

data "aws_partition" "partition" {

}

data "aws_region" "region" {

}

resource "aws_cloudwatch_log_group" "network_flow_logs" {
  # checkov:skip=CKV_AWS_338:retention is the environment's choice (logs.retention_days)
  count             = var.create_flow_logs ? 1 : 0
  kms_key_id        = var.flow_log_kms_key_arn != null ? var.flow_log_kms_key_arn : tobool("flow_log_kms_key_arn is required when create_flow_logs is true")
  name              = "/vpc/${var.name}/flow-logs"
  retention_in_days = var.flow_log_retention_days
  tags              = var.tags
}

resource "aws_default_security_group" "network_default_sg" {
  tags = merge(var.tags, {
    "Name" = "${var.name}-default-closed"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_eip" "network_nat_0_eip" {
  domain = "vpc"
  tags = merge(var.tags, {
    "Name" = "${var.name}-nat-0"
  })
}

resource "aws_eip" "network_nat_1_eip" {
  count  = var.nat_gateways == "per_az" ? 1 : 0
  domain = "vpc"
  tags = merge(var.tags, {
    "Name" = "${var.name}-nat-1"
  })
}

resource "aws_eip" "network_nat_2_eip" {
  count  = var.nat_gateways == "per_az" && var.az_count > 2 ? 1 : 0
  domain = "vpc"
  tags = merge(var.tags, {
    "Name" = "${var.name}-nat-2"
  })
}

resource "aws_eip" "network_nat_3_eip" {
  count  = var.nat_gateways == "per_az" && var.az_count > 3 ? 1 : 0
  domain = "vpc"
  tags = merge(var.tags, {
    "Name" = "${var.name}-nat-3"
  })
}

resource "aws_eip" "network_nat_4_eip" {
  count  = var.nat_gateways == "per_az" && var.az_count > 4 ? 1 : 0
  domain = "vpc"
  tags = merge(var.tags, {
    "Name" = "${var.name}-nat-4"
  })
}

resource "aws_eip" "network_nat_5_eip" {
  count  = var.nat_gateways == "per_az" && var.az_count > 5 ? 1 : 0
  domain = "vpc"
  tags = merge(var.tags, {
    "Name" = "${var.name}-nat-5"
  })
}

resource "aws_flow_log" "network_flow_log" {
  count                = var.create_flow_logs ? 1 : 0
  iam_role_arn         = one(aws_iam_role.network_flow_logs_role[*].arn)
  log_destination      = one(aws_cloudwatch_log_group.network_flow_logs[*].arn)
  log_destination_type = "cloud-watch-logs"
  tags = merge(var.tags, {
    "Name" = "${var.name}-flow-logs"
  })
  traffic_type = "ALL"
  vpc_id       = aws_vpc.network_vpc.id
}

resource "aws_iam_role" "network_flow_logs_role" {
  count = var.create_flow_logs ? 1 : 0
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "vpc-flow-logs.amazonaws.com"
        }
        Action = "sts:AssumeRole"
        Condition = {
          StringEquals = {
            "aws:SourceAccount" = data.aws_caller_identity.caller.account_id
          }
          ArnLike = {
            "aws:SourceArn" = "arn:${data.aws_partition.partition.partition}:ec2:${data.aws_region.region.region}:${data.aws_caller_identity.caller.account_id}:vpc-flow-log/*"
          }
        }
      }
    ]
  })
  description = "VPC flow log delivery"
  name        = "${var.name}-vpc-flow-logs"
  tags        = var.tags
}

resource "aws_iam_role_policy" "network_flow_logs_policy" {
  count = var.create_flow_logs ? 1 : 0
  name  = "${var.name}-vpc-flow-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DeliverFlowLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
        Resource = [one(aws_cloudwatch_log_group.network_flow_logs[*].arn), "${one(aws_cloudwatch_log_group.network_flow_logs[*].arn)}:*"]
      },
      {
        Sid      = "FindLogGroups"
        Effect   = "Allow"
        Action   = ["logs:DescribeLogGroups"]
        Resource = ["*"]
      }
    ]
  })
  role = one(aws_iam_role.network_flow_logs_role[*].id)
}

resource "aws_internet_gateway" "network_igw" {
  tags = merge(var.tags, {
    "Name" = var.name
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_nat_gateway" "network_nat_0" {
  allocation_id = aws_eip.network_nat_0_eip.id
  subnet_id     = aws_subnet.network_public_0.id
  tags = merge(var.tags, {
    "Name" = "${var.name}-nat-0"
  })
  depends_on = [aws_internet_gateway.network_igw]
}

resource "aws_nat_gateway" "network_nat_1" {
  count         = var.nat_gateways == "per_az" ? 1 : 0
  allocation_id = one(aws_eip.network_nat_1_eip[*].id)
  subnet_id     = aws_subnet.network_public_1.id
  tags = merge(var.tags, {
    "Name" = "${var.name}-nat-1"
  })
  depends_on = [aws_internet_gateway.network_igw]
}

resource "aws_nat_gateway" "network_nat_2" {
  count         = var.nat_gateways == "per_az" && var.az_count > 2 ? 1 : 0
  allocation_id = one(aws_eip.network_nat_2_eip[*].id)
  subnet_id     = one(aws_subnet.network_public_2[*].id)
  tags = merge(var.tags, {
    "Name" = "${var.name}-nat-2"
  })
  depends_on = [aws_internet_gateway.network_igw]
}

resource "aws_nat_gateway" "network_nat_3" {
  count         = var.nat_gateways == "per_az" && var.az_count > 3 ? 1 : 0
  allocation_id = one(aws_eip.network_nat_3_eip[*].id)
  subnet_id     = one(aws_subnet.network_public_3[*].id)
  tags = merge(var.tags, {
    "Name" = "${var.name}-nat-3"
  })
  depends_on = [aws_internet_gateway.network_igw]
}

resource "aws_nat_gateway" "network_nat_4" {
  count         = var.nat_gateways == "per_az" && var.az_count > 4 ? 1 : 0
  allocation_id = one(aws_eip.network_nat_4_eip[*].id)
  subnet_id     = one(aws_subnet.network_public_4[*].id)
  tags = merge(var.tags, {
    "Name" = "${var.name}-nat-4"
  })
  depends_on = [aws_internet_gateway.network_igw]
}

resource "aws_nat_gateway" "network_nat_5" {
  count         = var.nat_gateways == "per_az" && var.az_count > 5 ? 1 : 0
  allocation_id = one(aws_eip.network_nat_5_eip[*].id)
  subnet_id     = one(aws_subnet.network_public_5[*].id)
  tags = merge(var.tags, {
    "Name" = "${var.name}-nat-5"
  })
  depends_on = [aws_internet_gateway.network_igw]
}

resource "aws_route" "network_private_0_default" {
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.network_nat_0.id
  route_table_id         = aws_route_table.network_private_0_rt.id
}

resource "aws_route" "network_private_1_default" {
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = var.nat_gateways == "per_az" ? one(aws_nat_gateway.network_nat_1[*].id) : aws_nat_gateway.network_nat_0.id
  route_table_id         = aws_route_table.network_private_1_rt.id
}

resource "aws_route" "network_private_2_default" {
  count                  = var.az_count > 2 ? 1 : 0
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = var.nat_gateways == "per_az" && var.az_count > 2 ? one(aws_nat_gateway.network_nat_2[*].id) : aws_nat_gateway.network_nat_0.id
  route_table_id         = one(aws_route_table.network_private_2_rt[*].id)
}

resource "aws_route" "network_private_3_default" {
  count                  = var.az_count > 3 ? 1 : 0
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = var.nat_gateways == "per_az" && var.az_count > 3 ? one(aws_nat_gateway.network_nat_3[*].id) : aws_nat_gateway.network_nat_0.id
  route_table_id         = one(aws_route_table.network_private_3_rt[*].id)
}

resource "aws_route" "network_private_4_default" {
  count                  = var.az_count > 4 ? 1 : 0
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = var.nat_gateways == "per_az" && var.az_count > 4 ? one(aws_nat_gateway.network_nat_4[*].id) : aws_nat_gateway.network_nat_0.id
  route_table_id         = one(aws_route_table.network_private_4_rt[*].id)
}

resource "aws_route" "network_private_5_default" {
  count                  = var.az_count > 5 ? 1 : 0
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = var.nat_gateways == "per_az" && var.az_count > 5 ? one(aws_nat_gateway.network_nat_5[*].id) : aws_nat_gateway.network_nat_0.id
  route_table_id         = one(aws_route_table.network_private_5_rt[*].id)
}

resource "aws_route" "network_public_default" {
  destination_cidr_block = "0.0.0.0/0"
  gateway_id             = aws_internet_gateway.network_igw.id
  route_table_id         = aws_route_table.network_public_rt.id
}

resource "aws_route_table" "network_private_0_rt" {
  tags = merge(var.tags, {
    "Name" = "${var.name}-private-0"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_private_1_rt" {
  tags = merge(var.tags, {
    "Name" = "${var.name}-private-1"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_private_2_rt" {
  count = var.az_count > 2 ? 1 : 0
  tags = merge(var.tags, {
    "Name" = "${var.name}-private-2"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_private_3_rt" {
  count = var.az_count > 3 ? 1 : 0
  tags = merge(var.tags, {
    "Name" = "${var.name}-private-3"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_private_4_rt" {
  count = var.az_count > 4 ? 1 : 0
  tags = merge(var.tags, {
    "Name" = "${var.name}-private-4"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_private_5_rt" {
  count = var.az_count > 5 ? 1 : 0
  tags = merge(var.tags, {
    "Name" = "${var.name}-private-5"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table" "network_public_rt" {
  tags = merge(var.tags, {
    "Name" = "${var.name}-public"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_route_table_association" "network_private_0_rta" {
  route_table_id = aws_route_table.network_private_0_rt.id
  subnet_id      = aws_subnet.network_private_0.id
}

resource "aws_route_table_association" "network_private_1_rta" {
  route_table_id = aws_route_table.network_private_1_rt.id
  subnet_id      = aws_subnet.network_private_1.id
}

resource "aws_route_table_association" "network_private_2_rta" {
  count          = var.az_count > 2 ? 1 : 0
  route_table_id = one(aws_route_table.network_private_2_rt[*].id)
  subnet_id      = one(aws_subnet.network_private_2[*].id)
}

resource "aws_route_table_association" "network_private_3_rta" {
  count          = var.az_count > 3 ? 1 : 0
  route_table_id = one(aws_route_table.network_private_3_rt[*].id)
  subnet_id      = one(aws_subnet.network_private_3[*].id)
}

resource "aws_route_table_association" "network_private_4_rta" {
  count          = var.az_count > 4 ? 1 : 0
  route_table_id = one(aws_route_table.network_private_4_rt[*].id)
  subnet_id      = one(aws_subnet.network_private_4[*].id)
}

resource "aws_route_table_association" "network_private_5_rta" {
  count          = var.az_count > 5 ? 1 : 0
  route_table_id = one(aws_route_table.network_private_5_rt[*].id)
  subnet_id      = one(aws_subnet.network_private_5[*].id)
}

resource "aws_route_table_association" "network_public_0_rta" {
  route_table_id = aws_route_table.network_public_rt.id
  subnet_id      = aws_subnet.network_public_0.id
}

resource "aws_route_table_association" "network_public_1_rta" {
  route_table_id = aws_route_table.network_public_rt.id
  subnet_id      = aws_subnet.network_public_1.id
}

resource "aws_route_table_association" "network_public_2_rta" {
  count          = var.az_count > 2 ? 1 : 0
  route_table_id = aws_route_table.network_public_rt.id
  subnet_id      = one(aws_subnet.network_public_2[*].id)
}

resource "aws_route_table_association" "network_public_3_rta" {
  count          = var.az_count > 3 ? 1 : 0
  route_table_id = aws_route_table.network_public_rt.id
  subnet_id      = one(aws_subnet.network_public_3[*].id)
}

resource "aws_route_table_association" "network_public_4_rta" {
  count          = var.az_count > 4 ? 1 : 0
  route_table_id = aws_route_table.network_public_rt.id
  subnet_id      = one(aws_subnet.network_public_4[*].id)
}

resource "aws_route_table_association" "network_public_5_rta" {
  count          = var.az_count > 5 ? 1 : 0
  route_table_id = aws_route_table.network_public_rt.id
  subnet_id      = one(aws_subnet.network_public_5[*].id)
}

resource "aws_subnet" "network_private_0" {
  availability_zone = data.aws_availability_zones.network_zones.names[0]
  cidr_block        = cidrsubnet(var.cidr, 4, 8)
  tags = merge(var.tags, {
    "Name" = "${var.name}-private-0"
    "Tier" = "private"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_private_1" {
  availability_zone = data.aws_availability_zones.network_zones.names[1]
  cidr_block        = cidrsubnet(var.cidr, 4, 9)
  tags = merge(var.tags, {
    "Name" = "${var.name}-private-1"
    "Tier" = "private"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_private_2" {
  count             = var.az_count > 2 ? 1 : 0
  availability_zone = data.aws_availability_zones.network_zones.names[2]
  cidr_block        = cidrsubnet(var.cidr, 4, 10)
  tags = merge(var.tags, {
    "Name" = "${var.name}-private-2"
    "Tier" = "private"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_private_3" {
  count             = var.az_count > 3 ? 1 : 0
  availability_zone = data.aws_availability_zones.network_zones.names[3]
  cidr_block        = cidrsubnet(var.cidr, 4, 11)
  tags = merge(var.tags, {
    "Name" = "${var.name}-private-3"
    "Tier" = "private"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_private_4" {
  count             = var.az_count > 4 ? 1 : 0
  availability_zone = data.aws_availability_zones.network_zones.names[4]
  cidr_block        = cidrsubnet(var.cidr, 4, 12)
  tags = merge(var.tags, {
    "Name" = "${var.name}-private-4"
    "Tier" = "private"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_private_5" {
  count             = var.az_count > 5 ? 1 : 0
  availability_zone = data.aws_availability_zones.network_zones.names[5]
  cidr_block        = cidrsubnet(var.cidr, 4, 13)
  tags = merge(var.tags, {
    "Name" = "${var.name}-private-5"
    "Tier" = "private"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_0" {
  availability_zone       = data.aws_availability_zones.network_zones.names[0]
  cidr_block              = cidrsubnet(var.cidr, 4, 0)
  map_public_ip_on_launch = false
  tags = merge(var.tags, {
    "Name" = "${var.name}-public-0"
    "Tier" = "public"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_1" {
  availability_zone       = data.aws_availability_zones.network_zones.names[1]
  cidr_block              = cidrsubnet(var.cidr, 4, 1)
  map_public_ip_on_launch = false
  tags = merge(var.tags, {
    "Name" = "${var.name}-public-1"
    "Tier" = "public"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_2" {
  count                   = var.az_count > 2 ? 1 : 0
  availability_zone       = data.aws_availability_zones.network_zones.names[2]
  cidr_block              = cidrsubnet(var.cidr, 4, 2)
  map_public_ip_on_launch = false
  tags = merge(var.tags, {
    "Name" = "${var.name}-public-2"
    "Tier" = "public"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_3" {
  count                   = var.az_count > 3 ? 1 : 0
  availability_zone       = data.aws_availability_zones.network_zones.names[3]
  cidr_block              = cidrsubnet(var.cidr, 4, 3)
  map_public_ip_on_launch = false
  tags = merge(var.tags, {
    "Name" = "${var.name}-public-3"
    "Tier" = "public"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_4" {
  count                   = var.az_count > 4 ? 1 : 0
  availability_zone       = data.aws_availability_zones.network_zones.names[4]
  cidr_block              = cidrsubnet(var.cidr, 4, 4)
  map_public_ip_on_launch = false
  tags = merge(var.tags, {
    "Name" = "${var.name}-public-4"
    "Tier" = "public"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_5" {
  count                   = var.az_count > 5 ? 1 : 0
  availability_zone       = data.aws_availability_zones.network_zones.names[5]
  cidr_block              = cidrsubnet(var.cidr, 4, 5)
  map_public_ip_on_launch = false
  tags = merge(var.tags, {
    "Name" = "${var.name}-public-5"
    "Tier" = "public"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_vpc" "network_vpc" {
  cidr_block           = var.cidr
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags = merge(var.tags, {
    "Name" = var.name
  })
}
