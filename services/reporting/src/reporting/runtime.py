"""Composition of reporting: engine, sessions, units of work, app, consumer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from flask import Flask
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from kit import auth, db, http, tenancy
from kit.consumer import ConsumerLoop
from kit.messaging import Consumer, Producer
from kit.relay import Relay
from kit.uow import InboxMark, Trace, UnitOfWork
from reporting import api, api_reports, consumers
from reporting.config import SERVICE

PREFIX = "/api/v1/reporting"


@dataclass
class Runtime:
    engine: Engine
    session_factory: sessionmaker = field(init=False)

    def __post_init__(self) -> None:
        self.session_factory = tenancy.install_tenant_filter(db.make_session_factory(self.engine))

    def uow(self, tenant, *, trace: Trace | None = None, inbox: InboxMark | None = None,
            cross_tenant: bool = False) -> UnitOfWork:
        return UnitOfWork(self.session_factory, tenant, source=f"/{SERVICE}", trace=trace or Trace(), inbox=inbox,
                          cross_tenant=cross_tenant)

    def uow_national(self, tenant) -> UnitOfWork:
        """Per province when given one; the cross-tenant reader of aggregates when `tenant` is None."""
        return self.uow(tenant, cross_tenant=tenant is None)

    def relay(self, producer: Producer) -> Relay:
        return Relay(self.session_factory, producer, service=SERVICE)

    def consumer_loop(self, consumer: Consumer, dead_letters: Producer, health_file: Path | None = None,
                      name: str = consumers.GROUP) -> ConsumerLoop:
        return ConsumerLoop(name=name, consumer=consumer, dead_letters=dead_letters, handlers=consumers.HANDLERS,
                            uow_factory=self.uow, health_file=health_file)


def create_app(runtime: Runtime, verifier: auth.TokenVerifier) -> Flask:
    spec = http.AppSpec(name=SERVICE, prefix=PREFIX, verifier=verifier, readiness=[db.ping(runtime.engine)])
    app, rest = http.create_app(spec)
    app.extensions[SERVICE] = runtime
    for blueprint in (api.blp, api_reports.blp):
        rest.register_blueprint(blueprint)
    return app
