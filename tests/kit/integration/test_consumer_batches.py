"""The batched consumer (kit.batching, ADR 26): a poll batch in one transaction, redone one message at a time on any
error, offsets committed after the database commit. The one-at-a-time path is test_consumer_loop.py's."""

import threading
import time
import uuid

import pytest
from sqlalchemy import func, select, text

import contracts
from kit import batching, db, inbox, migrations, tenancy
from kit.inbox import ProcessedMessage
from kit.memory import InMemoryBroker
from kit.messaging import Message, Outgoing
from kit.uow import UnitOfWork
from tests.kit.integration.conftest import Base, Note, registered
from tests.kit.integration.test_consumer_loop import loop, notes, on_registered

TOPIC = "registry.agency"


def outgoing(tenant: str, name: str, key: bytes = b"k") -> Outgoing:
    event = registered(name)
    envelope = contracts.wrap(event, id=uuid.uuid4(), source="/t", time=event.registered_at, tenant=tenant)
    return Outgoing(TOPIC, key, contracts.encode(envelope), contracts.headers(envelope))


def polled(broker: InMemoryBroker, *messages: Outgoing) -> list[Message]:
    broker.send_all(list(messages))
    return broker.consumer("peek", [TOPIC]).poll(0, 100)


def run_until(consumer, done, timeout: float = 20) -> None:
    """Run the loop in a thread until `done()` or the timeout, then stop it."""
    stop = threading.Event()
    thread = threading.Thread(target=consumer.run, args=(stop,))
    thread.start()
    deadline = time.monotonic() + timeout
    while not done() and thread.is_alive() and time.monotonic() < deadline:
        stop.wait(0.05)
    stop.set()
    thread.join()


def transactions(uow_factory, tenant, ids) -> int:
    """How many database transactions wrote the inbox rows of `ids` (PostgreSQL's xmin of each row)."""
    with uow_factory(tenant) as uow:
        return uow.session.execute(text("SELECT count(DISTINCT xmin::text) FROM processed_messages "
                                        "WHERE message_id = ANY(:ids)"), {"ids": ids}).scalar_one()


def applied_order(uow_factory, tenant, ids) -> list[uuid.UUID]:
    with uow_factory(tenant) as uow:
        query = select(ProcessedMessage.message_id).where(ProcessedMessage.message_id.in_(ids))
        return list(uow.session.scalars(query.order_by(ProcessedMessage.processed_at)))


def envelope_id(message: Message) -> uuid.UUID:
    return uuid.UUID(message.header("ce_id"))


class Recorder:
    """Handler and `after_handled` hook that note what ran, in order."""

    def __init__(self, fails: tuple[str, ...] = ()):
        self.calls, self.outcomes, self.fails = [], [], fails

    def handle(self, uow, event) -> None:
        self.calls.append(event.name)
        if event.name in self.fails:
            raise ValueError(f"cannot handle {event.name}")
        on_registered(uow, event)

    def after(self, message: Message, outcome: str) -> None:
        self.outcomes.append(outcome)


def test_a_batch_of_several_tenants_applies_each_message_under_its_own_tenant(uow_factory, tenant):
    other = f"{tenant}-b"
    broker, bound = InMemoryBroker(), []

    def handler(uow, event):
        with uow:
            bound.append(uow.session.execute(text("SELECT current_setting('app.tenant', true)")).scalar_one())
            uow.session.add(Note(text=f"seen {event.name}"))
            uow.commit()

    batch = polled(broker, outgoing(tenant, "a1"), outgoing(other, "b1"), outgoing(other, "b2"),
                   outgoing(tenant, "a2"))
    assert loop(uow_factory, broker, handler).process_batch(batch)

    assert bound == [tenant, other, other, tenant]
    assert [notes(uow_factory, tenant, f"seen {n}") for n in ("a1", "b1", "b2", "a2")] == [1, 0, 0, 1]
    assert [notes(uow_factory, other, f"seen {n}") for n in ("a1", "b1", "b2", "a2")] == [0, 1, 1, 0]
    ids = [envelope_id(m) for m in batch]
    assert transactions(uow_factory, tenant, ids) == 1
    assert applied_order(uow_factory, tenant, ids) == ids  # processed_at keeps the order within the batch


def test_work_left_for_the_batchs_end_is_done_once_after_the_last_handler_and_committed_with_it(uow_factory, tenant):
    other = f"{tenant}-b"
    broker, done, ran = InMemoryBroker(), [], []

    def at_end(session):  # one note per tenant that had a message, written under that tenant
        for name in sorted(set(done)):
            tenancy.bind(session, name)
            session.add(Note(text=f"end of {len(ran)}"))
            session.flush()  # stamped with the tenant bound now

    def handler(uow, event):
        with uow:
            ran.append(event.name)
            if batching.at_end(uow.session, "notes", at_end):
                done.append(uow.tenant)
            uow.session.add(Note(text=f"seen {event.name}"))
            uow.commit()

    batch = polled(broker, outgoing(tenant, "a1"), outgoing(other, "b1"), outgoing(tenant, "a2"))
    assert loop(uow_factory, broker, handler).process_batch(batch)

    assert done == [tenant, other, tenant]  # each handler was told the work will be done
    assert [notes(uow_factory, name, "end of 3") for name in (tenant, other)] == [1, 1]  # once, after all three
    assert transactions(uow_factory, tenant, [envelope_id(m) for m in batch]) == 1


def test_outside_a_batch_the_work_is_the_callers_and_there_is_nothing_to_read_ahead(uow_factory, tenant):
    with uow_factory(tenant) as uow:
        assert batching.at_end(uow.session, "notes", lambda _session: None) is False
        assert batching.events(uow.session) == []


def test_a_handler_reads_the_events_the_batch_applies_under_their_tenants(uow_factory, tenant):
    other = f"{tenant}-b"
    broker, seen = InMemoryBroker(), []
    [first] = polled(broker, outgoing(tenant, "a0"))
    assert loop(uow_factory, broker, on_registered).process(first) == "handled"

    def handler(uow, event):
        with uow:
            seen.append([(name, later.name) for name, later in batching.events(uow.session)])
            uow.commit()

    batch = polled(broker, outgoing(tenant, "a1"), outgoing(other, "b1"))  # a0 again, then the two new ones
    assert len(batch) == 3 and loop(uow_factory, broker, handler).process_batch(batch)

    assert seen == [[(tenant, "a1"), (other, "b1")]] * 2  # not a0: in the inbox already, it is not applied again


def test_the_run_loop_applies_a_batch_then_commits_its_offsets(uow_factory, tenant):
    broker, recorder = InMemoryBroker(), Recorder()
    broker.send_all([outgoing(tenant, f"run {n}") for n in range(5)])
    consumer = loop(uow_factory, broker, recorder.handle, after_handled=recorder.after)

    run_until(consumer, lambda: broker.lag("tests", [TOPIC]) == {TOPIC: 0})

    assert recorder.outcomes == ["handled"] * 5
    assert [notes(uow_factory, tenant, f"seen run {n}") for n in range(5)] == [1] * 5
    ids = [envelope_id(m) for m in broker.messages(TOPIC)]
    assert transactions(uow_factory, tenant, ids) == 1


def test_a_failing_handler_mid_batch_redoes_the_batch_one_at_a_time(uow_factory, tenant):
    broker, recorder = InMemoryBroker(), Recorder(fails=("broken",))
    broker.send_all([outgoing(tenant, "before"), outgoing(tenant, "broken"), outgoing(tenant, "after")])
    consumer = loop(uow_factory, broker, recorder.handle, after_handled=recorder.after, max_attempts=3)

    run_until(consumer, lambda: broker.lag("tests", [TOPIC]) == {TOPIC: 0})

    # Once in the rolled-back batch, then one at a time: "broken" its three attempts, then the dead letter.
    assert recorder.calls == ["before", "broken", "before", "broken", "broken", "broken", "after"]
    assert recorder.outcomes == ["handled", "dead-lettered", "handled"]
    assert [notes(uow_factory, tenant, f"seen {n}") for n in ("before", "broken", "after")] == [1, 0, 1]
    [dead] = broker.messages(f"{TOPIC}.dlq")
    assert dead.header("x-attempts") == "3" and "cannot handle broken" in dead.header("x-error")


def test_a_message_that_cannot_be_decoded_sends_the_batch_one_at_a_time_and_is_dead_lettered(uow_factory, tenant):
    broker, recorder = InMemoryBroker(), Recorder()
    batch = polled(broker, outgoing(tenant, "fine"),
                   Outgoing(TOPIC, b"k", b"{not an envelope", [("ce_type", b"registry.agency.registered")]))
    consumer = loop(uow_factory, broker, recorder.handle)

    assert not consumer.process_batch(batch)
    assert recorder.calls == [] and notes(uow_factory, tenant, "seen fine") == 0
    assert [consumer.process(m) for m in batch] == ["handled", "dead-lettered"]


def test_duplicates_in_the_batch_and_already_in_the_inbox_are_skipped(uow_factory, tenant):
    broker, recorder = InMemoryBroker(), Recorder()
    old, new = polled(broker, outgoing(tenant, "old"), outgoing(tenant, "new"))
    consumer = loop(uow_factory, broker, recorder.handle, after_handled=recorder.after)
    assert consumer.process(old) == "handled"
    recorder.calls.clear()

    assert consumer.process_batch([old, new, new])

    assert recorder.calls == ["new"]
    assert recorder.outcomes == ["duplicate", "handled", "duplicate"]
    assert [notes(uow_factory, tenant, f"seen {n}") for n in ("old", "new")] == [1, 1]


def test_messages_are_applied_in_their_order_on_each_key(uow_factory, tenant):
    broker, applied = InMemoryBroker(), []

    def handler(uow, event):
        with uow:
            applied.append(event.name)
            uow.session.add(Note(text=event.name))
            uow.commit()

    batch = polled(broker, *[outgoing(tenant, f"{key}{version}", key.encode()) for version in (1, 2, 3)
                             for key in ("x", "y")])
    assert loop(uow_factory, broker, handler).process_batch(batch)

    assert applied == ["x1", "y1", "x2", "y2", "x3", "y3"]
    with uow_factory(tenant) as uow:
        written = uow.session.scalars(select(Note.text).where(Note.tenant_id == tenant).order_by(
            func.length(Note.text), Note.text)).all()
    assert sorted(written) == sorted(applied)


def test_offsets_are_committed_only_after_the_database_commit(uow_factory, tenant):
    broker = InMemoryBroker()
    broker.send_all([outgoing(tenant, f"ordered {n}") for n in range(3)])
    seen_at_hook, seen_at_commit = [], []

    def after(message: Message, outcome: str) -> None:
        seen_at_hook.append((notes(uow_factory, tenant, f"seen ordered {message.offset}"),
                             broker.lag("tests", [TOPIC])[TOPIC]))

    consumer = loop(uow_factory, broker, after_handled=after)
    inner = consumer.consumer

    class Watched:
        def poll(self, timeout_ms, max_records):
            return inner.poll(timeout_ms, max_records)

        def commit_async(self, messages):
            seen_at_commit.append([notes(uow_factory, tenant, f"seen ordered {n}") for n in range(3)])
            inner.commit_async(messages)

    consumer.consumer = Watched()
    assert consumer.process_batch(consumer.consumer.poll(0, 100))

    # The hook runs per message with its effect committed and no offset moved; the offsets go after all of it.
    assert seen_at_hook == [(1, 3), (1, 3), (1, 3)]
    assert seen_at_commit == [[1, 1, 1]]
    assert broker.lag("tests", [TOPIC]) == {TOPIC: 0}


def test_a_handler_that_needs_its_own_transaction_is_applied_one_at_a_time(uow_factory, tenant):
    other = f"{tenant}-p"
    broker = InMemoryBroker()

    def succession(uow, event):
        with uow.for_tenant(other) as theirs:  # another province's rows: a unit of work of its own
            theirs.session.add(Note(text=f"closed by {event.name}"))
            theirs.commit()
        on_registered(uow, event)

    batch = polled(broker, outgoing(tenant, "s1"), outgoing(tenant, "s2"))
    consumer = loop(uow_factory, broker, succession)

    assert not consumer.process_batch(batch)
    assert notes(uow_factory, other, "closed by s1") == 0
    assert [consumer.process(m) for m in batch] == ["handled", "handled"]
    assert [notes(uow_factory, other, f"closed by {n}") for n in ("s1", "s2")] == [1, 1]


def careless(uow, event):
    """Writes and leaves its unit of work without committing."""
    with uow:
        uow.session.add(Note(text=f"uncommitted {event.name}"))
        uow.session.flush()


def twice(uow, event):
    """Commits, then writes again in a second block it does not commit."""
    on_registered(uow, event)
    with uow:
        uow.session.add(Note(text=f"second block {event.name}"))
        uow.session.flush()


@pytest.mark.parametrize(("handler", "kept", "dropped"), [(careless, None, "uncommitted"),
                                                          (twice, "seen", "second block")])
def test_changes_a_handler_leaves_uncommitted_are_not_applied_in_a_batch_either(uow_factory, tenant, handler, kept,
                                                                                 dropped):
    broker = InMemoryBroker()
    batch = polled(broker, outgoing(tenant, "c1"), outgoing(tenant, "c2"))
    consumer = loop(uow_factory, broker, handler)

    assert not consumer.process_batch(batch)
    assert [consumer.process(m) for m in batch] == ["handled", "handled"]
    assert [notes(uow_factory, tenant, f"{dropped} {n}") for n in ("c1", "c2")] == [0, 0]
    if kept:
        assert [notes(uow_factory, tenant, f"{kept} {n}") for n in ("c1", "c2")] == [1, 1]
    with uow_factory(tenant) as uow:
        assert inbox.seen_among(uow.session, "tests", [envelope_id(m) for m in batch]) == {
            envelope_id(m) for m in batch}


def test_the_unbatched_loop_commits_each_message_as_before(uow_factory, tenant):
    broker, recorder = InMemoryBroker(), Recorder()
    broker.send_all([outgoing(tenant, f"single {n}") for n in range(3)])
    consumer = loop(uow_factory, broker, recorder.handle, after_handled=recorder.after, batched=False)

    run_until(consumer, lambda: broker.lag("tests", [TOPIC]) == {TOPIC: 0})

    assert recorder.outcomes == ["handled"] * 3
    ids = [envelope_id(m) for m in broker.messages(TOPIC)]
    assert transactions(uow_factory, tenant, ids) == 3


def test_the_embedded_mode_applies_batches_on_sqlite(tmp_path, tenant):
    url = f"sqlite:///{tmp_path / 'embedded.db'}"
    migrations.upgrade(url)
    engine = db.make_engine(url)
    Base.metadata.create_all(engine)
    sessions = tenancy.install_tenant_filter(db.make_session_factory(engine))

    def uows(tenant, **options) -> UnitOfWork:
        return UnitOfWork(sessions, tenant, source="/kit-tests", **options)

    other, broker = f"{tenant}-b", InMemoryBroker()
    batch = polled(broker, outgoing(tenant, "e1"), outgoing(other, "e2"), outgoing(tenant, "e3"))
    try:
        assert loop(uows, broker).process_batch(batch)
        assert [notes(uows, tenant, f"seen {n}") for n in ("e1", "e2", "e3")] == [1, 0, 1]
        assert notes(uows, other, "seen e2") == 1
        assert applied_order(uows, tenant, [envelope_id(m) for m in batch]) == [envelope_id(m) for m in batch]
    finally:
        engine.dispose()
