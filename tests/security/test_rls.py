"""G4: PostgreSQL row-level security under the ORM filter (QUALITY.md 1.2, ADR 10), on real PostgreSQL.

Every service's database is migrated by an owner role that is not a superuser, and the services run as an
application role. The registry's demo provinces are seeded through the registry and their events applied by
every other service's consumer, so the tables hold rows of four provinces when the checks run.
"""

from __future__ import annotations

import importlib
import random
import threading
from collections import Counter

import pytest
from sqlalchemy import create_engine, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import sessionmaker

from kit import db, migrations, rls, tenancy
from kit.memory import InMemoryBroker
from kit.relay import Relay
from kit.service import load
from tests.support.service import APP, owned_database

SERVICES = ("registry", "inspections", "training", "budget", "reporting")
# Tables with a tenant column that are platform-wide on purpose, as the ORM filter treats them.
PLATFORM_WIDE = {
    ("registry", "administrative_units"),  # law-as-data: every province's communes and codes over time
    ("reporting", "provinces"),  # province names, from registry.tenant.created
    ("training", "provinces"),  # the same: the issuer named on certificates and attendance sheets
}
OTHER = "another-province"


class Database:
    """One service's migrated database: its owner's engine, its runtime as the application role, its tables."""

    def __init__(self, postgres, name: str):
        self.name = name
        owner_url, self.app_url = owned_database(postgres, f"rls_{name}")
        service = load(name)
        service.migrate(owner_url)
        migrations.grant(owner_url, APP)
        self.owner = create_engine(owner_url)
        self.app = create_engine(self.app_url)
        self.runtime = service.runtime_at(self.app_url)
        self.topics = service.topics
        self.tenant_tables = [*tenancy.tenant_tables(importlib.import_module(f"{name}.orm").Base), *rls.KIT_TABLES]

    def truth(self) -> dict[str, Counter]:
        """Rows per table and province, read as the owner through the escape hatch (FORCE applies to it too)."""
        with self.owner.begin() as connection:
            rls.set_tenant(connection, None, True)
            return {table: Counter(dict(connection.execute(
                text(f'SELECT tenant_id, count(*) FROM "{table}" GROUP BY tenant_id')).all()))
                for table in self.tenant_tables}

    def dispose(self) -> None:
        for engine in (self.owner, self.app, self.runtime.engine):
            engine.dispose()


@pytest.fixture(scope="module")
def platform(postgres):
    """Every service's database, with the demo provinces' registry data and what the consumers made of it."""
    from registry.demo import sample as demo

    databases = {name: Database(postgres, name) for name in SERVICES}
    registry = databases["registry"].runtime
    demo.seed(registry.uow)
    broker = InMemoryBroker()
    relay = Relay(registry.session_factory, broker, service="registry")
    while relay.publish_batch():
        pass
    for database in databases.values():
        consumer = broker.consumer(database.runtime.group, database.topics)
        loop = database.runtime.consumer_loop(consumer, broker)
        while messages := consumer.poll(timeout_ms=0, max_records=500):
            for message in messages:
                assert loop.process(message) in ("handled", "duplicate", "skipped"), message.topic
                consumer.commit(message)
    yield databases
    for database in databases.values():
        database.dispose()


@pytest.fixture(scope="module")
def truths(platform) -> dict[str, dict[str, Counter]]:
    return {name: database.truth() for name, database in platform.items()}


def test_the_application_role_is_not_owner_superuser_or_bypassrls(platform):
    for database in platform.values():
        with database.app.connect() as connection:
            role = connection.execute(text(
                "SELECT rolname, rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles "
                "WHERE rolname = current_user")).one()
            assert role == (APP, False, False, False, False)
            owners = connection.execute(text(
                "SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n "
                "ON n.oid = c.relnamespace WHERE n.nspname = current_schema()")).scalars().all()
            assert owners and APP not in owners
            assert not any(connection.execute(text("SELECT pg_has_role(current_user, :o, 'MEMBER')"), {"o": o})
                           .scalar_one() for o in owners)
            privileges = connection.execute(text(
                "SELECT has_table_privilege('audit_log', 'INSERT'), has_table_privilege('audit_log', 'UPDATE'), "
                "has_table_privilege('audit_log', 'DELETE'), has_table_privilege('alembic_version', 'SELECT')")).one()
            assert privileges == (True, False, False, False)


def test_every_tenant_table_forces_row_level_security_with_both_policies(platform):
    for database in platform.values():
        with database.owner.connect() as connection:
            with_tenant_column = set(connection.execute(text(
                "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND column_name = 'tenant_id'")).scalars())
            flags = dict(connection.execute(text(
                "SELECT c.relname, (c.relrowsecurity AND c.relforcerowsecurity) FROM pg_class c JOIN pg_namespace n"
                " ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'")).all())
            policies = {(table, name): (command, qual, check) for table, name, command, qual, check in
                        connection.execute(text(
                            "SELECT tablename, policyname, cmd, qual, with_check FROM pg_policies "
                            "WHERE schemaname = current_schema()"))}
            views = connection.execute(text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = "
                "current_schema() AND c.relkind IN ('v', 'm') AND NOT coalesce(c.reloptions "
                "@> '{security_invoker=true}', false)")).scalars().all()
        platform_wide = {table for service, table in PLATFORM_WIDE if service == database.name}
        assert with_tenant_column - platform_wide == set(database.tenant_tables), database.name
        for table in database.tenant_tables:
            assert flags[table] is True, f"{database.name}.{table}: RLS not enabled and forced"
            for policy in rls.POLICIES:
                command, qual, check = policies[(table, policy)]
                assert command == "ALL" and qual and qual == check, f"{database.name}.{table}.{policy}"
            assert "app.tenant" in policies[(table, "tenant_isolation")][1]
            assert "app.cross_tenant" in policies[(table, "across_tenants")][1]
        assert views == [], f"{database.name}: views that would read as their owner: {views}"


def test_the_seeded_platform_has_rows_of_several_provinces_in_most_tenant_tables(truths):
    filled = {(name, table) for name, tables in truths.items() for table, rows in tables.items() if len(rows) >= 2}
    for expected in [(name, "agencies") for name in SERVICES] + [("registry", "outbox_messages"),
                                                                  ("registry", "audit_log")]:
        assert expected in filled
    print(f"\ntenant tables holding rows of two or more provinces: {len(filled)}")
    assert len(filled) >= 15


def test_with_no_tenant_set_every_tenant_table_answers_no_rows(platform, truths):
    checked = 0
    for name, database in platform.items():
        for engine in (database.app, database.owner):  # the owner too: FORCE ROW LEVEL SECURITY
            with engine.connect() as connection:
                for table in database.tenant_tables:
                    count = connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
                    assert count == 0, f"{name}.{table}: {count} row(s) without a tenant"
                    checked += sum(truths[name][table].values())
    assert checked > 0


def test_a_province_sees_only_its_rows_and_can_write_none_of_another(platform, truths):
    refused = 0
    for name, database in platform.items():
        with database.app.connect() as connection:
            for table in database.tenant_tables:
                rows = truths[name][table]
                if not rows:
                    continue
                tenant = rows.most_common(1)[0][0]
                transaction = connection.begin()
                rls.set_tenant(connection, tenant, False)
                seen = connection.execute(text(f'SELECT tenant_id, count(*) FROM "{table}" GROUP BY tenant_id'))
                assert dict(seen.all()) == {tenant: rows[tenant]}, f"{name}.{table}"
                statements = [f'CREATE TEMP TABLE copy ON COMMIT DROP AS SELECT * FROM "{table}" LIMIT 1',
                              "UPDATE copy SET tenant_id = :other", f'INSERT INTO "{table}" SELECT * FROM copy']
                if table != "audit_log":  # append-only: no UPDATE granted at all
                    statements.append(f'UPDATE "{table}" SET tenant_id = :other')
                for statement in statements[2:]:
                    savepoint = connection.begin_nested()
                    for setup in statements[:2]:
                        connection.execute(text(setup), {"other": OTHER})
                    with pytest.raises(DBAPIError, match="row-level security"):
                        connection.execute(text(statement), {"other": OTHER})
                    savepoint.rollback()
                    refused += 1
                transaction.rollback()
            with connection.begin():
                rls.set_tenant(connection, None, True)
                for table in database.tenant_tables:
                    total = connection.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()
                    assert total == sum(truths[name][table].values()), f"{name}.{table} across tenants"
    assert refused > 20


# -- the pool-leak stress test ------------------------------------------------------------------------------


def stress(session_factory, tenants: list[str], *, threads: int = 12, rounds: int = 120) -> Counter:
    """Threads sharing a small pool run transactions for alternating provinces (and none), raising, rolling back
    and committing half-way at random; every row read must be the bound province's. Returns the counts."""
    counts, lock = Counter(), threading.Lock()

    def read(session, tenant, tally):
        for table in ("agencies", "outbox_messages", "audit_log"):
            for (row_tenant,) in session.execute(text(f"SELECT tenant_id FROM {table}")):
                tally["rows"] += 1
                tally["leaked"] += row_tenant != tenant

    def worker(seed: int) -> None:
        rng, tally = random.Random(seed), Counter()
        for turn in range(rounds):
            tenant = tenants[(seed + turn) % len(tenants)]
            session = session_factory()
            session.info.update(tenant=tenant, cross_tenant=False)
            try:
                read(session, tenant, tally)
                action = rng.choice(("raise", "rollback", "commit", "end"))
                if action == "raise":
                    raise RuntimeError("a handler failed half-way")
                getattr(session, action if action != "end" else "close")()
                if action != "end":
                    read(session, tenant, tally)
                tally["transactions"] += 1
            except RuntimeError:
                tally["raised"] += 1
            finally:
                session.close()
        with lock:
            counts.update(tally)

    workers = [threading.Thread(target=worker, args=(seed,)) for seed in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return counts


def settings_left_on_checkin(engine) -> list:
    """What the custom settings hold on each connection as it goes back to the pool."""
    found = []

    def check(dbapi_connection, _record) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('app.tenant', true), current_setting('app.cross_tenant', true)")
            found.append(cursor.fetchone())
        dbapi_connection.rollback()

    event.listen(engine, "checkin", check)
    return found


def test_a_pool_leak_stress_test_finds_no_leaked_row(platform):
    engine = db.make_engine(platform["registry"].app_url, pool_size=2, max_overflow=0)
    left = settings_left_on_checkin(engine)
    sessions = tenancy.install_tenant_filter(db.make_session_factory(engine))
    try:
        counts = stress(sessions, ["an-giang", "binh-thuan", None, "thai-binh", "ho-chi-minh"])
    finally:
        engine.dispose()
    print(f"\npool-leak stress (kit binding): {dict(counts)}; connections checked in: {len(left)}")
    assert counts["leaked"] == 0
    assert counts["rows"] > 1000 and counts["raised"] > 0 and counts["transactions"] > 0
    assert left and set(left) <= {(None, None), ("", "")}


def test_the_stress_test_catches_a_session_level_set(platform):
    """The mutation that the test above exists for: a `SET` that outlives the transaction must show up."""
    engine = db.make_engine(platform["registry"].app_url, pool_size=2, max_overflow=0)

    def session_level(session, _transaction, connection) -> None:
        if session.info.get("tenant"):
            connection.execute(text("SELECT set_config('app.tenant', :t, false)"), {"t": session.info["tenant"]})

    sessions = sessionmaker(bind=engine)
    event.listen(sessions, "after_begin", session_level)
    try:
        counts = stress(sessions, ["an-giang", "binh-thuan", None, "thai-binh", "ho-chi-minh"], rounds=60)
    finally:
        engine.dispose()
    print(f"\npool-leak stress (session-level SET): {dict(counts)}")
    assert counts["leaked"] > 0
