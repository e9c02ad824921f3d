"""Composition of the budget service: engine, sessions, units of work, app, relay and consumer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask, g, request
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from budget import api, api_norms, api_reports, consumers
from budget.config import SERVICE
from kit import auth, db, http, tenancy
from kit.consumer import ConsumerLoop
from kit.messaging import Consumer, Producer
from kit.relay import Relay
from kit.uow import InboxMark, Trace, UnitOfWork

PREFIX = "/api/v1/budget"
# Cost norms are shared by every province. A platform admin has no province, so reference use cases bind
# their session to this marker: it is not a valid province slug, so no province's rows can ever match it.
REFERENCE = tenancy.TenantId("-reference-")


@dataclass
class Runtime:
    """Everything a budget process needs, built once per process from a database URL."""

    engine: Engine
    session_factory: sessionmaker = field(init=False)

    def __post_init__(self) -> None:
        self.session_factory = tenancy.install_tenant_filter(db.make_session_factory(self.engine))

    def uow(self, tenant, *, trace: Trace | None = None, inbox: InboxMark | None = None) -> UnitOfWork:
        return UnitOfWork(self.session_factory, tenant, source=f"/{SERVICE}", trace=trace or _request_trace(),
                          inbox=inbox)

    def reference_uow(self) -> UnitOfWork:
        return self.uow(REFERENCE)

    def relay(self, producer: Producer) -> Relay:
        return Relay(self.session_factory, producer, service=SERVICE)

    def consumer_loop(self, consumer: Consumer, dead_letters: Producer, health_file: Path | None = None):
        return ConsumerLoop(name=consumers.GROUP, consumer=consumer, handlers=consumers.HANDLERS,
                            dead_letters=consumers.OwnDeadLetters(dead_letters), uow_factory=self.uow,
                            health_file=health_file)


def create_app(runtime: Runtime, verifier: auth.TokenVerifier) -> Flask:
    spec = http.AppSpec(name=SERVICE, prefix=PREFIX, verifier=verifier, readiness=[db.ping(runtime.engine)])
    app, rest = http.create_app(spec)
    app.extensions[SERVICE] = runtime
    for blueprint in (api.blp, api_norms.blp, api_reports.blp):
        rest.register_blueprint(blueprint)
    return app


def _request_trace() -> Trace:
    if not request:
        return Trace()
    return Trace(correlation_id=g.get("request_id"), traceparent=request.headers.get("traceparent"))
