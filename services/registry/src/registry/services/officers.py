"""Use cases of ISO officers: appointing a thư ký ISO or đại diện lãnh đạo, and ending an appointment."""

from __future__ import annotations

import uuid
from datetime import date

from contracts import registry as events
from kit.errors import NotFound
from kit.uow import UnitOfWork
from registry import repository
from registry.model import officers as rules
from registry.model.quality_system import check_agency_active
from registry.orm import AgencyOfficer

# What an appointment carried into a continuing agency's new entry keeps (the person, the role, how to reach them).
CARRIED = ("role", "full_name", "position", "phone", "email", "appointment_decision")


def appoint_officer(uow: UnitOfWork, agency_id: uuid.UUID, fields: dict) -> AgencyOfficer:
    """A new appointment to a role ends the current holder's on the same day (one holder per role)."""
    with uow:
        agency = repository.find_agency(uow.session, agency_id, lock=True)  # its holders stay as read until commit
        if agency is None:
            raise NotFound("agency_not_found", agency_id=agency_id)
        check_agency_active(agency)
        for current in rules.current_holders(repository.officers_of(uow.session, agency_id), fields["role"]):
            _end(uow, current, fields["appointed_on"])
        officer = _appoint(uow, agency_id, fields)
        uow.commit()
        return officer


def current_officers(uow: UnitOfWork, agency_id: uuid.UUID) -> list[AgencyOfficer]:
    """Inside an open unit of work: the agency's appointments not ended."""
    return [officer for officer in repository.officers_of(uow.session, agency_id) if officer.removed_on is None]


def carry_over(uow: UnitOfWork, officers: list[AgencyOfficer], agency_id: uuid.UUID, *, on: date) -> None:
    """Inside an open unit of work: the people who held an ISO role in an agency's old entry (a province
    succession's `continue`) hold it in its new entry `agency_id` from `on` (or from their own appointment, if
    later). A person already appointed there to the same role is not appointed again: a resumed step."""
    there = {(officer.role, officer.full_name) for officer in repository.officers_of(uow.session, agency_id)}
    for officer in officers:
        if (officer.role, officer.full_name) not in there:
            _appoint(uow, agency_id, {name: getattr(officer, name) for name in CARRIED}
                     | {"appointed_on": max(on, officer.appointed_on)})


def end_all(uow: UnitOfWork, agency_id: uuid.UUID, *, on: date) -> None:
    """Inside an open unit of work: every current appointment of the agency ends `on` (its last day)."""
    for officer in current_officers(uow, agency_id):
        _end(uow, officer, on)


def remove_officer(uow: UnitOfWork, agency_id: uuid.UUID, officer_id: uuid.UUID, *, removed_on: date):
    with uow:
        repository.find_agency(uow.session, agency_id, lock=True)  # two removals of one appointment serialize
        officer = repository.find_officer(uow.session, agency_id, officer_id)
        if officer is None:
            raise NotFound("officer_not_found", officer_id=officer_id)
        rules.ensure_removable(officer, removed_on)
        _end(uow, officer, removed_on)
        uow.commit()
        return officer


def list_officers(uow: UnitOfWork, agency_id: uuid.UUID) -> list[AgencyOfficer]:
    with uow:
        if repository.find_agency(uow.session, agency_id) is None:
            raise NotFound("agency_not_found", agency_id=agency_id)
        return repository.officers_of(uow.session, agency_id)


def _appoint(uow: UnitOfWork, agency_id: uuid.UUID, fields: dict) -> AgencyOfficer:
    officer = AgencyOfficer(id=uuid.uuid4(), agency_id=agency_id, **fields)
    uow.session.add(officer)
    uow.publish(events.OfficerAppointed(
        officer_id=officer.id, agency_id=agency_id, role=events.OfficerRole(officer.role),
        full_name=officer.full_name, position=officer.position, appointed_on=officer.appointed_on,
        appointed_at=uow.now(), email=officer.email))
    return officer


def _end(uow: UnitOfWork, officer: AgencyOfficer, on: date) -> None:
    officer.removed_on = rules.end_date(officer, on)
    uow.publish(events.OfficerRemoved(officer_id=officer.id, agency_id=officer.agency_id,
                                      role=events.OfficerRole(officer.role), removed_on=officer.removed_on,
                                      removed_at=uow.now()))
