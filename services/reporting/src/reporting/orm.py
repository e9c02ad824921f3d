"""Read models, each built only from events and keyed so a replay overwrites instead of adding.

Every projection row carries the `version` of the event that wrote it (the version guard: an older or equal
version never overwrites a newer one), so duplicates and replays leave the read model unchanged.
"""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, Integer, MetaData, String, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kit.db import NAMING
from kit.tenancy import TenantScoped


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class AgencyView(TenantScoped, Base):
    __tablename__ = "agencies"

    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    agency_type: Mapped[str] = mapped_column(String(32))
    admin_level: Mapped[str | None] = mapped_column(String(32))
    obligation: Mapped[str | None] = mapped_column(String(32))
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)


class QualitySystemStatusView(TenantScoped, Base):
    """Every status a quality system went through, so figures can be computed as of any date."""

    __tablename__ = "quality_system_statuses"

    quality_system_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    status: Mapped[str] = mapped_column(String(32))
    standard_version: Mapped[str] = mapped_column(String(40))
    changed_on: Mapped[date] = mapped_column(Date)


class AnnouncementView(TenantScoped, Base):
    __tablename__ = "announcements"

    announcement_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
    decision_date: Mapped[date] = mapped_column(Date)
    standard_version: Mapped[str] = mapped_column(String(40))


class OfficerView(TenantScoped, Base):
    __tablename__ = "officers"

    officer_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    role: Mapped[str] = mapped_column(String(32))
    appointed_on: Mapped[date] = mapped_column(Date)
    removed_on: Mapped[date | None] = mapped_column(Date)


class InspectionView(TenantScoped, Base):
    __tablename__ = "inspections"

    inspection_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    plan_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    form: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    scheduled_on: Mapped[date | None] = mapped_column(Date)
    concluded_on: Mapped[date | None] = mapped_column(Date)
    overall_result: Mapped[str | None] = mapped_column(String(32))
