"""Reporting inside the embedded single-process mode (SQLite, in-memory broker)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from kit import auth, db
from kit.embedded import EmbeddedService
from kit.messaging import InMemoryBroker
from reporting import consumers, migrate
from reporting.runtime import Runtime, create_app


def build(var_dir: Path, verifier: auth.TokenVerifier, broker: InMemoryBroker) -> EmbeddedService:
    url = f"sqlite:///{var_dir / 'reporting.db'}"
    migrate.upgrade(url)
    runtime = Runtime(db.make_engine(url), lag=partial(broker.lag, consumers.GROUP, consumers.TOPICS))
    consumer = broker.consumer(consumers.GROUP, consumers.TOPICS)
    return EmbeddedService(app=create_app(runtime, verifier),
                           workers=[runtime.relay(broker).run, runtime.consumer_loop(consumer, broker).run])
