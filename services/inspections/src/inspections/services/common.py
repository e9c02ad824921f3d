"""Helpers the use cases share: loading what the caller may see, and the team check."""

from __future__ import annotations

import uuid

from inspections import model, orm, repository
from kit.errors import RuleViolated
from kit.uow import UnitOfWork

KINDS = {orm.Plan: "plan", orm.Team: "team", orm.Inspection: "inspection", orm.Recommendation: "recommendation"}


def load(uow: UnitOfWork, cls: type, object_id: uuid.UUID):
    found = repository.get(uow.session, cls, object_id)
    if found is None:
        raise model.not_found(KINDS[cls], object_id)
    return found


def visible(uow: UnitOfWork, actor: model.Actor, cls: type, object_id: uuid.UUID):
    """The object, unless it belongs to another agency and the caller is that agency's officer only (404)."""
    found = load(uow, cls, object_id)
    scope = agency_scope(actor)
    if scope is not None and found.agency_id != scope:
        raise model.not_found(KINDS[cls], object_id)
    return found


def agency_scope(actor: model.Actor) -> uuid.UUID | None:
    """None for province roles; the caller's own agency for an agency officer (all-zero when the claim is absent)."""
    if actor.roles & {"province_admin", "province_officer", "province_leader", "inspector"}:
        return None
    try:
        return uuid.UUID(actor.agency_id) if actor.agency_id else uuid.UUID(int=0)
    except ValueError:
        return uuid.UUID(int=0)


def check_team(uow: UnitOfWork, actor: model.Actor, inspection: orm.Inspection) -> None:
    model.ensure_on_team(actor, repository.team_subjects(uow.session, inspection.plan_id, inspection.team_id))


def active_agency(uow: UnitOfWork, agency_id: uuid.UUID) -> orm.Agency:
    agency = repository.get(uow.session, orm.Agency, agency_id)
    if agency is None or agency.status != "HOAT_DONG":
        raise RuleViolated(f"agency {agency_id} is not an active agency of this province (registry replica)")
    return agency
