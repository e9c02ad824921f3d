import threading

from sqlalchemy import select

import contracts
from kit.memory import InMemoryBroker
from kit.messaging import Outgoing
from kit.outbox import OutboxMessage
from kit.relay import Relay
from tests.kit.integration.conftest import add_note


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
