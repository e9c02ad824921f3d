"""Composition of the budget service: kit's service runtime with its handlers and blueprints."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Engine

from budget import api, api_norms, api_reports, consumers
from budget.config import SERVICE
from kit import auth, service, tenancy
from kit.uow import UnitOfWork

# Reference data (cost norms) is read through a session bound to this marker: it is not a province slug, so no
# province's rows can ever match it, and no cross-tenant escape hatch is needed.
REFERENCE = tenancy.TenantId("-reference-")


class Runtime(service.Runtime):
    def __init__(self, engine: Engine):
        super().__init__(SERVICE, engine, consumers.HANDLERS, consumers.GROUP)

    def reference_uow(self) -> UnitOfWork:
        return self.uow(REFERENCE)


def create_app(runtime: Runtime, verifier: auth.TokenVerifier) -> Flask:
    return service.create_app(runtime, verifier, (api.blp, api_norms.blp, api_reports.blp))
