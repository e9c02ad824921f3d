"""The Alembic environment of every database: the service's tables and kit's, on one connection."""

from alembic import context
from sqlalchemy import engine_from_config, pool

from kit import rls
from kit.audit import AuditEntry  # noqa: F401
from kit.db import KitBase
from kit.idempotency import IdempotencyKey  # noqa: F401
from kit.inbox import ProcessedMessage  # noqa: F401  (kit's tables join KitBase.metadata)
from kit.lineage import TenantLineage  # noqa: F401
from kit.outbox import OutboxMessage  # noqa: F401

config = context.config
engine = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.",
                            poolclass=pool.NullPool)
with engine.connect() as connection:
    context.configure(connection=connection,
                      target_metadata=[*config.attributes.get("target_metadata", []), KitBase.metadata],
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        # A data migration works on every province's rows: row-level security lets it, as the escape hatch.
        rls.set_tenant(connection, None, True)
        context.run_migrations()
engine.dispose()
