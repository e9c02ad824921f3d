"""The embedded mode: every service in this one process, SQLite files, events through an in-memory broker.

Each service is still its own Flask app behind the same gateway code; its outbox relay and its
consumer run as threads over the same outbox, inbox and handlers as in production.
"""

from __future__ import annotations

import logging
import threading

from flask import Flask

from gateway.app import create_app
from gateway.config import Settings
from gateway.devauth import DevIssuer
from gateway.proxy import WsgiUpstream
from kit import auth, embedded
from kit.memory import InMemoryBroker
from kit.service import load, service_names

log = logging.getLogger(__name__)


def build(settings: Settings, verifier: auth.TokenVerifier, issuer: DevIssuer | None, edge=None) -> Flask:
    """Build every service (migrated, demo data seeded), start their workers, return the gateway app."""
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    broker = InMemoryBroker()
    stop = threading.Event()
    upstreams = {}
    for name in service_names():
        service = embedded.build(load(name), settings.var_dir, verifier, broker)
        upstreams[name] = WsgiUpstream(service.app)
        for role, worker in service.workers.items():
            threading.Thread(target=worker, args=(stop,), name=f"{name}-{role}", daemon=True).start()
        log.info("embedded service %s ready", name)
    app = create_app(upstreams, verifier, issuer, settings.max_body_bytes, edge)
    app.extensions["embedded_stop"] = stop
    return app
