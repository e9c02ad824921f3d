"""Composition of reporting: kit's service runtime with the read-model handlers and the report routes."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask
from sqlalchemy import Engine

from kit import auth, service
from kit.uow import UnitOfWork
from reporting import api, api_reports, consumers
from reporting.config import SERVICE


class Runtime(service.Runtime):
    def __init__(self, engine: Engine, lag: Callable[[], dict[str, int]] | None = None):
        # Projections are rebuilt from events; the events are their audit trail, so no row-level audit here.
        super().__init__(SERVICE, engine, consumers.HANDLERS, consumers.GROUP, audited=False, lag=lag)

    def uow_national(self, tenant) -> UnitOfWork:
        """Per province when given one; the cross-tenant reader of aggregates when `tenant` is None."""
        return self.uow(tenant, cross_tenant=tenant is None)


def create_app(runtime: Runtime, verifier: auth.TokenVerifier) -> Flask:
    app = service.create_app(runtime, verifier, (api.blp, api_reports.blp))
    app.extensions["reporting_lag"] = runtime.lag
    return app
