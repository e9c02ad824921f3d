"""Every service's real handlers give the same database through the batched consumer (ADR 26) as one message at a
time: the registry's demo provinces are seeded, their events relayed once, and each consuming service applies them
twice, into two databases of its own (as the application role, under row-level security), once per path."""

from __future__ import annotations

import threading
import time
from collections import Counter
from datetime import UTC, datetime

import pytest
from sqlalchemy import create_engine, text

from kit import metrics, migrations, rls
from kit.memory import InMemoryBroker
from kit.relay import Relay
from kit.service import load
from tests.support.service import APP, owned_database

CONSUMING = ("registry", "inspections", "training", "budget", "reporting")
# Written anew by each application (an audit entry's time, the outbox row of a reaction), not by the event.
NOT_COMPARED = {"audit_log", "outbox_messages", "processed_messages", "alembic_version", "idempotency_keys"}
# Reporting's ledgers are sums: a row whose counters all came back to zero is nothing. One message at a time posts
# each event's difference and may leave such a row (an agency registered as one type, then changed to another); a
# batch posts each agency's net difference once (ADR 38) and does not write it.
LEDGERS = {"figure_ledger", "recommendation_ledger"}


@pytest.fixture(scope="module")
def events(postgres) -> InMemoryBroker:
    from registry.demo import sample as demo

    owner_url, app_url = owned_database(postgres, "batches_source")
    registry = load("registry")
    registry.migrate(owner_url)
    migrations.grant(owner_url, APP)
    runtime = registry.runtime_at(app_url)
    demo.seed(runtime.uow)
    broker = InMemoryBroker()
    relay = Relay(runtime.session_factory, broker, service="registry")
    while relay.publish_batch():
        pass
    runtime.engine.dispose()
    return broker


def applied(postgres, events: InMemoryBroker, name: str, batched: bool) -> dict[str, Counter]:
    """The service's tables after its consumer loop took every event on `events` (on the given path)."""
    since = datetime.now(UTC)  # after the events were written: a later time is the migration's or the consumer's
    owner_url, app_url = owned_database(postgres, f"batches_{name}_{'on' if batched else 'off'}")
    service = load(name)
    service.migrate(owner_url)
    migrations.grant(owner_url, APP)
    runtime = service.runtime_at(app_url)
    group = f"{runtime.group}-{'on' if batched else 'off'}"
    loop = runtime.consumer_loop(events.consumer(group, runtime.topics), events, name=group, batched=batched)
    stop = threading.Event()
    thread = threading.Thread(target=loop.run, args=(stop,))
    thread.start()
    deadline = time.monotonic() + 120
    while any(events.lag(group, runtime.topics).values()) and time.monotonic() < deadline:
        stop.wait(0.05)
    stop.set()
    thread.join()
    runtime.engine.dispose()
    assert not any(events.lag(group, runtime.topics).values()), (name, batched)
    return rows(owner_url, since)


def rows(owner_url: str, since: datetime) -> dict[str, Counter]:
    """Every table's rows (read across provinces), without what each application fills anew: columns with a
    default, generated ids, and any time from `since` on (the application's clock, not the events')."""
    engine = create_engine(owner_url)
    try:
        with engine.begin() as connection:
            rls.set_tenant(connection, None, True)
            tables = connection.execute(text(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                "AND table_type = 'BASE TABLE'")).scalars().all()
            return {table: _rows(connection, table, since) for table in tables if table not in NOT_COMPARED}
    finally:
        engine.dispose()


def _rows(connection, table: str, since: datetime) -> Counter:
    columns = connection.execute(text(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND table_name = :t AND column_default IS NULL ORDER BY ordinal_position"), {"t": table}).scalars().all()
    listed = ", ".join(f'"{c}"' for c in columns if not c.endswith(("created_at", "updated_at")) and c != "id")
    found = connection.execute(text(f'SELECT {listed} FROM "{table}"'))  # noqa: S608
    if table in LEDGERS:
        found = [row for row in found if any(v for v in row if isinstance(v, int) and not isinstance(v, bool))]
    return Counter(repr(tuple("now" if isinstance(v, datetime) and v >= since else v for v in row)) for row in found)


@pytest.mark.parametrize("name", CONSUMING)
def test_the_batched_consumer_leaves_what_the_one_at_a_time_consumer_leaves(postgres, events, name):
    redone = metrics.CONSUMER_BATCHES.labels(f"{load(name).consumes.group}-on", "redone")
    before = redone._value.get()
    batched = applied(postgres, events, name, batched=True)
    singly = applied(postgres, events, name, batched=False)

    assert sum(map(len, batched.values())) > 0
    differing = {table: (batched[table] - singly.get(table, Counter()), singly.get(table, Counter()) - batched[table])
                 for table in batched if batched[table] != singly.get(table)}
    assert differing == {} and batched.keys() == singly.keys()
    assert redone._value.get() == before  # nothing in the demo's events needs the one-at-a-time path

