"""Use cases of ISO officers: appointing a thư ký ISO or đại diện lãnh đạo, and ending an appointment."""

from __future__ import annotations

import uuid
from datetime import date

from contracts import registry as events
from kit.errors import Conflict, NotFound, RuleViolated
from kit.uow import UnitOfWork
from registry import lifecycle, repository
from registry.orm import AgencyOfficer


def appoint_officer(uow: UnitOfWork, agency_id: uuid.UUID, fields: dict) -> AgencyOfficer:
    """A new appointment to a role ends the current holder's on the same day (one holder per role)."""
    with uow:
        agency = repository.find_agency(uow.session, agency_id)
        if agency is None:
            raise NotFound(f"agency {agency_id} not found")
        lifecycle.check_agency_active(agency)
        for current in _current_holders(uow, agency_id, fields["role"]):
            _end(uow, current, fields["appointed_on"])
        officer = AgencyOfficer(id=uuid.uuid4(), agency_id=agency_id, **fields)
        uow.session.add(officer)
        uow.publish(events.OfficerAppointed(
            officer_id=officer.id, agency_id=agency_id, role=events.OfficerRole(officer.role),
            full_name=officer.full_name, position=officer.position, appointed_on=officer.appointed_on,
            appointed_at=uow.now()))
        uow.commit()
        return officer


def remove_officer(uow: UnitOfWork, agency_id: uuid.UUID, officer_id: uuid.UUID, *, removed_on: date):
    with uow:
        officer = repository.find_officer(uow.session, agency_id, officer_id)
        if officer is None:
            raise NotFound(f"officer {officer_id} not found")
        if officer.removed_on is not None:
            raise Conflict("Người này đã thôi nhiệm vụ / this appointment has already ended")
        if removed_on < officer.appointed_on:
            raise RuleViolated("Ngày thôi nhiệm vụ trước ngày được phân công / removed_on is before appointed_on")
        _end(uow, officer, removed_on)
        uow.commit()
        return officer


def list_officers(uow: UnitOfWork, agency_id: uuid.UUID) -> list[AgencyOfficer]:
    with uow:
        if repository.find_agency(uow.session, agency_id) is None:
            raise NotFound(f"agency {agency_id} not found")
        return repository.officers_of(uow.session, agency_id)


def _current_holders(uow: UnitOfWork, agency_id: uuid.UUID, role: str) -> list[AgencyOfficer]:
    return [o for o in repository.officers_of(uow.session, agency_id) if o.role == role and o.removed_on is None]


def _end(uow: UnitOfWork, officer: AgencyOfficer, on: date) -> None:
    officer.removed_on = max(on, officer.appointed_on)
    uow.publish(events.OfficerRemoved(officer_id=officer.id, agency_id=officer.agency_id,
                                      role=events.OfficerRole(officer.role), removed_on=officer.removed_on,
                                      removed_at=uow.now()))
