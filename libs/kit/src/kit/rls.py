"""PostgreSQL row-level security: the database's backstop under the ORM's tenant filter (ADR 10).

Every tenant table gets ENABLE and FORCE ROW LEVEL SECURITY and two permissive policies: `tenant_isolation`
(the row belongs to the tenant the transaction is bound to, `app.tenant`) and `across_tenants` (the transaction
was opened through kit's cross-tenant escape hatch: `app.cross_tenant` is `on`). `kit.tenancy` sets them with
`set_config(..., true)` at the start of each transaction, so they end with it and a pooled connection carries
nothing over to its next user; with neither set, a tenant table answers no rows. On SQLite all of this is a no-op.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, text

TENANT = "app.tenant"
CROSS_TENANT = "app.cross_tenant"
# Kit's own tables that hold one tenant's rows: the outbox (read across tenants by the relay only) and the audit
# log. The inbox (`processed_messages`) has no tenant column: message ids are global.
KIT_TABLES = ("outbox_messages", "audit_log")
POLICIES = {
    "tenant_isolation": f"tenant_id = current_setting('{TENANT}', true)",
    "across_tenants": f"current_setting('{CROSS_TENANT}', true) = 'on'",
}
SET_CONFIG = text(f"SELECT set_config('{TENANT}', :tenant, true), set_config('{CROSS_TENANT}', :cross, true)")


def protect(connection: Connection, tables: Iterable[str]) -> None:
    """Force row-level security on `tables` with the two policies (idempotent); a migration calls it."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        name = _quote(connection, table)
        connection.execute(text(f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY"))
        connection.execute(text(f"ALTER TABLE {name} FORCE ROW LEVEL SECURITY"))
        for policy, condition in POLICIES.items():
            connection.execute(text(f"DROP POLICY IF EXISTS {policy} ON {name}"))
            connection.execute(text(f"CREATE POLICY {policy} ON {name} USING ({condition}) WITH CHECK ({condition})"))


def unprotect(connection: Connection, tables: Iterable[str]) -> None:
    """Undo `protect` (a migration's downgrade)."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        name = _quote(connection, table)
        for policy in POLICIES:
            connection.execute(text(f"DROP POLICY IF EXISTS {policy} ON {name}"))
        connection.execute(text(f"ALTER TABLE {name} NO FORCE ROW LEVEL SECURITY"))
        connection.execute(text(f"ALTER TABLE {name} DISABLE ROW LEVEL SECURITY"))


def grant(connection: Connection, role: str) -> None:
    """Give the application role what it needs and no more: DML on the tables, the sequences, an append-only
    audit log, nothing on Alembic's bookkeeping. Run after every migration, so new tables are covered."""
    if connection.dialect.name != "postgresql":
        return
    schema = _quote(connection, connection.execute(text("SELECT current_schema()")).scalar_one())
    role = _quote(connection, role)
    for statement in (
        f"GRANT USAGE ON SCHEMA {schema} TO {role}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}",
    ):
        connection.execute(text(statement))
    for table, privileges in (("audit_log", "UPDATE, DELETE"), ("alembic_version", "ALL")):
        if connection.execute(text("SELECT to_regclass(:t)"), {"t": table}).scalar() is not None:
            connection.execute(text(f"REVOKE {privileges} ON TABLE {table} FROM {role}"))


def set_tenant(connection: Connection, tenant: str | None, cross_tenant: bool) -> None:
    """Bind the current transaction of `connection` to `tenant`, or (with no tenant) open it across tenants.

    Both settings are always written, so a value some session-level `SET` left on the connection is masked;
    a bound tenant wins over `cross_tenant`, as in the ORM filter. PostgreSQL only."""
    if connection.dialect.name == "postgresql":
        cross = cross_tenant and tenant is None
        connection.execute(SET_CONFIG, {"tenant": tenant or "", "cross": "on" if cross else "off"})


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)
