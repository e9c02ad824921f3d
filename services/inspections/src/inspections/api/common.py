"""What every route needs: the request's unit of work, the acting principal, the role groups."""

from __future__ import annotations

from flask import current_app, g

from inspections.model import Actor
from kit.uow import UnitOfWork

PREFIX = "/api/v1/inspections"
READERS = ("province_admin", "province_officer", "province_leader", "inspector", "agency_officer")
MANAGERS = ("province_admin", "province_officer")
WORKERS = (*MANAGERS, "inspector")


def uow() -> UnitOfWork:
    """The request's unit of work, bound to the caller's province."""
    return current_app.extensions["inspections"].uow(g.principal.tenant)


def actor() -> Actor:
    principal = g.principal
    return Actor(subject=principal.subject, roles=principal.roles, agency_id=principal.agency_id)
