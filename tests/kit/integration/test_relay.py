import threading
import time

from sqlalchemy import event, select

import contracts
from kit import db, migrations, wakeup
from kit.memory import InMemoryBroker
from kit.messaging import Outgoing
from kit.outbox import OutboxMessage
from kit.relay import Relay
from kit.runtime import Runtime
from kit.uow import UnitOfWork
from tests.kit.integration.conftest import Base, add_note, registered


class FailingAt:
    """A producer that acknowledges everything but the message at index `n` of each batch."""

    def __init__(self, n: int):
        self.n, self.sent = n, []

    def send_all(self, messages: list[Outgoing]):
        self.sent.extend(messages)
        return [RuntimeError("broker said no") if i == self.n else None for i in range(len(messages))]


def pending(sessions, tenant):
    with sessions() as session:
        query = select(OutboxMessage).where(OutboxMessage.tenant_id == tenant, OutboxMessage.published_at.is_(None))
        return session.scalars(query, execution_options={"cross_tenant": True}).all()


def drain(relay: Relay) -> None:
    while relay.publish_batch():
        pass


class TestRelay:
    def test_it_publishes_in_commit_order_with_the_envelope(self, sessions, uow_factory, tenant):
        broker = InMemoryBroker()
        for name in ("first", "second", "third"):
            add_note(uow_factory(tenant), name)

        drain(Relay(sessions, broker, service="kit-tests"))

        mine = [m for m in broker.messages("registry.agency") if m.header("ce_tenant") == tenant]
        assert [contracts.decode(m.value).data["name"] for m in mine] == ["first", "second", "third"]
        assert all(m.key == contracts.decode(m.value).subject.encode() for m in mine)
        assert pending(sessions, tenant) == []

    def test_a_failed_send_leaves_that_row_and_the_later_ones_for_the_next_batch(self, sessions, uow_factory, tenant):
        drain(Relay(sessions, InMemoryBroker(), service="kit-tests"))
        for name in ("a", "b", "c"):
            add_note(uow_factory(tenant), name)

        published = Relay(sessions, FailingAt(1), service="kit-tests").publish_batch()

        assert published == 1
        assert [row.payload["data"]["name"] for row in pending(sessions, tenant)] == ["b", "c"]
        [failed, _] = pending(sessions, tenant)
        assert failed.attempts == 1 and "broker said no" in failed.last_error

    def test_a_batch_is_marked_published_with_one_update(self, engine, sessions, uow_factory, tenant):
        drain(Relay(sessions, InMemoryBroker(), service="kit-tests"))
        for i in range(30):
            add_note(uow_factory(tenant), f"u{i}")
        updates = []

        def record(_conn, _cursor, statement, *_args) -> None:
            if statement.lstrip().upper().startswith("UPDATE OUTBOX_MESSAGES"):
                updates.append(statement)

        event.listen(engine, "before_cursor_execute", record)
        try:
            published = Relay(sessions, InMemoryBroker(), service="kit-tests").publish_batch()
        finally:
            event.remove(engine, "before_cursor_execute", record)

        assert published == 30
        assert len(updates) == 1
        assert pending(sessions, tenant) == []

    def test_two_relays_at_once_publish_each_row_once(self, sessions, uow_factory, tenant):
        drain(Relay(sessions, InMemoryBroker(), service="kit-tests"))
        for i in range(60):
            add_note(uow_factory(tenant), f"n{i}")
        broker = InMemoryBroker()
        relays = [Relay(sessions, broker, service="kit-tests", batch_size=7) for _ in range(2)]

        threads = [threading.Thread(target=drain, args=(relay,)) for relay in relays]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        drain(relays[0])

        names = [contracts.decode(m.value).data["name"] for m in broker.messages("registry.agency")
                 if m.header("ce_tenant") == tenant]
        assert names == [f"n{i}" for i in range(60)]


class WaitSpy:
    """The relay's real wakeup, telling the test when the relay starts waiting on it (its first batch is done)."""

    def __init__(self, wakeup):
        self.wakeup, self.waiting = wakeup, threading.Event()

    def open(self):
        self.wakeup.open()

    def wait(self, stop, timeout):
        self.waiting.set()
        self.wakeup.wait(stop, timeout)

    def close(self):
        self.wakeup.close()


def first_message(broker: InMemoryBroker, tenant: str, timeout: float = 10.0):
    consumer = broker.consumer(f"wake-{tenant}", ["registry.agency"])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        mine = [m for m in consumer.poll(timeout_ms=200, max_records=100) if m.header("ce_tenant") == tenant]
        if mine:
            return contracts.decode(mine[0].value).data["name"]
    return None


def idle_relay(runtime: Runtime, broker: InMemoryBroker, **options) -> tuple[Relay, WaitSpy, threading.Event]:
    """A relay polling every 30 s, started and waiting: only a wakeup can make it publish within the test's 10 s."""
    relay, stop = runtime.relay(broker, **options), threading.Event()
    relay.wakeup = spy = WaitSpy(relay.wakeup)
    threading.Thread(target=relay.run, args=(stop,), kwargs={"idle_seconds": POLL}, daemon=True).start()
    assert spy.waiting.wait(10)
    return relay, spy, stop


POLL = 30.0


def drained_runtime(engine) -> Runtime:
    """A runtime whose outbox holds nothing unsent, so the only message a relay finds is the test's own."""
    runtime = Runtime("kit-tests", engine, audited=False)
    drain(Relay(runtime.session_factory, InMemoryBroker(), service="kit-tests"))
    return runtime


def relayed(runtime: Runtime, tenant: str, name: str, timeout: float = 10.0, **options) -> tuple[str | None, WaitSpy]:
    """Register `name` while an idle relay waits; what the relay published within `timeout`, and how it waited."""
    broker = InMemoryBroker()
    _, spy, stop = idle_relay(runtime, broker, **options)
    try:
        add_note(UnitOfWork(runtime.session_factory, tenant, source="/kit-tests"), name)
        return first_message(broker, tenant, timeout), spy
    finally:
        stop.set()


class TestWakeup:
    def test_a_commit_wakes_a_listening_relay_before_its_poll(self, engine, tenant):
        published, spy = relayed(drained_runtime(engine), tenant, "woken")

        assert published == "woken"
        assert isinstance(spy.wakeup, wakeup.Listener)

    def test_a_relay_told_not_to_listen_waits_for_its_poll(self, engine, tenant):
        published, _ = relayed(drained_runtime(engine), tenant, "not woken", timeout=2.0, listen_url="off")

        assert published is None

    def test_a_relay_that_cannot_listen_still_publishes_at_its_poll(self, engine, tenant):
        runtime = drained_runtime(engine)
        broker, stop = InMemoryBroker(), threading.Event()
        relay = runtime.relay(broker, listen_url="postgresql://nobody@127.0.0.1:9/nowhere")  # nothing listens there
        threading.Thread(target=relay.run, args=(stop,), kwargs={"idle_seconds": 0.2}, daemon=True).start()
        try:
            add_note(UnitOfWork(runtime.session_factory, tenant, source="/kit-tests"), "polled")

            assert first_message(broker, tenant) == "polled"
        finally:
            stop.set()

    def test_a_rolled_back_unit_of_work_sends_no_notification(self, engine, tenant):
        runtime = Runtime("kit-tests", engine, audited=False)
        listener = wakeup.Listener(engine.url.render_as_string(hide_password=False))
        listener.open()
        try:
            with UnitOfWork(runtime.session_factory, tenant, source="/kit-tests") as uow:
                uow.publish(registered("rolled back"))
                uow.session.flush()

            assert list(listener._connection.notifies(timeout=1.0)) == []
        finally:
            listener.close()

    def test_the_embedded_relay_is_rung_by_a_commit_in_its_process(self, tmp_path, tenant):
        url = f"sqlite:///{tmp_path / 'kit.db'}"
        migrations.upgrade(url)
        runtime = Runtime("kit-tests", db.make_engine(url), audited=False)
        with runtime.engine.begin() as connection:
            Base.metadata.create_all(connection)
        try:
            published, spy = relayed(runtime, tenant, "rung")
        finally:
            runtime.engine.dispose()

        assert published == "rung"
        assert spy.wakeup is runtime.doorbell
