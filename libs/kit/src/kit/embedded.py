"""A service inside the embedded single-process mode: SQLite under `var/`, events through an in-memory broker.

The service is still its own Flask app; its relay, its consumer and its demo seeding run as threads over the
same outbox, inbox and handlers as in production.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from flask import Flask

from kit import auth, db
from kit.memory import InMemoryBroker
from kit.service import Service

Worker = Callable[[threading.Event], None]


@dataclass
class EmbeddedService:
    """The service's app, its loops by name (to run as threads until `stop` is set), and `settled()`: every event
    it wrote is published and every event it reads is applied."""

    app: Flask
    settled: Callable[[], bool]
    workers: dict[str, Worker] = field(default_factory=dict)


def build(service: Service, var_dir: Path, verifier: auth.TokenVerifier, broker: InMemoryBroker) -> EmbeddedService:
    """Migrate the service's SQLite file, run its demo's `before_serving`, and wire its app and loops."""
    url = f"sqlite:///{var_dir / f'{service.name}.db'}"
    service.migrate(url)
    consumes = service.consumes
    lag = partial(broker.lag, consumes.group, consumes.topics) if consumes else None
    runtime = service.runtime(db.make_engine(url), lag=lag)
    workers: dict[str, Worker] = {}
    if service.demo and service.demo.before_serving:
        service.demo.before_serving(runtime)
    if service.demo and service.demo.in_background:
        workers["demo"] = partial(service.demo.in_background, runtime)
    workers["relay"] = runtime.relay(broker).run
    workers.update({name: partial(worker, runtime) for name, worker in {**service.workers, **service.kinds}.items()})
    if consumes:
        workers["consumer"] = runtime.consumer_loop(broker.consumer(consumes.group, consumes.topics), broker).run

    def settled() -> bool:
        return runtime.outbox_backlog() == 0 and not any(lag().values() if lag else ())

    return EmbeddedService(app=service.api_app(runtime, verifier), settled=settled, workers=workers)
