"""Composition of the training service: engine, sessions, units of work, app, relay and consumer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, g, request
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from kit import auth, db, http, tenancy
from kit.consumer import ConsumerLoop
from kit.messaging import Consumer, Producer
from kit.relay import Relay
from kit.uow import InboxMark, Trace, UnitOfWork
from training import api, consumers
from training.config import SERVICE

PREFIX = "/api/v1/training"


@dataclass
class Runtime:
    """Everything a training process needs, built once per process from a database URL."""

    engine: Engine
    session_factory: sessionmaker = field(init=False)

    def __post_init__(self) -> None:
        self.session_factory = tenancy.install_tenant_filter(db.make_session_factory(self.engine))

    def uow(self, tenant, *, trace: Trace | None = None, inbox: InboxMark | None = None,
            cross_tenant: bool = False) -> UnitOfWork:
        return UnitOfWork(self.session_factory, tenant, source=f"/{SERVICE}", trace=trace or _request_trace(),
                          inbox=inbox, cross_tenant=cross_tenant)

    def relay(self, producer: Producer) -> Relay:
        return Relay(self.session_factory, producer, service=SERVICE)

    def consumer_loop(self, consumer: Consumer, dead_letters: Producer, health_file: Path | None = None):
        return ConsumerLoop(name=consumers.GROUP, consumer=consumer,
                            dead_letters=consumers.OwnDeadLetters(dead_letters), handlers=consumers.HANDLERS,
                            uow_factory=self.uow, health_file=health_file)


def create_app(runtime: Runtime, verifier: auth.TokenVerifier) -> Flask:
    spec = http.AppSpec(name=SERVICE, prefix=PREFIX, verifier=verifier, readiness=[db.ping(runtime.engine)])
    app, rest = http.create_app(spec)
    app.extensions[SERVICE] = runtime
    for blueprint in api.BLUEPRINTS:
        rest.register_blueprint(blueprint)
    return app


def _request_trace() -> Trace:
    if not request:
        return Trace()
    return Trace(correlation_id=g.get("request_id"), traceparent=request.headers.get("traceparent"))
