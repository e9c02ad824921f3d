"""The registry inside the embedded single-process mode (SQLite, in-memory broker, demo data)."""

from __future__ import annotations

from pathlib import Path

from kit import auth, db
from kit.embedded import EmbeddedService
from kit.messaging import InMemoryBroker
from registry import consumers, demo, migrate
from registry.runtime import Runtime, create_app


def build(var_dir: Path, verifier: auth.TokenVerifier, broker: InMemoryBroker) -> EmbeddedService:
    url = f"sqlite:///{var_dir / 'registry.db'}"
    migrate.upgrade(url)
    runtime = Runtime(db.make_engine(url))
    demo.seed(runtime.uow)
    consumer = broker.consumer(consumers.GROUP, consumers.TOPICS)
    return EmbeddedService(
        app=create_app(runtime, verifier),
        workers=[runtime.relay(broker).run, runtime.consumer_loop(consumer, broker).run],
    )
