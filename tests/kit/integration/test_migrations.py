"""kit's tables are on their own Alembic branch: a service's `migrate` brings both branches to their heads, and a
database made before the branch existed (kit's tables made by the service's first migration) takes it without
losing a row."""

from __future__ import annotations

from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from kit import migrations
from kit.migrations import KIT_BRANCH
from kit.service import load

KIT_TABLES = {"outbox_messages", "processed_messages", "audit_log", "tenant_lineage", "idempotency_keys"}


def kit_head(url: str) -> str:
    [head] = ScriptDirectory.from_config(migrations.alembic_config(url)).get_revisions(f"{KIT_BRANCH}@head")
    return head.revision


def versions(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return set(connection.execute(text("SELECT version_num FROM alembic_version")).scalars())
    finally:
        engine.dispose()


def test_migrate_brings_kits_branch_and_the_services_to_their_heads(postgres):
    url = postgres.create_database("mig")

    load("training").migrate(url)

    engine = create_engine(url)
    tables = set(inspect(engine).get_table_names())
    with engine.connect() as connection:
        policies = set(connection.execute(text(
            "SELECT tablename || '.' || policyname FROM pg_policies WHERE tablename IN ('outbox_messages', "
            "'audit_log')")).scalars())
    engine.dispose()
    assert tables >= KIT_TABLES and "classes" in tables
    assert kit_head(url) in versions(url) and len(versions(url)) == 2
    assert policies == {f"{t}.{p}" for t in ("outbox_messages", "audit_log")
                        for p in ("tenant_isolation", "across_tenants", "lineage_read")}


def test_a_database_from_before_kits_branch_takes_it_and_keeps_its_rows(postgres):
    url = postgres.create_database("mig")
    load("registry").migrate(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        # As the service's first migration left it: kit's tables, with rows, and no record of kit's branch.
        connection.execute(text("SELECT set_config('app.cross_tenant', 'on', true)"))
        connection.execute(text(
            "INSERT INTO outbox_messages (event_id, tenant_id, topic, key, type, version, payload, headers, "
            "created_at, attempts) VALUES (gen_random_uuid(), 'an-giang', 't', 'k', 'x', 1, '{}', '{}', now(), 0)"))
        connection.execute(text("DELETE FROM alembic_version WHERE version_num LIKE 'kit%'"))

    load("registry").migrate(url)

    with engine.begin() as connection:
        connection.execute(text("SELECT set_config('app.cross_tenant', 'on', true)"))
        kept = connection.execute(text("SELECT count(*) FROM outbox_messages")).scalar_one()
    engine.dispose()
    assert kept == 1
    assert kit_head(url) in versions(url)
