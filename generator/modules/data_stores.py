"""carts-table and catalog-db: the workshop's data stores (generator.constructs.data_stores)."""
from __future__ import annotations

from generator.constructs.data_stores import Database, DatabaseProps, IndexProps, Table, TableProps
from generator.constructs.security import Firewall
from generator.modules import inputs
from generator.modules.base import ModuleStack
from generator.targets import Feature

DB_KEY = "catalog"


def _default(field: str):
    return inputs.default(DatabaseProps, field)

TABLE_DESCRIPTION = """DynamoDB table of the carts service: on demand, encrypted, point-in-time recovery.

Fixed by this rendering: the schema the carts service expects, partition key `id` (S) and the
global secondary index `idx_global_customerId` on `customerId` (S), all attributes projected.
"""

DB_DESCRIPTION = """RDS MySQL database of the catalog service in the private subnets, reachable only from
the catalog service's security group; its credentials in a Secrets Manager secret (JSON keys
`username` and `password`) and its endpoint (host:port) in an SSM parameter. The `secret_refs`
output gives the ECS `valueFrom` of each field.

The master password: on hashicorp/aws >= 4.61.0 RDS generates it and keeps it in a secret RDS
manages and rotates every 7 days (`manage_master_user_password`), so it never reaches Terraform
state; `secret_arn` is that secret (known after apply), encrypted with the AWS managed key.
Renderings for older providers take it from the sensitive variable `catalog_db_password` and keep
it, in state, in a secret named `secret_name`.
"""


def build_table(stack: ModuleStack) -> None:
    """carts-table: inputs -> Table construct -> outputs."""
    name = stack.variable("name", "string", "Name of the table", validations=[
        ('can(regex("^[A-Za-z0-9_.-]{3,255}$", var.name))', "Use 3-255 letters, digits, '_', '-', '.'.")])
    pitr = stack.variable("point_in_time_recovery", "bool", "Whether point-in-time recovery is on", True)
    inputs.tags(stack)
    table = Table(stack, "table-carts", TableProps(
        name=name.string, partition_key="id", attributes={"id": "S", "customerId": "S"},
        indexes=[IndexProps(name="idx_global_customerId", partition_key="customerId")],
        point_in_time_recovery=pitr.value))
    stack.output("name", table.table.name, "Name of the table")
    stack.output("arn", table.arn, "ARN of the table (grant <arn> and <arn>/index/*)")


def build_database(stack: ModuleStack) -> None:
    """catalog-db: inputs -> Database construct with one client -> outputs."""
    target = stack.target
    identifier = inputs.name(stack, "identifier", "RDS instance identifier; prefix of its resources' names", None, 63)
    db_name = stack.variable("db_name", "string", "Database created in the instance", _default("db_name"),
                             validations=[('can(regex("^[A-Za-z][A-Za-z0-9_]{0,63}$", var.db_name))',
                                           "Use a letter, then up to 63 letters, digits, underscores.")])
    username = stack.variable("username", "string", "Master user name", _default("username"), validations=[
        ('can(regex("^[A-Za-z][A-Za-z0-9_]{0,31}$", var.username))',
         "Use a letter, then up to 31 letters, digits, underscores.")])
    version = stack.variable("engine_version", "string", "MySQL engine version", _default("engine_version"))
    instance_class = stack.variable("instance_class", "string", "Instance class", _default("instance_class"),
                                    validations=[('can(regex("^db[.]", var.instance_class))',
                                                  "An instance class looks like db.t4g.micro.")])
    storage = stack.variable("allocated_storage", "number", "Storage in GiB", _default("allocated_storage"),
                             validations=[("var.allocated_storage >= 20 && var.allocated_storage <= 65536",
                                           "Must be 20 to 65536 GiB.")])
    multi_az = stack.variable("multi_az", "bool", "Whether a standby runs in another zone", _default("multi_az"))
    backups = stack.variable("backup_retention_days", "number", "Days automated backups are kept",
                             _default("backup_retention_days"), validations=[
        ("var.backup_retention_days >= 0 && var.backup_retention_days <= 35", "Must be 0 to 35 days.")])
    protection = stack.variable("deletion_protection", "bool", "Whether deletion is blocked (and a final snapshot "
                                                               "taken)", _default("deletion_protection"))
    own = not target.supports(Feature.MANAGED_MASTER_PASSWORD)  # else RDS names, rotates and deletes the secret
    if own:
        secret = inputs.name_or(stack, "secret_name", "Name of the credentials secret", f"{identifier.string}-db",
                                "<identifier>-db")
        recovery = stack.variable("secret_recovery_days", "number", "Days a deleted secret can be restored (0: at "
                                  "once)", _default("secret_recovery_days"), validations=[
            ("var.secret_recovery_days == 0 || (var.secret_recovery_days >= 7 && var.secret_recovery_days <= 30)",
             "Must be 0, or 7 to 30 days.")]).number
    else:
        managed = ("RDS generates the master password and names, rotates and deletes the secret it keeps it in "
                   "(manage_master_user_password, hashicorp/aws >= 4.61.0).")
        stack.unsupported("secret_name", "string", "Name of the credentials secret", managed)
        stack.unsupported("secret_recovery_days", "number", "Days a deleted secret can be restored", managed)
        secret, recovery = "", _default("secret_recovery_days")
    parameter = stack.variable("endpoint_parameter", "string", "SSM parameter name for the endpoint", validations=[
        ('can(regex("^/", var.endpoint_parameter))', "Must start with '/'.")])
    subnets = inputs.ids(stack, "subnet_ids", "Private subnets, in at least two availability zones", 2)
    vpc = stack.variable("vpc_id", "string", "VPC of the database")
    client = stack.variable("client_security_group_id", "string", "Security group of the catalog service (the only "
                                                                  "client allowed in)")
    if not own:  # the same interface on every target: the example passes it, null here
        stack.unsupported(f"{DB_KEY}_db_password", "string", "Master password", managed, sensitive=True)
    inputs.tags(stack)
    db = Database(stack, f"db-{DB_KEY}", DatabaseProps(
        key=DB_KEY, identifier=identifier.string, secret_name=secret, endpoint_parameter=parameter.string,
        subnet_ids=subnets.list, vpc_id=vpc.string, engine="mysql", engine_version=version.string,
        instance_class=instance_class.string, allocated_storage=storage.number, db_name=db_name.string,
        username=username.string, multi_az=multi_az.value, backup_retention_days=backups.number,
        deletion_protection=protection.value, secret_recovery_days=recovery), target=target)
    db.allow_client(Firewall.from_attributes(stack, "client", group_id=client.string), "service catalog")
    stack.output("address", db.instance.address, "Host name of the database")
    stack.output("security_group_id", db.firewall.id, "Security group of the database")
    stack.output("secret_arn", db.secret_arn, "ARN of the credentials secret (the execution role reads it)")
    stack.output("endpoint_parameter_arn", db.endpoint.arn, "ARN of the endpoint parameter (the execution role "
                                                            "reads it)")
    stack.output("secret_refs", {field: db.secret_ref(field) for field in ("endpoint", "username", "password")},
                 "ECS secret valueFrom of each field: endpoint (SSM parameter), username and password (secret keys)")
