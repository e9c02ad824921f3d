"""Reporting on a real, migrated PostgreSQL database; events are fed through the real consumer loop."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

import contracts
from kit import db
from kit.messaging import InMemoryBroker, Message
from reporting import migrate
from reporting.runtime import Runtime, create_app
from tests.support.service import migrated_database, testing_app


@pytest.fixture(scope="session")
def reporting_runtime(postgres) -> Runtime:
    return Runtime(db.make_engine(migrated_database(postgres, "reporting", migrate)))


@pytest.fixture(scope="session")
def reporting_app(reporting_runtime, issuer):
    return testing_app(create_app, reporting_runtime, issuer)


@pytest.fixture
def client(reporting_app):
    return reporting_app.test_client()


def message(tenant: str, event, event_id: uuid.UUID | None = None) -> Message:
    envelope = contracts.wrap(event, id=event_id or uuid.uuid4(), source="/tests", time=datetime.now(UTC),
                              tenant=tenant)
    return Message(envelope.topic, envelope.subject.encode(), contracts.encode(envelope), contracts.headers(envelope))


def feed(runtime: Runtime, tenant: str, events: list) -> list[str]:
    """Apply events through the reporting consumer loop, as Kafka would deliver them; returns the outcomes."""
    broker = InMemoryBroker()
    loop = runtime.consumer_loop(broker.consumer("tests", []), broker)
    return [loop.process(item if isinstance(item, Message) else message(tenant, item)) for item in events]
