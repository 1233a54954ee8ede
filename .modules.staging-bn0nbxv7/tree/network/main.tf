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
  kms_key_id        = var.flow_log_kms_key_arn
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

resource "aws_flow_log" "network_flow_log" {
  iam_role_arn         = aws_iam_role.network_flow_logs_role.arn
  log_destination      = aws_cloudwatch_log_group.network_flow_logs.arn
  log_destination_type = "cloud-watch-logs"
  tags = merge(var.tags, {
    "Name" = "${var.name}-flow-logs"
  })
  traffic_type = "ALL"
  vpc_id       = aws_vpc.network_vpc.id
}

resource "aws_iam_role" "network_flow_logs_role" {
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
  name = "${var.name}-vpc-flow-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DeliverFlowLogs"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]
        Resource = [aws_cloudwatch_log_group.network_flow_logs.arn, "${aws_cloudwatch_log_group.network_flow_logs.arn}:*"]
      },
      {
        Sid      = "FindLogGroups"
        Effect   = "Allow"
        Action   = ["logs:DescribeLogGroups"]
        Resource = ["*"]
      }
    ]
  })
  role = aws_iam_role.network_flow_logs_role.id
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

resource "aws_route" "network_private_0_default" {
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.network_nat_0.id
  route_table_id         = aws_route_table.network_private_0_rt.id
}

resource "aws_route" "network_private_1_default" {
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.network_nat_0.id
  route_table_id         = aws_route_table.network_private_1_rt.id
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

resource "aws_route_table_association" "network_public_0_rta" {
  route_table_id = aws_route_table.network_public_rt.id
  subnet_id      = aws_subnet.network_public_0.id
}

resource "aws_route_table_association" "network_public_1_rta" {
  route_table_id = aws_route_table.network_public_rt.id
  subnet_id      = aws_subnet.network_public_1.id
}

resource "aws_subnet" "network_private_0" {
  availability_zone = element(data.aws_availability_zones.network_zones.names, 0)
  cidr_block        = cidrsubnet(var.cidr, 4, 8)
  tags = merge(var.tags, {
    "Name" = "${var.name}-private-0"
    "Tier" = "private"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_private_1" {
  availability_zone = element(data.aws_availability_zones.network_zones.names, 1)
  cidr_block        = cidrsubnet(var.cidr, 4, 9)
  tags = merge(var.tags, {
    "Name" = "${var.name}-private-1"
    "Tier" = "private"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_0" {
  availability_zone       = element(data.aws_availability_zones.network_zones.names, 0)
  cidr_block              = cidrsubnet(var.cidr, 4, 0)
  map_public_ip_on_launch = false
  tags = merge(var.tags, {
    "Name" = "${var.name}-public-0"
    "Tier" = "public"
  })
  vpc_id = aws_vpc.network_vpc.id
}

resource "aws_subnet" "network_public_1" {
  availability_zone       = element(data.aws_availability_zones.network_zones.names, 1)
  cidr_block              = cidrsubnet(var.cidr, 4, 1)
  map_public_ip_on_launch = false
  tags = merge(var.tags, {
    "Name" = "${var.name}-public-1"
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
