"""Tables of the registry. The service is CRUD-shaped so far: declarative models used by services.py."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Integer, MetaData, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kit.db import NAMING, TimestampMixin, UtcDateTime, utcnow
from kit.tenancy import TenantScoped


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Tenant(TimestampMixin, Base):
    """A province using the platform. Not tenant-scoped: the row *is* the tenant."""

    __tablename__ = "tenants"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    official_code: Mapped[str | None] = mapped_column(String(8))


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
    status: Mapped[str] = mapped_column(String(32), default="HOAT_DONG", index=True)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    dissolution_decision: Mapped[str | None] = mapped_column(String(200))


class AgencyHistoryEntry(TenantScoped, Base):
    """One line of an agency's timeline, projected from the registry's own events."""

    __tablename__ = "agency_history"

    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_type: Mapped[str] = mapped_column(String(100))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    data: Mapped[dict] = mapped_column(JSON)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
