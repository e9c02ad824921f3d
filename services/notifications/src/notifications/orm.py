"""Tables of the notifications service: the provinces it heard of, copies of the registry's facts, the
provinces' settings, the notices, their deliveries with the send log, who read which notice in the app, and the
calendar tokens."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kit.db import NAMING, UtcDateTime, utcnow
from kit.tenancy import TenantScoped


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Province(Base):
    """A province this service has had an event of: the scheduler visits each in its own unit of work, so it
    never reads across provinces. Only slugs and names, which are not a province's data."""

    __tablename__ = "provinces"

    tenant: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(300))
    first_seen: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ProvinceSetting(TenantScoped, Base):
    """The province's deadline and reminders (model.schedule.ProvinceRules); none: the defaults."""

    __tablename__ = "province_settings"
    __table_args__ = (UniqueConstraint("tenant_id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    version: Mapped[int] = mapped_column(Integer, default=1)
    deadline_month: Mapped[int] = mapped_column(Integer)
    deadline_day: Mapped[int] = mapped_column(Integer)
    lead_days: Mapped[str] = mapped_column(String(100))  # "30,7,1"
    send_hour: Mapped[int] = mapped_column(Integer)
    updated_by: Mapped[str | None] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


# Copies of the registry's facts, fed by its events.

class Agency(TenantScoped, Base):
    __tablename__ = "agencies"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class QualitySystem(TenantScoped, Base):
    __tablename__ = "quality_systems"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(32))


class Officer(TenantScoped, Base):
    """One appointment to an ISO role; `removed_on` once it ended."""

    __tablename__ = "officers"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    role: Mapped[str] = mapped_column(String(32))
    full_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    appointed_on: Mapped[date | None] = mapped_column(Date)
    removed_on: Mapped[date | None] = mapped_column(Date)


class UpkeepRecord(TenantScoped, Base):
    """One upkeep activity on record (registry.maintenance.recorded)."""

    __tablename__ = "upkeep_records"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    year: Mapped[int] = mapped_column(Integer)
    activity_type: Mapped[str] = mapped_column(String(40))
    activity_date: Mapped[date] = mapped_column(Date)
    upkeep_completed_on: Mapped[date | None] = mapped_column(Date)


# What the service produced.

class Notice(TenantScoped, Base):
    """One reminder of one agency's deadline: at most one per kind, agency, year and lead time."""

    __tablename__ = "notices"
    __table_args__ = (UniqueConstraint("tenant_id", "kind", "agency_id", "year", "lead_days"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    kind: Mapped[str] = mapped_column(String(40))
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    agency_name: Mapped[str] = mapped_column(String(300))
    year: Mapped[int] = mapped_column(Integer)
    lead_days: Mapped[int] = mapped_column(Integer)
    deadline: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Delivery(TenantScoped, Base):
    """One e-mail of a notice to one recipient (model.deliveries says how it moves)."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("notice_id", "recipient"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    notice_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("notices.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(200))
    recipient_name: Mapped[str | None] = mapped_column(String(200))
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))


class SendLog(TenantScoped, Base):
    """What happened to a delivery, in order: written before the send (its own commit) and after it."""

    __tablename__ = "send_log"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    delivery_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("deliveries.id"), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    step: Mapped[str] = mapped_column(String(20))
    smtp_code: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class NoticeRead(TenantScoped, Base):
    """A person read a notice in the app (their token's `sub`); no row: unread."""

    __tablename__ = "notice_reads"

    notice_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("notices.id"), primary_key=True)
    subject: Mapped[str] = mapped_column(String(120), primary_key=True)
    read_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class CalendarToken(TenantScoped, Base):
    """A person's secret calendar URL: the token's hash, the agencies its feed covers (`agency_id` None: the
    whole province), and when it was revoked."""

    __tablename__ = "calendar_tokens"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    subject: Mapped[str] = mapped_column(String(120), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
