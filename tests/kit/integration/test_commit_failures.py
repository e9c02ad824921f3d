"""An offset commit the broker refuses (a rebalance, a broker restart) neither stops the loop nor skips messages.

The one-at-a-time path waits for each commit, so that is where a refusal shows (`batched=False`); the batched path
commits without waiting and leaves a refused commit to the adapter (kit.kafka)."""

import threading
import time

from kit.memory import InMemoryBroker
from kit.messaging import CommitFailed, Message
from kit.relay import Relay
from tests.kit.integration.conftest import add_note
from tests.kit.integration.test_consumer_loop import loop, notes


class RefusesFirstCommit:
    """An in-memory consumer whose first offset commit fails, as kafka-python's does in a rebalance."""

    def __init__(self, inner) -> None:
        self.inner, self.refused = inner, []

    def poll(self, timeout_ms: int, max_records: int) -> list[Message]:
        return self.inner.poll(timeout_ms, max_records)

    def commit(self, message: Message) -> None:
        if not self.refused:
            self.refused.append(message)
            raise CommitFailed("RebalanceInProgressError")
        self.inner.commit(message)

    def rewind(self, messages: list[Message]) -> None:
        self.inner.rewind(messages)

    def close(self) -> None:
        self.inner.close()


def test_a_refused_commit_redelivers_the_rest_of_the_batch_and_the_loop_goes_on(sessions, uow_factory, tenant):
    broker = InMemoryBroker()
    names = [f"commit refused {n}" for n in range(3)]
    for name in names:
        add_note(uow_factory(tenant), name)
    while Relay(sessions, broker, service="kit-tests").publish_batch():
        pass
    consumer = loop(uow_factory, broker, batched=False)
    consumer.consumer = RefusesFirstCommit(consumer.consumer)
    stop = threading.Event()
    thread = threading.Thread(target=consumer.run, args=(stop,))

    thread.start()
    deadline = time.monotonic() + 10
    while notes(uow_factory, tenant, f"seen {names[-1]}") == 0 and thread.is_alive() and time.monotonic() < deadline:
        stop.wait(0.05)
    stop.set()
    thread.join()

    assert [m.offset for m in consumer.consumer.refused] == [0]
    assert [notes(uow_factory, tenant, f"seen {name}") for name in names] == [1, 1, 1]
    assert broker.consumer("tests", ["registry.agency"]).poll(0, 100) == []
