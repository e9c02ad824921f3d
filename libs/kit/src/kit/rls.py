"""PostgreSQL row-level security: the database's backstop under the ORM's tenant filter (ADR 10).

Every tenant table gets ENABLE and FORCE ROW LEVEL SECURITY and two permissive policies: `tenant_isolation`
(the row belongs to the tenant the transaction is bound to, `app.tenant`) and `across_tenants` (the transaction
was opened through kit's cross-tenant escape hatch: `app.cross_tenant` is `on`). A third, `lineage_read`, lets a
transaction READ the rows of the provinces its tenant succeeded (`app.lineage`, comma-separated, ADR 16): it is
`FOR SELECT`, so UPDATE and DELETE, which must also pass the policies of their own command, never reach those rows.
`kit.tenancy` sets all three with `set_config(..., true)` at the start of each transaction, so they end with it and
a pooled connection carries nothing over to its next user; with none set, a tenant table answers no rows. On SQLite
all of this is a no-op.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, text

TENANT = "app.tenant"
CROSS_TENANT = "app.cross_tenant"
LINEAGE = "app.lineage"
# Kit's own tables that hold one tenant's rows: the outbox (read across tenants by the relay only), the audit
# log and the idempotency keys (kit.idempotency). The inbox (`processed_messages`) has no tenant column: message
# ids are global.
KIT_TABLES = ("outbox_messages", "audit_log", "idempotency_keys")
POLICIES = {
    "tenant_isolation": f"tenant_id = current_setting('{TENANT}', true)",
    "across_tenants": f"current_setting('{CROSS_TENANT}', true) = 'on'",
}
# Reads only: a successor reads its predecessors' rows and writes none (ADR 16). Not in POLICIES, which are FOR ALL.
LINEAGE_POLICY = "lineage_read"
LINEAGE_CONDITION = f"tenant_id = ANY(string_to_array(current_setting('{LINEAGE}', true), ','))"
SET_CONFIG = text(f"SELECT set_config('{TENANT}', :tenant, true), set_config('{CROSS_TENANT}', :cross, true), "
                  f"set_config('{LINEAGE}', :lineage, true)")


def protect(connection: Connection, tables: Iterable[str]) -> None:
    """Force row-level security on `tables` with the two policies and the lineage's read policy (idempotent); a
    migration calls it."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        name = _quote(connection, table)
        connection.execute(text(f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY"))
        connection.execute(text(f"ALTER TABLE {name} FORCE ROW LEVEL SECURITY"))
        for policy, condition in POLICIES.items():
            connection.execute(text(f"DROP POLICY IF EXISTS {policy} ON {name}"))
            connection.execute(text(f"CREATE POLICY {policy} ON {name} USING ({condition}) WITH CHECK ({condition})"))
        add_lineage_read(connection, table)


def unprotect(connection: Connection, tables: Iterable[str]) -> None:
    """Undo `protect` (a migration's downgrade)."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        name = _quote(connection, table)
        for policy in (*POLICIES, LINEAGE_POLICY):
            connection.execute(text(f"DROP POLICY IF EXISTS {policy} ON {name}"))
        connection.execute(text(f"ALTER TABLE {name} NO FORCE ROW LEVEL SECURITY"))
        connection.execute(text(f"ALTER TABLE {name} DISABLE ROW LEVEL SECURITY"))


def add_lineage_read(connection: Connection, table: str) -> None:
    """(Re)create the `lineage_read` policy on one protected table. PostgreSQL only."""
    name = _quote(connection, table)
    connection.execute(text(f"DROP POLICY IF EXISTS {LINEAGE_POLICY} ON {name}"))
    connection.execute(text(f"CREATE POLICY {LINEAGE_POLICY} ON {name} FOR SELECT USING ({LINEAGE_CONDITION})"))


def drop_lineage_read(connection: Connection, table: str) -> None:
    connection.execute(text(f"DROP POLICY IF EXISTS {LINEAGE_POLICY} ON {_quote(connection, table)}"))


def protected_tables(connection: Connection) -> list[str]:
    """The tables of the current schema under row-level security (none on SQLite)."""
    if connection.dialect.name != "postgresql":
        return []
    return list(connection.execute(text(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE c.relrowsecurity AND c.relkind IN ('r', 'p') AND n.nspname = current_schema() "
        "ORDER BY c.relname")).scalars())


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


def set_tenant(connection: Connection, tenant: str | None, cross_tenant: bool, lineage: Sequence[str] = ()) -> None:
    """Bind the current transaction of `connection` to `tenant`, or (with no tenant) open it across tenants;
    `lineage`: the provinces `tenant` succeeded, whose rows the transaction may also read.

    All settings are always written, so a value some session-level `SET` left on the connection is masked;
    a bound tenant wins over `cross_tenant`, as in the ORM filter, and a lineage needs a bound tenant.
    PostgreSQL only."""
    if connection.dialect.name == "postgresql":
        cross = cross_tenant and tenant is None
        readable = ",".join(lineage) if tenant is not None else ""
        connection.execute(SET_CONFIG, {"tenant": tenant or "", "cross": "on" if cross else "off",
                                        "lineage": readable})


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote(name)
