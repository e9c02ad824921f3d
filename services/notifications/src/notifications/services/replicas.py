"""The service's copies of the registry's facts, kept from its events: the province, its agencies, their quality
systems' statuses, their ISO officers (with their e-mail) and their upkeep records. Every event may come late,
twice or out of order: a copy moves only forward (kit.replicas), a record is written once."""

from __future__ import annotations

import uuid
from datetime import date

from kit.replicas import upsert_newest
from kit.uow import UnitOfWork
from notifications import repository
from notifications.orm import Agency, Officer, Province, QualitySystem, UpkeepRecord


def record_province(uow: UnitOfWork, name: str | None = None) -> None:
    """Inside an open unit of work: the unit's province is known to the scheduler (with its name, once told)."""
    province = repository.find_province(uow.session, uow.tenant)
    if province is None:
        uow.session.add(Province(tenant=uow.tenant, name=name))
    elif name:
        province.name = name


def record_tenant(uow: UnitOfWork, name: str) -> None:
    with uow:
        record_province(uow, name)
        uow.commit()


def record_agency(uow: UnitOfWork, *, agency_id: uuid.UUID, version: int, name: str | None = None,
                  active: bool = True) -> None:
    """Keep the newest version of the agency; an event without a name (its end) keeps the copy's."""
    with uow:
        record_province(uow)
        named = {"name": name} if name else {}
        upsert_newest(uow.session, Agency, {"id": agency_id}, version, {"active": active, **named},
                      defaults={"name": str(agency_id)})
        uow.commit()


def record_quality_system(uow: UnitOfWork, *, quality_system_id: uuid.UUID, agency_id: uuid.UUID, version: int,
                          status: str) -> None:
    with uow:
        record_province(uow)
        upsert_newest(uow.session, QualitySystem, {"id": quality_system_id}, version,
                      {"agency_id": agency_id, "status": status})
        uow.commit()


def appoint(uow: UnitOfWork, *, officer_id: uuid.UUID, agency_id: uuid.UUID, role: str, full_name: str,
            email: str | None, appointed_on: date) -> None:
    """An appointment; its removal, when it came first, stays."""
    with uow:
        record_province(uow)
        officer = repository.find_officer(uow.session, officer_id)
        if officer is None:
            officer = Officer(id=officer_id, agency_id=agency_id, role=role)
            uow.session.add(officer)
        officer.full_name, officer.email, officer.appointed_on = full_name, email or None, appointed_on
        uow.commit()


def remove(uow: UnitOfWork, *, officer_id: uuid.UUID, agency_id: uuid.UUID, role: str, removed_on: date) -> None:
    with uow:
        record_province(uow)
        officer = repository.find_officer(uow.session, officer_id)
        if officer is None:
            uow.session.add(Officer(id=officer_id, agency_id=agency_id, role=role, removed_on=removed_on))
        else:
            officer.removed_on = removed_on
        uow.commit()


def record_upkeep(uow: UnitOfWork, *, record_id: uuid.UUID, agency_id: uuid.UUID, year: int, activity_type: str,
                  activity_date: date, upkeep_completed_on: date | None) -> None:
    with uow:
        record_province(uow)
        if repository.find_upkeep_record(uow.session, record_id) is None:
            uow.session.add(UpkeepRecord(id=record_id, agency_id=agency_id, year=year, activity_type=activity_type,
                                         activity_date=activity_date, upkeep_completed_on=upkeep_completed_on))
        uow.commit()
