"""Composition of the budget service: kit's service runtime with its handlers and blueprints."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from budget import api, api_norms, api_reports, consumers
from budget.config import SERVICE
from kit import auth, service
from kit.uow import UnitOfWork


class Runtime(service.Runtime):
    def __init__(self, engine: Engine):
        super().__init__(SERVICE, engine, consumers.HANDLERS, consumers.GROUP)

    def reference_uow(self) -> UnitOfWork:
        """Cost norms are platform-wide reference data, bound to no province (the listed escape hatch)."""
        return self.uow(None, cross_tenant=True)


def create_app(runtime: Runtime, verifier: auth.TokenVerifier) -> Flask:
    return service.create_app(runtime, verifier, (api.blp, api_norms.blp, api_reports.blp))
