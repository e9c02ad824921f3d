"""Provinces, agencies, their successions, ISO officers and the agency timeline."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Uuid, func, select
from sqlalchemy.orm import Mapped, column_property, mapped_column

from contracts.registry import AgencyStatus, Obligation
from kit.db import TimestampMixin, UtcDateTime, utcnow
from kit.tenancy import TenantScoped
from registry.model.tenants import TenantStatus
from registry.orm.base import Base
from registry.orm.reference import ObligationRule


class Tenant(TimestampMixin, Base):
    """A province using the platform. Not tenant-scoped: the row *is* the tenant."""

    __tablename__ = "tenants"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    official_code: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default=TenantStatus.ACTIVE.value)
    merged_into: Mapped[str | None] = mapped_column(String(64))


class Agency(TenantScoped, TimestampMixin, Base):
    __tablename__ = "agencies"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    tenant_id: Mapped[str] = mapped_column(String(64), ForeignKey("tenants.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    name: Mapped[str] = mapped_column(String(300))
    short_name: Mapped[str | None] = mapped_column(String(100))
    agency_type: Mapped[str] = mapped_column(String(32), index=True)
    admin_level: Mapped[str | None] = mapped_column(String(32))
    parent_agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("agencies.id"))
    location_unit_code: Mapped[str | None] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(32), default=AgencyStatus.HOAT_DONG.value, index=True)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    dissolution_decision: Mapped[str | None] = mapped_column(String(200))
    ma_dinh_danh: Mapped[str | None] = mapped_column(String(40))
    head_name: Mapped[str | None] = mapped_column(String(120))
    website_url: Mapped[str | None] = mapped_column(String(300))
    tthc_count: Mapped[int | None] = mapped_column(Integer)
    obligation_override: Mapped[str | None] = mapped_column(String(32))
    obligation_decision_no: Mapped[str | None] = mapped_column(String(100))
    obligation_decision_date: Mapped[date | None] = mapped_column(Date)

    # The provincial override when there is one, else the default of the agency type (law as data).
    # Not expired on flush: use cases that change the type or the override refresh it explicitly.
    obligation: Mapped[str] = column_property(func.coalesce(
        obligation_override,
        select(ObligationRule.obligation).where(ObligationRule.agency_type == agency_type).scalar_subquery(),
        Obligation.KHONG_AP_DUNG.value,
    ), expire_on_flush=False)


class AgencySuccession(TenantScoped, Base):
    """An agency that ceased (merged, renamed, split) and the agency that carries its work on."""

    __tablename__ = "agency_successions"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    predecessor_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agencies.id"), index=True)
    successor_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agencies.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    effective_date: Mapped[date] = mapped_column(Date)
    decision: Mapped[str | None] = mapped_column(String(200))


class AgencyOfficer(TenantScoped, TimestampMixin, Base):
    """One appointment of a person to an ISO role (thư ký ISO, đại diện lãnh đạo) in an agency."""

    __tablename__ = "agency_officers"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agencies.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))
    full_name: Mapped[str] = mapped_column(String(120))
    position: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(30))
    email: Mapped[str | None] = mapped_column(String(200))
    appointed_on: Mapped[date] = mapped_column(Date)
    appointment_decision: Mapped[str | None] = mapped_column(String(200))
    removed_on: Mapped[date | None] = mapped_column(Date)


class AgencyHistoryEntry(TenantScoped, Base):
    """One line of an agency's timeline, projected from the registry's own events."""

    __tablename__ = "agency_history"

    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_type: Mapped[str] = mapped_column(String(100))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    data: Mapped[dict] = mapped_column(JSON)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
