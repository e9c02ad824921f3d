"""Row-level security and the relay through PgBouncer in transaction mode (issue 21, ADR 10), on real PostgreSQL.

In the cluster the services reach PostgreSQL through CloudNativePG's `Pooler` (PgBouncer, `poolMode: transaction`,
deploy/k8s/base/poolers.yaml): a client's connection holds a server connection only for one transaction, so
consecutive transactions of one client run on different server sessions and one server session serves many
clients. What kit binds per transaction (`set_config(..., true)`, `pg_try_advisory_xact_lock`) must not rely on
session state. Here Debian's PgBouncer, with two server connections per pool, stands in front of the test
PostgreSQL; the registry runs as the application role through it; the RLS suite's pool-leak stress and two relays
run through it. The migrations go to PostgreSQL directly, as the migrate Job does.
"""

from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import sessionmaker

from kit import db, tenancy
from kit.memory import InMemoryBroker
from kit.messaging import Outgoing
from kit.outbox import OutboxMessage
from kit.relay import Relay
from kit.service import load
from localinfra.pgbouncer import start_pgbouncer
from tests.security.test_rls import stress
from tests.support.service import APP, APP_PASSWORD, migrated_database

POOL_SIZE = 2  # server connections per (database, user) pool
CLIENTS = 12  # client connections of the stress, each on its own thread
TENANTS = ["an-giang", "binh-thuan", None, "thai-binh", "ho-chi-minh"]
# psycopg 3 prepares a statement on the server after 5 executions of it on one connection; through PgBouncer
# 1.18 (Debian 12; protocol-level prepared statements need >= 1.21 with max_prepared_statements) the next
# transaction may run on a server connection that never saw it: kit.db's engines do not prepare (the last test).


@pytest.fixture(scope="module")
def bouncer(postgres, workdir):
    url = make_url(postgres.base_url)
    server = start_pgbouncer(workdir, url.host, url.port or 5432, users={APP: APP_PASSWORD}, pool_size=POOL_SIZE)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def registry_url(postgres, bouncer):
    """The registry's database migrated directly, seeded with the demo provinces through PgBouncer; the URL of the
    application role through PgBouncer."""
    from registry.demo import sample as demo

    url = bouncer.url_for(migrated_database(postgres, "pgb_registry", load("registry")))
    runtime = load("registry").runtime_at(url)
    try:
        demo.seed(runtime.uow)
    finally:
        runtime.engine.dispose()
    return url


def run_repeatedly(url: str, statement: str, times: int = 10) -> None:
    """One kit engine (one connection) running `statement` `times` times, one transaction each."""
    engine = db.make_engine(url, pool_size=1, max_overflow=0)
    try:
        for _ in range(times):
            with engine.begin() as connection:
                connection.execute(text(statement)).all()
    finally:
        engine.dispose()


def test_kit_engines_do_not_prepare_statements_on_the_pooled_server_sessions(postgres, workdir, registry_url):
    url = make_url(postgres.base_url)
    single = start_pgbouncer(workdir, url.host, url.port or 5432, users={APP: APP_PASSWORD}, pool_size=1)
    try:
        through = single.url_for(registry_url)
        run_repeatedly(through, "SELECT count(*) FROM agencies")
        run_repeatedly(through, "SELECT count(*) FROM audit_log")  # same server session, another _pg3_0
    finally:
        single.stop()


def server_sessions(sessions: sessionmaker) -> set[tuple[int, int]]:
    """Records (client connection, server backend pid) of every transaction the sessions begin."""
    seen: set[tuple[int, int]] = set()

    def record(_session, _transaction, connection) -> None:
        pid = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        seen.add((id(connection.connection.dbapi_connection), pid))

    event.listen(sessions, "after_begin", record)
    return seen


def test_no_row_of_another_province_is_visible_through_the_pooler_under_load(bouncer, registry_url):
    engine = db.make_engine(registry_url, pool_size=CLIENTS, max_overflow=0)
    sessions = tenancy.install_tenant_filter(db.make_session_factory(engine))
    seen = server_sessions(sessions)
    try:
        counts = stress(sessions, TENANTS, threads=CLIENTS)
    finally:
        engine.dispose()
    clients, servers = {c for c, _ in seen}, {s for _, s in seen}
    print(f"\npool-leak stress through PgBouncer: {dict(counts)}; {len(clients)} client connections on "
          f"{len(servers)} server connections")
    assert counts["leaked"] == 0
    assert counts["rows"] > 1000 and counts["raised"] > 0 and counts["transactions"] > 0
    # transaction pooling really happened: many clients on few server sessions, each client on several of them
    assert len(clients) > POOL_SIZE >= len(servers)
    assert any(len({s for c2, s in seen if c2 == c}) > 1 for c in clients)


def test_the_stress_through_the_pooler_catches_a_session_level_set(bouncer, registry_url):
    """Through PgBouncer a `SET` that outlives its transaction reaches ANOTHER client's next transaction."""
    engine = db.make_engine(registry_url, pool_size=CLIENTS, max_overflow=0)

    def session_level(session, _transaction, connection) -> None:
        if session.info.get("tenant"):
            connection.execute(text("SELECT set_config('app.tenant', :t, false)"), {"t": session.info["tenant"]})

    sessions = sessionmaker(bind=engine)
    event.listen(sessions, "after_begin", session_level)
    try:
        counts = stress(sessions, TENANTS, threads=CLIENTS, rounds=60)
    finally:
        engine.dispose()
    print(f"\npool-leak stress through PgBouncer (session-level SET): {dict(counts)}")
    assert counts["leaked"] > 0


class Recording:
    """The in-memory broker, keeping every message sent in the order the relays sent them."""

    def __init__(self) -> None:
        self.broker, self.sent, self.lock = InMemoryBroker(), [], threading.Lock()

    def send_all(self, messages: list[Outgoing]) -> list[Exception | None]:
        with self.lock:
            self.sent += [dict(message.headers)["ce_id"].decode() for message in messages]
            return self.broker.send_all(messages)


def test_two_relays_through_the_pooler_publish_each_event_once_in_order(registry_url):
    """The relay's leader lock is `pg_try_advisory_xact_lock`: it ends with the transaction, so it holds through
    transaction pooling (a session-level `pg_advisory_lock` would stay on a server session another client gets)."""
    runtimes = [load("registry").runtime_at(registry_url, pool_size=1, max_overflow=0)
                for _ in range(2)]
    producer = Recording()
    relays = [Relay(runtime.session_factory, producer, service="registry", batch_size=7) for runtime in runtimes]
    try:
        with runtimes[0].session_factory() as session:
            tenancy.bind(session, None, cross_tenant=True)
            query = select(OutboxMessage.event_id).where(OutboxMessage.published_at.is_(None))
            expected = [str(ident) for ident in session.scalars(query.order_by(OutboxMessage.seq))]
        assert len(expected) > 50

        def drain(relay: Relay) -> None:
            while relay.publish_batch():
                pass

        threads = [threading.Thread(target=drain, args=(relay,)) for relay in relays]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        drain(relays[0])
    finally:
        for runtime in runtimes:
            runtime.engine.dispose()
    print(f"\ntwo relays through PgBouncer: {len(expected)} outbox rows, {len(producer.sent)} messages sent")
    assert [ident for ident, times in Counter(producer.sent).items() if times > 1] == []
    assert producer.sent == expected
