"""The embedded mode: every service in this one process, SQLite files, events through an in-memory broker.

Each service is still its own Flask app behind the same gateway code; its outbox relay and its
consumer run as threads over the same outbox, inbox and handlers as in production. Once the demo data is written
and every event has reached the read models, one line says the demo is ready.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from flask import Flask

from gateway.app import create_app
from gateway.config import Settings
from gateway.devauth import DevIssuer
from gateway.proxy import WsgiUpstream
from kit import auth, embedded
from kit.memory import InMemoryBroker
from kit.service import load, service_names

log = logging.getLogger(__name__)
READY = "demo ready in {seconds:.0f} s: every demo record is in the read models; open http://{bind}"


def build(settings: Settings, verifier: auth.TokenVerifier, issuer: DevIssuer | None, edge=None) -> Flask:
    """Build every service (migrated, demo data seeded), start their workers, return the gateway app."""
    started = time.monotonic()
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    logging.getLogger("alembic").setLevel(logging.WARNING)  # one line per service below says it is migrated
    broker = InMemoryBroker()
    stop = threading.Event()
    upstreams, checks, demos = {}, [], []
    for name in service_names():
        service = embedded.build(load(name), settings.var_dir, verifier, broker)
        upstreams[name], checks = WsgiUpstream(service.app), [*checks, service.settled]
        for role, worker in service.workers.items():
            thread = threading.Thread(target=worker, args=(stop,), name=f"{name}-{role}", daemon=True)
            thread.start()
            demos += [thread] if role == "demo" else []
        log.info("%s: database migrated (%s), API, relay and consumer running", name,
                 settings.var_dir / f"{name}.db")
    threading.Thread(target=announce_ready, args=(demos, checks, stop, started, settings.bind), name="demo-ready",
                     daemon=True).start()
    app = create_app(upstreams, verifier, issuer, settings.max_body_bytes, edge,
                     upload_max_bytes=settings.upload_max_bytes)
    app.extensions["embedded_stop"] = stop
    return app


def announce_ready(demos: list[threading.Thread], checks: list[Callable[[], bool]], stop: threading.Event,
                   started: float, bind: str) -> None:
    """Log READY once the demo threads are done and every service is settled twice in a row (a consumer may be
    about to write what another will read)."""
    for thread in demos:
        while thread.is_alive() and not stop.wait(0.5):
            pass
    calm = 0
    while calm < 2 and not stop.wait(0.5):
        calm = calm + 1 if all(check() for check in checks) else 0
    if not stop.is_set():
        log.info(READY.format(seconds=time.monotonic() - started, bind=bind))
