"""The registry replica (agencies, ISO officers) and the compliance indicator built on it: agencies whose
current ISO secretary or management representative has not completed a class of a course type that trains
for that role (course_types.qualifies_roles).

A completion counts for the officer it was made for (`officer_id`) or, the replica knowing no person id, for the
same name in the same agency, the agencies merged into it included (`successor_agency_id`, followed to the end):
training follows the person to the successor agency. Read with a lineage unit of work, that includes the
predecessor provinces' agencies and completions (issue 19, item 4); the officers and agencies counted stay the
province's own."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from contracts.registry import OfficerRole
from kit import calendar
from kit.errors import RuleViolated
from kit.replicas import upsert_newest
from kit.uow import UnitOfWork
from training import repository
from training.orm import AgencyReplica, OfficerReplica

ROLES = (OfficerRole.THU_KY_ISO, OfficerRole.DAI_DIEN_LANH_DAO)


@dataclass
class AgencyGap:
    agency_id: uuid.UUID
    agency_name: str | None
    officers: list[dict] = field(default_factory=list)


@dataclass
class Indicator:
    officers: int
    untrained_officers: int
    agencies_with_officers: int
    non_compliant_agencies: int
    untrained_by_role: dict
    vacant_by_role: dict
    agencies: list[AgencyGap]


def record_agency(uow: UnitOfWork, agency_id: uuid.UUID, version: int, *, name: str | None = None,
                  active: bool = True, ended_on: date | None = None) -> None:
    """Apply a registry agency event unless a newer version is already known."""
    values = {"active": active, **({"name": name} if name else {}), **({"ended_on": ended_on} if ended_on else {})}
    with uow:
        upsert_newest(uow.session, AgencyReplica, {"id": agency_id}, version, values, defaults={"name": name})
        uow.commit()


def ensure_known_agency(uow: UnitOfWork, agency_id: uuid.UUID) -> None:
    """Refuse an agency this province's replica does not hold (another province's, or an invented id) or holds as
    dissolved or merged before the record's business day (a record dated on or before an agency's last day, entered
    later, still names it): people are nominated, and training asked for, by the province's agencies only. Call it
    in an open unit of work. An agency just registered is known once the registry's event has arrived."""
    agency = uow.session.get(AgencyReplica, agency_id)
    if agency is None:
        raise RuleViolated("unknown_agency", agency_id=agency_id)
    if not agency.active and (agency.ended_on is None or agency.ended_on < calendar.day_of(uow.now())):
        raise RuleViolated("agency_gone")


def record_appointment(uow: UnitOfWork, *, officer_id: uuid.UUID, agency_id: uuid.UUID, role: str,
                       full_name: str, appointed_on: date) -> None:
    with uow:
        if uow.session.get(OfficerReplica, officer_id) is None:
            uow.session.add(OfficerReplica(id=officer_id, agency_id=agency_id, role=role, full_name=full_name,
                                           appointed_on=appointed_on, active=True))
        uow.commit()


def record_removal(uow: UnitOfWork, officer_id: uuid.UUID) -> None:
    with uow:
        officer = uow.session.get(OfficerReplica, officer_id)
        if officer is not None:
            officer.active = False
        uow.commit()


def indicator(uow: UnitOfWork, agency_id: uuid.UUID | None = None) -> Indicator:
    with uow:
        qualifying = _qualifying(uow)
        latest = _latest(repository.agency_successors(uow.session))
        done = _trained_keys(uow, qualifying, latest)
        rows = repository.active_officers(uow.session, ROLES, agency_id)
        known = set(repository.active_agency_ids(uow.session, agency_id))
    gaps: dict[uuid.UUID, AgencyGap] = {}
    agencies, by_role = set(), defaultdict(int)
    for officer, agency_name in rows:
        agencies.add(officer.agency_id)
        if not _is_trained(officer, done, latest):
            by_role[officer.role] += 1
            gap = gaps.setdefault(officer.agency_id, AgencyGap(officer.agency_id, agency_name))
            gap.officers.append({"officer_id": officer.id, "full_name": officer.full_name, "role": officer.role,
                                 "appointed_on": officer.appointed_on})
    return Indicator(officers=len(rows), untrained_officers=sum(by_role.values()),
                     agencies_with_officers=len(agencies), non_compliant_agencies=len(gaps),
                     untrained_by_role={role: by_role.get(role, 0) for role in ROLES},
                     vacant_by_role=_vacancies(known, rows),
                     agencies=sorted(gaps.values(), key=lambda g: (g.agency_name or "", str(g.agency_id))))


def _vacancies(known: set, rows: list) -> dict[str, int]:
    """Per role, the known active agencies with nobody currently appointed to it."""
    held = defaultdict(set)
    for officer, _ in rows:
        held[officer.role].add(officer.agency_id)
    return {role: len(known - held[role]) for role in ROLES}


def _qualifying(uow: UnitOfWork) -> dict[str, set[str]]:
    """{role: course types that train for it}, from the reference data."""
    found = defaultdict(set)
    for course in repository.list_course_types(uow.session):
        for role in course.qualifies_roles:
            found[role].add(course.code)
    return found


def _latest(successors: dict[uuid.UUID, uuid.UUID]) -> Callable[[uuid.UUID], uuid.UUID]:
    """The agency an agency's line of mergers ends in today (itself if it never merged)."""
    def latest(agency_id: uuid.UUID) -> uuid.UUID:
        seen = {agency_id}
        while (agency_id := successors.get(agency_id, agency_id)) not in seen:
            seen.add(agency_id)
        return agency_id
    return latest


def _trained_keys(uow: UnitOfWork, qualifying: dict[str, set[str]], latest) -> set[tuple]:
    """(role, officer_id) and (role, latest agency, name) for every completion that counts for the role."""
    keys = set()
    all_types = sorted(set().union(*qualifying.values())) if qualifying else []
    for registration, course_type in repository.completions(uow.session, all_types):
        for role, types in qualifying.items():
            if course_type in types:
                keys.add((role, registration.officer_id))
                keys.add((role, latest(registration.agency_id), _name(registration.full_name)))
    return keys


def _is_trained(officer: OfficerReplica, done: set[tuple], latest) -> bool:
    return ((officer.role, officer.id) in done
            or (officer.role, latest(officer.agency_id), _name(officer.full_name)) in done)


def _name(full_name: str) -> str:
    return " ".join(full_name.casefold().split())
