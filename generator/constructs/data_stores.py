"""Data stores the services use: DynamoDB tables and RDS databases with their secret and endpoint parameter."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.aws import (
    Construct,
    DbInstance,
    DbSubnetGroup,
    DynamodbTable,
    Fn,
    SecretsmanagerSecret,
    SecretsmanagerSecretRotation,
    SecretsmanagerSecretVersion,
    SsmParameter,
    TerraformVariable,
    blocks,
)
from generator.constructs.checks import suppress
from generator.constructs.security import Firewall, FirewallBase
from generator.constructs.tokens import choose, negate
from generator.references import secret_value_from
from generator.targets import Feature, ProviderTarget

MYSQL_PORT = 3306


@dataclass(frozen=True)
class IndexProps:
    """A global secondary index projecting all attributes."""

    name: str
    partition_key: str
    sort_key: str | None = None


@dataclass(frozen=True)
class TableProps:
    """The table. Defaults: partition key `id`, no sort key, string keys, point-in-time recovery on."""

    name: str
    partition_key: str = "id"
    sort_key: str | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    indexes: Sequence[IndexProps] = ()
    point_in_time_recovery: Any = True


@dataclass(frozen=True)
class DatabaseProps:
    """The MySQL database and where it lives.

    Defaults: MySQL 8.0 on db.t4g.micro, 20 GiB, database `catalog` owned by `catalog_user`,
    single-AZ, backups kept 7 days, no deletion protection; the credentials secret encrypted with the
    AWS managed key `aws/secretsmanager` (`secret_kms_key_arn`: a customer managed key instead) and,
    where RDS manages it, rotated on RDS's schedule (`rotation_days`: another one). `secret_name` and
    `secret_recovery_days` apply to the secret this stack owns on targets without RDS-managed passwords.
    """

    key: str
    identifier: str
    secret_name: str
    endpoint_parameter: str
    subnet_ids: Sequence[str]
    vpc_id: str
    engine: str = "mysql"
    engine_version: str = "8.0"
    instance_class: str = "db.t4g.micro"
    allocated_storage: Any = 20
    db_name: str = "catalog"
    username: str = "catalog_user"
    multi_az: Any = False
    backup_retention_days: Any = 7
    deletion_protection: Any = False
    secret_recovery_days: Any = 7
    secret_kms_key_arn: str | None = None
    rotation_days: int | None = None


class Table(Construct):
    """On-demand DynamoDB table with encryption and point-in-time recovery."""

    def __init__(self, scope: Construct, id_: str, props: TableProps):
        super().__init__(scope, id_)
        keys = [props.partition_key, props.sort_key] + [k for i in props.indexes for k in (i.partition_key,
                                                                                               i.sort_key)]
        types = {k: props.attributes.get(k, "S") for k in keys if k}
        self.table = DynamodbTable(
            self, "table", name=props.name, billing_mode="PAY_PER_REQUEST", hash_key=props.partition_key,
            range_key=props.sort_key, attribute=blocks([{"name": k, "type": t} for k, t in types.items()]),
            global_secondary_index=blocks([{"name": i.name, "hash_key": i.partition_key, "range_key": i.sort_key,
                                            "projection_type": "ALL"} for i in props.indexes]) or None,
            point_in_time_recovery={"enabled": props.point_in_time_recovery},
            server_side_encryption={"enabled": True})
        suppress(self.table, "CKV_AWS_119", "encrypted with the AWS owned/managed DynamoDB key; a CMK is optional")

    @property
    def arn(self) -> str:
        return self.table.arn


class Database(Construct):
    """RDS MySQL in the private subnets, its credentials secret and its endpoint SSM parameter.

    The master password never passes through Terraform where the target can say so: RDS generates it
    and keeps it in a secret it manages (`manage_master_user_password`; JSON keys `username` and
    `password`), rotated by RDS every 7 days unless `rotation_days` sets another schedule
    (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html). Its ARN is known
    after apply only (`secret_arn`, a reference). Older targets take the password from the sensitive
    input variable `<key>_db_password` and store it, with the endpoint, in a secret of this stack:
    there the password is in Terraform state.
    """

    def __init__(self, scope: Construct, id_: str, props: DatabaseProps, *, target: ProviderTarget):
        super().__init__(scope, id_)
        self.props = props
        self.firewall = Firewall(self, "firewall", name=f"{props.identifier}-db", vpc_id=props.vpc_id,
                                 description=f"RDS {props.identifier}: MySQL from its services only")
        subnets = DbSubnetGroup(self, "subnets", name=props.identifier, subnet_ids=list(props.subnet_ids),
                                description=f"private subnets of {props.identifier}")
        self.instance = DbInstance(
            self, "instance", identifier=props.identifier, engine=props.engine,
            engine_version=props.engine_version, instance_class=props.instance_class,
            allocated_storage=props.allocated_storage, username=props.username,
            db_subnet_group_name=subnets.name, vpc_security_group_ids=[self.firewall.id],
            publicly_accessible=False, storage_encrypted=True, multi_az=props.multi_az,
            backup_retention_period=props.backup_retention_days, deletion_protection=props.deletion_protection,
            skip_final_snapshot=negate(props.deletion_protection),
            final_snapshot_identifier=choose(props.deletion_protection, f"{props.identifier}-final", None),
            auto_minor_version_upgrade=True, copy_tags_to_snapshot=True,
            iam_database_authentication_enabled=True, apply_immediately=True)
        if target.supports(Feature.DB_INSTANCE_DB_NAME):
            self.instance.db_name = props.db_name
        else:
            self.instance.add_override("name", props.db_name)
        if target.supports(Feature.MANAGED_MASTER_PASSWORD):
            self.secret_arn = self._managed_secret(props, target)
        else:
            self.secret_arn = self._own_secret(props)
        self.endpoint = SsmParameter(self, "endpoint", name=props.endpoint_parameter, type="String",
                                     value=self.instance.endpoint,
                                     description=f"Endpoint (host:port) of database {props.identifier}")
        suppress(self.endpoint, "CKV2_AWS_34", "holds the database host:port, which is not a secret")
        for check, reason in [("CKV_AWS_118", "enhanced monitoring is an opt-in cost"),
                              ("CKV_AWS_129", "log exports are an opt-in cost"),
                              ("CKV_AWS_157", "multi_az is configurable (databases.*.multi_az)"),
                              ("CKV_AWS_293", "deletion_protection is configurable; off for disposable sandboxes")]:
            suppress(self.instance, check, reason)

    def _managed_secret(self, props: DatabaseProps, target: ProviderTarget) -> str:
        """RDS generates the password into a secret it manages and rotates; nothing secret reaches Terraform."""
        self.instance.manage_master_user_password = True
        if props.secret_kms_key_arn:
            self.instance.master_user_secret_kms_key_id = props.secret_kms_key_arn
        secret_arn: str = self.instance.master_user_secret.get(0).secret_arn
        if props.rotation_days is not None:
            # managed rotation: no Lambda; the schedule of RDS's own rotation
            # (https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_managed.html)
            target.require(Feature.MANAGED_SECRET_ROTATION, f"databases.{props.key}.rotation_days")
            SecretsmanagerSecretRotation(self, "rotation", secret_id=secret_arn,
                                         rotation_rules={"automatically_after_days": props.rotation_days})
        return secret_arn

    def _own_secret(self, props: DatabaseProps) -> str:
        """Older targets: the password from a sensitive variable, in a secret of this stack (and in state)."""
        variable = TerraformVariable(self, f"{props.key}_db_password", type="string", sensitive=True,
                                     description=f"Master password of database {props.key}")
        variable.override_logical_id(f"{props.key}_db_password")
        self.instance.password = variable.string_value
        secret = SecretsmanagerSecret(self, "secret", name=props.secret_name, kms_key_id=props.secret_kms_key_arn,
                                      recovery_window_in_days=props.secret_recovery_days,
                                      description=f"Credentials of database {props.identifier}")
        if not props.secret_kms_key_arn:
            suppress(secret, "CKV_AWS_149", "encrypted with the AWS managed Secrets Manager key "
                                            "(databases.*.secret_kms_key_arn: a customer managed key)")
        suppress(secret, "CKV2_AWS_57", "this target has no RDS-managed password (hashicorp/aws < 4.61.0); rotating "
                                        "a password this stack owns needs a rotation Lambda it does not create")
        SecretsmanagerSecretVersion(
            self, "secret-value", secret_id=secret.id, secret_string=Fn.jsonencode({
                "username": props.username, "password": variable.string_value, "engine": props.engine,
                "host": self.instance.address, "port": MYSQL_PORT, "dbname": props.db_name}))
        return secret.arn

    def secret_ref(self, field: str) -> str:
        """ECS `valueFrom` for one field: the SSM endpoint parameter or a JSON key of the secret."""
        if field == "endpoint":
            return self.endpoint.arn
        return secret_value_from(self.secret_arn, field)

    def allow_client(self, firewall: FirewallBase, who: str) -> None:
        """Admit one service's security group on the MySQL port."""
        self.firewall.allow_in(MYSQL_PORT, f"MySQL from {who}", peer=firewall.id)
        firewall.allow_out(MYSQL_PORT, "MySQL to its database", peer=self.firewall.id)
