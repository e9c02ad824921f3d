"""Queries of the registry. The session is tenant-bound, so every query here sees one province."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.orm import (
    Agency,
    AgencyHistoryEntry,
    AgencyOfficer,
    AgencySuccession,
    Announcement,
    MaintenanceActivityType,
    MaintenanceRecord,
    QualitySystem,
    StandardVersion,
    Tenant,
)


@dataclass(frozen=True)
class AgencyFilter:
    agency_type: str | None = None
    status: str | None = None
    admin_level: str | None = None
    parent_agency_id: uuid.UUID | None = None
    q: str | None = None
    only_agency_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Page:
    items: list
    total: int
    page: int
    page_size: int


def find_agency(session: Session, agency_id: uuid.UUID) -> Agency | None:
    return session.scalars(select(Agency).where(Agency.id == agency_id)).first()


def list_agencies(session: Session, where: AgencyFilter, page: int, page_size: int) -> Page:
    query = select(Agency)
    for column in ("agency_type", "status", "admin_level", "parent_agency_id"):
        if getattr(where, column) is not None:
            query = query.where(getattr(Agency, column) == getattr(where, column))
    if where.only_agency_id is not None:
        query = query.where(Agency.id == where.only_agency_id)
    if where.q:
        query = query.where(func.lower(Agency.name).contains(where.q.lower(), autoescape=True))
    total = session.execute(select(func.count()).select_from(query.subquery())).scalar_one()
    rows = session.scalars(query.order_by(Agency.name, Agency.id).offset((page - 1) * page_size).limit(page_size))
    return Page(list(rows), total, page, page_size)


def find_tenant(session: Session, tenant_id: str) -> Tenant | None:
    return session.get(Tenant, tenant_id)


def list_tenants(session: Session) -> list[Tenant]:
    return list(session.scalars(select(Tenant).order_by(Tenant.id)))


def agency_history(session: Session, agency_id: uuid.UUID) -> list[AgencyHistoryEntry]:
    query = select(AgencyHistoryEntry).where(AgencyHistoryEntry.agency_id == agency_id)
    return list(session.scalars(query.order_by(AgencyHistoryEntry.version)))


def current_quality_system(session: Session, agency_id: uuid.UUID) -> QualitySystem | None:
    query = select(QualitySystem).where(QualitySystem.agency_id == agency_id, QualitySystem.status != "NGUNG_AP_DUNG")
    return session.scalars(query.order_by(QualitySystem.created_at.desc())).first()


def find_standard(session: Session, code: str) -> StandardVersion | None:
    return session.get(StandardVersion, code)


def activity_types_on_record(session: Session, quality_system_id: uuid.UUID, until: date) -> set[str]:
    query = select(MaintenanceRecord.activity_type).where(
        MaintenanceRecord.quality_system_id == quality_system_id, MaintenanceRecord.activity_date <= until)
    return set(session.scalars(query))


def announcements_of(session: Session, agency_id: uuid.UUID) -> list[Announcement]:
    query = select(Announcement).where(Announcement.agency_id == agency_id)
    return list(session.scalars(query.order_by(Announcement.decision_date, Announcement.created_at)))


def find_announcement(session: Session, announcement_id: uuid.UUID) -> Announcement | None:
    return session.scalars(select(Announcement).where(Announcement.id == announcement_id)).first()


def maintenance_of(session: Session, agency_id: uuid.UUID, year: int | None) -> list[MaintenanceRecord]:
    query = select(MaintenanceRecord).where(MaintenanceRecord.agency_id == agency_id)
    if year is not None:
        query = query.where(MaintenanceRecord.year == year)
    return list(session.scalars(query.order_by(MaintenanceRecord.activity_date)))


def officers_of(session: Session, agency_id: uuid.UUID) -> list[AgencyOfficer]:
    query = select(AgencyOfficer).where(AgencyOfficer.agency_id == agency_id)
    return list(session.scalars(query.order_by(AgencyOfficer.appointed_on, AgencyOfficer.created_at)))


def find_officer(session: Session, agency_id: uuid.UUID, officer_id: uuid.UUID) -> AgencyOfficer | None:
    query = select(AgencyOfficer).where(AgencyOfficer.agency_id == agency_id, AgencyOfficer.id == officer_id)
    return session.scalars(query).first()


def is_activity_type(session: Session, code: str) -> bool:
    return session.get(MaintenanceActivityType, code) is not None


def successions(session: Session, agency_id: uuid.UUID) -> dict:
    query = select(AgencySuccession)
    rows = session.scalars(query.where((AgencySuccession.predecessor_id == agency_id)
                                       | (AgencySuccession.successor_id == agency_id)))
    rows = list(rows)
    return {"predecessors": [r for r in rows if r.successor_id == agency_id],
            "successors": [r for r in rows if r.predecessor_id == agency_id]}
