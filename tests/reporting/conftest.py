"""Reporting on a real, migrated PostgreSQL database; events are fed through the real consumer loop."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import contracts
from kit.memory import InMemoryBroker
from kit.messaging import Message
from kit.runtime import Runtime
from tests.support.service import service_fixtures

under_test, runtime, app, client = service_fixtures("reporting")


def message(tenant: str, event, event_id: uuid.UUID | None = None) -> Message:
    envelope = contracts.wrap(event, id=event_id or uuid.uuid4(), source="/tests", time=datetime.now(UTC),
                              tenant=tenant)
    return Message(envelope.topic, envelope.subject.encode(), contracts.encode(envelope), contracts.headers(envelope))


def feed(runtime: Runtime, tenant: str, events: list) -> list[str]:
    """Apply events through the reporting consumer loop, as Kafka would deliver them; returns the outcomes."""
    broker = InMemoryBroker()
    loop = runtime.consumer_loop(broker.consumer("tests", []), broker)
    return [loop.process(item if isinstance(item, Message) else message(tenant, item)) for item in events]
