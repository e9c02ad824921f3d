"""The inspections service inside the embedded single-process mode (SQLite, in-memory broker).

Once the registry's demo agencies have reached the replica, a worker adds the demo inspections (`demo`).
"""

from __future__ import annotations

import logging
from pathlib import Path

from inspections import consumers, demo, migrate
from inspections.runtime import Runtime, create_app
from kit import auth, db
from kit.embedded import EmbeddedService
from kit.messaging import InMemoryBroker

log = logging.getLogger(__name__)


def build(var_dir: Path, verifier: auth.TokenVerifier, broker: InMemoryBroker) -> EmbeddedService:
    url = f"sqlite:///{var_dir / 'inspections.db'}"
    migrate.upgrade(url)
    runtime = Runtime(db.make_engine(url))
    consumer = broker.consumer(consumers.GROUP, consumers.TOPICS)

    def seed_demo(stop) -> None:
        if demo.wait_for_agencies(runtime.uow, {"an-giang": 41, "ho-chi-minh": demo.HCM_ON_SITE_2020}, stop):
            log.info("demo inspections ready: %d added", demo.seed(runtime.uow, progress=log.info))

    return EmbeddedService(
        app=create_app(runtime, verifier),
        workers=[seed_demo, runtime.relay(broker).run, runtime.consumer_loop(consumer, broker).run],
    )
