import json
import threading
import uuid

from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

import contracts
from kit.consumer import ConsumerLoop
from kit.memory import InMemoryBroker
from kit.messaging import Message, Outgoing
from kit.relay import Relay
from tests.kit.integration.conftest import Note, add_note, registered


def on_registered(uow, event):
    with uow:
        uow.session.add(Note(text=f"seen {event.name}"))
        uow.commit()


def notes(uow_factory, tenant, text):
    uow = uow_factory(tenant)
    with uow:
        return uow.session.execute(select(func.count()).select_from(Note).where(Note.text == text)).scalar_one()


def loop(uow_factory, broker, handler=on_registered, **options) -> ConsumerLoop:
    consumer = broker.consumer("tests", ["registry.agency"])
    return ConsumerLoop(name="tests", consumer=consumer, dead_letters=broker,
                        handlers={contracts.registry.AgencyRegistered: handler}, uow_factory=uow_factory,
                        backoff=0.001, sleep=lambda _: None, **options)


def published(sessions, uow_factory, tenant, name) -> InMemoryBroker:
    broker = InMemoryBroker()
    add_note(uow_factory(tenant), name)
    while Relay(sessions, broker, service="kit-tests").publish_batch():
        pass
    return broker


def mine(broker, tenant) -> list[Message]:
    return [m for m in broker.messages("registry.agency") if m.header("ce_tenant") == tenant]


class TestConsumerLoop:
    def test_a_message_delivered_twice_has_one_effect(self, sessions, uow_factory, tenant):
        broker = published(sessions, uow_factory, tenant, "Sở Y tế")
        [message] = mine(broker, tenant)
        consumer = loop(uow_factory, broker)

        outcomes = [consumer.process(message), consumer.process(message)]

        assert outcomes == ["handled", "duplicate"]
        assert notes(uow_factory, tenant, "seen Sở Y tế") == 1

    def test_a_poison_message_goes_to_the_dead_letter_topic_and_the_next_one_flows(self, uow_factory, tenant):
        broker = InMemoryBroker()
        good = contracts.wrap(registered("after poison"), id=uuid.uuid4(), source="/t",
                              time=registered().registered_at, tenant=tenant)
        broker.send_all([
            Outgoing("registry.agency", b"k", b"{not an envelope", [("ce_type", b"registry.agency.registered")]),
            Outgoing("registry.agency", b"k", contracts.encode(good), contracts.headers(good)),
        ])
        stop = threading.Event()
        consumer = loop(uow_factory, broker)

        results = [consumer.process(m, stop) for m in broker.consumer("peek", ["registry.agency"]).poll(0, 10)]

        assert results == ["dead-lettered", "handled"]
        [dead] = broker.messages("registry.agency.dlq")
        assert dead.value == b"{not an envelope"
        assert dead.header("x-original-topic") == "registry.agency"
        assert "not a valid event envelope" in dead.header("x-error")
        assert notes(uow_factory, tenant, "seen after poison") == 1

    def test_a_handler_that_keeps_failing_is_dead_lettered_after_n_attempts(self, sessions, uow_factory, tenant):
        broker = published(sessions, uow_factory, tenant, "broken")
        calls = []

        def failing(uow, event):
            calls.append(event)
            raise ValueError("cannot handle")

        [message] = mine(broker, tenant)
        outcome = loop(uow_factory, broker, failing, max_attempts=3).process(message)

        assert outcome == "dead-lettered" and len(calls) == 3
        [dead] = broker.messages("registry.agency.dlq")
        assert dead.header("x-attempts") == "3"

    def test_a_transient_database_error_is_retried_and_never_dead_lettered(self, sessions, uow_factory, tenant):
        broker = published(sessions, uow_factory, tenant, "flaky")
        failures = iter([OperationalError("SELECT 1", {}, Exception("server closed the connection"))] * 5)

        def flaky(uow, event):
            error = next(failures, None)
            if error is not None:
                raise error
            on_registered(uow, event)

        [message] = mine(broker, tenant)
        outcome = loop(uow_factory, broker, flaky, max_attempts=3).process(message)

        assert outcome == "handled"
        assert broker.messages("registry.agency.dlq") == []
        assert notes(uow_factory, tenant, "seen flaky") == 1

    def test_types_it_does_not_handle_are_skipped(self, uow_factory, tenant):
        broker = InMemoryBroker()
        broker.send_all([Outgoing("registry.agency", b"k", b"{}", [("ce_type", b"registry.agency.renamed")])])
        [message] = broker.messages("registry.agency")

        assert loop(uow_factory, broker).process(message) == "skipped"

    def test_an_unknown_version_of_a_handled_type_is_dead_lettered(self, sessions, uow_factory, tenant):
        broker = published(sessions, uow_factory, tenant, "v9")
        [message] = mine(broker, tenant)
        body = json.loads(message.value)
        body["version"] = 9
        future = Message(message.topic, message.key, json.dumps(body).encode(), message.headers)

        assert loop(uow_factory, broker).process(future) == "dead-lettered"

    def test_the_run_loop_commits_after_each_message(self, sessions, uow_factory, tenant):
        broker = published(sessions, uow_factory, tenant, "committed")
        stop = threading.Event()
        consumer = loop(uow_factory, broker)
        thread = threading.Thread(target=consumer.run, args=(stop,))

        thread.start()
        while notes(uow_factory, tenant, "seen committed") == 0:
            stop.wait(0.05)
        stop.set()
        thread.join()

        restarted = broker.consumer("tests", ["registry.agency"])
        assert restarted.poll(0, 100) == []
