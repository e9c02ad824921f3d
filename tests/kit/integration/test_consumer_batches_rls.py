"""Row-level security per message inside one batch transaction: as the application role (not the owner, which
bypasses nothing under FORCE but is a superuser in the kit tests' database), on a protected table, a handler's raw
SQL sees and writes only its own message's province, whoever came before it in the batch."""

import pytest
from sqlalchemy import text

from kit import db, migrations, rls, tenancy
from kit.memory import InMemoryBroker
from kit.uow import UnitOfWork
from tests.kit.integration.conftest import Base, Note
from tests.kit.integration.test_consumer_batches import TOPIC, outgoing, polled, run_until
from tests.kit.integration.test_consumer_loop import loop, notes
from tests.support.service import APP, owned_database


@pytest.fixture(scope="module")
def app_sessions(postgres):
    owner_url, app_url = owned_database(postgres, "kit_batches_rls")
    migrations.upgrade(owner_url)
    owner = db.make_engine(owner_url)
    with owner.begin() as connection:
        Base.metadata.create_all(connection)
        rls.protect(connection, ["notes"])
        rls.grant(connection, APP)
    owner.dispose()
    engine = db.make_engine(app_url)
    yield tenancy.install_tenant_filter(db.make_session_factory(engine))
    engine.dispose()


@pytest.fixture
def app_uows(app_sessions):
    def make(tenant, **options) -> UnitOfWork:
        return UnitOfWork(app_sessions, tenant, source="/kit-tests", **options)

    return make


def test_a_handler_in_a_batch_sees_only_its_own_tenants_rows(app_uows, tenant):
    other, broker, visible = f"{tenant}-b", InMemoryBroker(), {}

    def handler(uow, event):
        with uow:
            uow.session.add(Note(text=event.name))
            uow.session.flush()
            # Raw SQL: the ORM filter does not see it, only row-level security stands in the way.
            rows = uow.session.execute(text("SELECT DISTINCT tenant_id FROM notes WHERE tenant_id IN (:a, :b)"),
                                       {"a": tenant, "b": other}).scalars()
            visible[event.name] = set(rows)
            uow.commit()

    batch = polled(broker, outgoing(tenant, "a"), outgoing(other, "b"), outgoing(tenant, "a again"))
    assert loop(app_uows, broker, handler).process_batch(batch)

    assert visible == {"a": {tenant}, "b": {other}, "a again": {tenant}}
    assert [notes(app_uows, tenant, n) for n in ("a", "b", "a again")] == [1, 0, 1]
    assert [notes(app_uows, other, n) for n in ("a", "b", "a again")] == [0, 1, 0]


def test_a_handler_in_a_batch_cannot_write_another_tenants_row(app_uows, tenant):
    other, broker, outcomes = f"{tenant}-b", InMemoryBroker(), []

    def handler(uow, event):
        with uow:
            owner = tenant if event.name == "trespass" else uow.tenant  # `trespass` comes as `other`'s
            uow.session.execute(text("INSERT INTO notes (id, tenant_id, text) VALUES (gen_random_uuid(), :t, :x)"),
                                {"t": owner, "x": event.name})
            uow.commit()

    broker.send_all([outgoing(tenant, "mine"), outgoing(other, "trespass"), outgoing(other, "theirs")])
    consumer = loop(app_uows, broker, handler, after_handled=lambda _m, outcome: outcomes.append(outcome))

    run_until(consumer, lambda: broker.lag("tests", [TOPIC]) == {TOPIC: 0})

    assert outcomes == ["handled", "dead-lettered", "handled"]
    [dead] = broker.messages(f"{TOPIC}.dlq")
    assert "row-level security" in dead.header("x-error")
    assert [notes(app_uows, tenant, n) for n in ("mine", "trespass")] == [1, 0]
    assert notes(app_uows, other, "theirs") == 1
