"""Queries of the registry. The session is tenant-bound, so every query here sees one province."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from registry.orm import Agency, AgencyHistoryEntry, Tenant


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
