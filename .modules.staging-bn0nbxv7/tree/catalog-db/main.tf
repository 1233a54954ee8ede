resource "aws_db_instance" "db_catalog_instance" {
  # checkov:skip=CKV_AWS_118:enhanced monitoring is an opt-in cost
  # checkov:skip=CKV_AWS_129:log exports are an opt-in cost
  # checkov:skip=CKV_AWS_157:multi_az is configurable (databases.*.multi_az)
  # checkov:skip=CKV_AWS_293:deletion_protection is configurable; off for disposable sandboxes
  allocated_storage                   = var.allocated_storage
  apply_immediately                   = true
  auto_minor_version_upgrade          = true
  backup_retention_period             = var.backup_retention_days
  copy_tags_to_snapshot               = true
  db_name                             = var.db_name
  db_subnet_group_name                = aws_db_subnet_group.db_catalog_subnets.name
  deletion_protection                 = var.deletion_protection
  engine                              = "mysql"
  engine_version                      = var.engine_version
  final_snapshot_identifier           = var.deletion_protection ? "${var.identifier}-final" : null
  iam_database_authentication_enabled = true
  identifier                          = var.identifier
  instance_class                      = var.instance_class
  manage_master_user_password         = true
  multi_az                            = var.multi_az
  publicly_accessible                 = false
  skip_final_snapshot                 = !var.deletion_protection
  storage_encrypted                   = true
  tags                                = var.tags
  username                            = var.username
  vpc_security_group_ids              = [aws_security_group.db_catalog_firewall_sg.id]
}

resource "aws_db_subnet_group" "db_catalog_subnets" {
  description = "private subnets of ${var.identifier}"
  name        = var.identifier
  subnet_ids  = var.subnet_ids
  tags        = var.tags
}

resource "aws_security_group" "db_catalog_firewall_sg" {
  description            = "RDS ${var.identifier}: MySQL from its services only"
  name                   = "${var.identifier}-db"
  revoke_rules_on_delete = true
  tags = merge(var.tags, {
    "Name" = "${var.identifier}-db"
  })
  vpc_id = var.vpc_id
}

resource "aws_security_group_rule" "client_egress_1" {
  description              = "MySQL to its database"
  from_port                = 3306
  protocol                 = "tcp"
  security_group_id        = var.client_security_group_id
  source_security_group_id = aws_security_group.db_catalog_firewall_sg.id
  to_port                  = 3306
  type                     = "egress"
}

resource "aws_security_group_rule" "db_catalog_firewall_ingress_1" {
  description              = "MySQL from service catalog"
  from_port                = 3306
  protocol                 = "tcp"
  security_group_id        = aws_security_group.db_catalog_firewall_sg.id
  source_security_group_id = var.client_security_group_id
  to_port                  = 3306
  type                     = "ingress"
}

resource "aws_ssm_parameter" "db_catalog_endpoint" {
  # checkov:skip=CKV2_AWS_34:holds the database host:port, which is not a secret
  description = "Endpoint (host:port) of database ${var.identifier}"
  name        = var.endpoint_parameter
  tags        = var.tags
  type        = "String"
  value       = aws_db_instance.db_catalog_instance.endpoint
}
