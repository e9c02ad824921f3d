"""Quality management systems (HTQLCL), their announcements and the yearly maintenance records."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import TimestampMixin, UtcDateTime
from kit.tenancy import TenantScoped
from registry.orm.base import Base


class QualitySystem(TenantScoped, TimestampMixin, Base):
    __tablename__ = "quality_systems"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agencies.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(32), index=True)
    standard_version: Mapped[str] = mapped_column(String(40), ForeignKey("standard_versions.code"))
    built_with: Mapped[str | None] = mapped_column(String(32))
    consultant_name: Mapped[str | None] = mapped_column(String(200))
    uses_framework_model: Mapped[bool] = mapped_column(Boolean, default=False)
    scope_description: Mapped[str | None] = mapped_column(Text)
    scope_tthc_count: Mapped[int | None] = mapped_column(Integer)
    internal_process_count: Mapped[int | None] = mapped_column(Integer)
    first_applied_on: Mapped[date | None] = mapped_column(Date)
    transition_completed_on: Mapped[date | None] = mapped_column(Date)
    status_since: Mapped[date] = mapped_column(Date)
    stop_reason: Mapped[str | None] = mapped_column(String(300))
    scope_change_reason: Mapped[str | None] = mapped_column(String(32))  # the last change of scope
    scope_changed_on: Mapped[date | None] = mapped_column(Date)


class StatusSpan(TenantScoped, TimestampMixin, Base):
    """The status and standard version a quality system had from `starts_on` (included) to `ends_before` (not
    included; None while it lasts): what the summary and the flags read as of a past date."""

    __tablename__ = "quality_system_history"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    quality_system_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("quality_systems.id"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agencies.id"), index=True)
    status: Mapped[str] = mapped_column(String(32))
    standard_version: Mapped[str] = mapped_column(String(40))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_before: Mapped[date | None] = mapped_column(Date)


class StepDateCorrection(TenantScoped, TimestampMixin, Base):
    """A step's date on record corrected: which step, the date it had and the right one, why, who and when."""

    __tablename__ = "quality_system_corrections"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    quality_system_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("quality_systems.id"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agencies.id"), index=True)
    step: Mapped[str] = mapped_column(String(32))
    old_date: Mapped[date] = mapped_column(Date)
    new_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(500))
    corrected_by: Mapped[str] = mapped_column(String(200))
    corrected_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Announcement(TenantScoped, TimestampMixin, Base):
    """A công bố (first) or công bố lại (re-announcement) decision of the agency's head."""

    __tablename__ = "announcements"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    quality_system_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("quality_systems.id"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agencies.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
    decision_no: Mapped[str] = mapped_column(String(100))
    decision_date: Mapped[date] = mapped_column(Date)
    signed_by: Mapped[str | None] = mapped_column(String(120))
    standard_version: Mapped[str] = mapped_column(String(40))
    scope_tthc_count: Mapped[int | None] = mapped_column(Integer)
    scope_description: Mapped[str | None] = mapped_column(Text)
    notified_on: Mapped[date | None] = mapped_column(Date)
    notification_doc_no: Mapped[str | None] = mapped_column(String(100))
    posted_on_website_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(32))
    received_by: Mapped[str | None] = mapped_column(String(120))
    received_on: Mapped[date | None] = mapped_column(Date)


class MaintenanceRecord(TenantScoped, TimestampMixin, Base):
    """Evidence of one upkeep activity (internal audit, management review...) in a year."""

    __tablename__ = "maintenance_records"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    quality_system_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("quality_systems.id"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agencies.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    activity_type: Mapped[str] = mapped_column(String(40), ForeignKey("maintenance_activity_types.code"))
    activity_date: Mapped[date] = mapped_column(Date)
    description: Mapped[str | None] = mapped_column(Text)
    nonconformities_found: Mapped[int | None] = mapped_column(Integer)
    evidence_refs: Mapped[list] = mapped_column(JSON, default=list)
