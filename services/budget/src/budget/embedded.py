"""The budget service inside the embedded single-process mode (SQLite, in-memory broker)."""

from __future__ import annotations

from pathlib import Path

from budget import consumers, migrate
from budget.runtime import Runtime, create_app
from kit import auth, db
from kit.embedded import EmbeddedService
from kit.messaging import InMemoryBroker


def build(var_dir: Path, verifier: auth.TokenVerifier, broker: InMemoryBroker) -> EmbeddedService:
    url = f"sqlite:///{var_dir / 'budget.db'}"
    migrate.upgrade(url)
    runtime = Runtime(db.make_engine(url))
    consumer = broker.consumer(consumers.GROUP, consumers.TOPICS)
    return EmbeddedService(
        app=create_app(runtime, verifier),
        workers=[runtime.relay(broker).run, runtime.consumer_loop(consumer, broker).run],
    )
