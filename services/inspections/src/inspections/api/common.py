"""What every route needs: the request's unit of work, the acting principal, the role groups."""

from __future__ import annotations

from flask import g

from inspections.model import Actor
from kit import routes

PREFIX = "/api/v1/inspections"
READERS = ("province_admin", "province_officer", "province_leader", "inspector", "agency_officer")
MANAGERS = ("province_admin", "province_officer")
WORKERS = (*MANAGERS, "inspector")


uow = routes.uow


def actor() -> Actor:
    principal = g.principal
    return Actor(subject=principal.subject, roles=principal.roles, agency_id=principal.agency_id)
