"""The registry inside the embedded single-process mode (SQLite, in-memory broker, demo provinces).

The demo provinces reproduce the seed articles' figures (`demo_figures`); they are seeded by a worker thread
so that the server answers at once and the dashboards fill within seconds.
"""

from __future__ import annotations

import logging
from pathlib import Path

from kit import auth, db
from kit.embedded import EmbeddedService
from kit.messaging import InMemoryBroker
from registry import consumers, demo_figures, migrate
from registry.runtime import Runtime, create_app

log = logging.getLogger(__name__)


def build(var_dir: Path, verifier: auth.TokenVerifier, broker: InMemoryBroker) -> EmbeddedService:
    url = f"sqlite:///{var_dir / 'registry.db'}"
    migrate.upgrade(url)
    runtime = Runtime(db.make_engine(url))
    demo_figures.seed_provinces(runtime.uow)
    consumer = broker.consumer(consumers.GROUP, consumers.TOPICS)

    def seed_demo(_stop) -> None:
        added = demo_figures.seed(runtime.uow, progress=log.info)
        log.info("demo provinces ready: %d agencies added", added)

    return EmbeddedService(
        app=create_app(runtime, verifier),
        workers=[seed_demo, runtime.relay(broker).run, runtime.consumer_loop(consumer, broker).run],
    )
