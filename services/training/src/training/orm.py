"""Tables of the training service: reference data, classes and their sessions, registrations, attendance,
certificates, on-site requests, and the local replica of registry agencies and ISO officers."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from kit.db import NAMING, TimestampMixin, UtcDateTime, utcnow
from kit.replicas import named_by
from kit.tenancy import TenantScoped


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Versioned:
    """A resource changed through PATCH or PUT: its `version`, raised by every change, is its ETag, and a change
    made from an older one is refused (kit.preconditions)."""

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    def changed(self) -> None:
        """Raise the version; the caller holds the row's lock."""
        self.version += 1


class CourseType(Base):
    """Reference data for every province: a course type, its names, and the ISO roles it trains for."""

    __tablename__ = "course_types"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    qualifies_roles: Mapped[list] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)


class DefaultSettings(Base):
    """The platform's defaults (one row, id 1); a province overrides them with `TenantSettings`."""

    __tablename__ = "default_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    completion_percent: Mapped[int] = mapped_column(Integer)
    season_start_month: Mapped[int] = mapped_column(Integer)
    season_end_month: Mapped[int] = mapped_column(Integer)
    certificate_format: Mapped[str] = mapped_column(String(100))


class Province(Base):
    """A province's name, from `registry.tenant.created` (platform-wide, names only): the issuer of its
    certificates and attendance sheets."""

    __tablename__ = "provinces"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class TenantSettings(Versioned, TenantScoped, TimestampMixin, Base):
    __tablename__ = "tenant_settings"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    completion_percent: Mapped[int] = mapped_column(Integer)
    season_start_month: Mapped[int] = mapped_column(Integer)
    season_end_month: Mapped[int] = mapped_column(Integer)
    certificate_format: Mapped[str] = mapped_column(String(100))
    __table_args__ = (UniqueConstraint("tenant_id"),)


class TrainingClass(Versioned, TenantScoped, TimestampMixin, Base):
    __tablename__ = "classes"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(300))
    course_type: Mapped[str] = mapped_column(String(64), ForeignKey("course_types.code"), index=True)
    audience: Mapped[list] = mapped_column(JSON, default=list)
    venue: Mapped[str] = mapped_column(String(300))
    capacity: Mapped[int] = mapped_column(Integer)
    provider: Mapped[str] = mapped_column(String(300))
    trainers: Mapped[list] = mapped_column(JSON, default=list)
    cost_estimate: Mapped[int] = mapped_column(Integer, default=0)
    cost_actual: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(32), index=True)
    status_reason: Mapped[str | None] = mapped_column(Text)
    on_site_agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    sessions: Mapped[list[ClassSession]] = relationship(order_by="ClassSession.starts_at", lazy="selectin",
                                                        cascade="all, delete-orphan")


class ClassSession(Versioned, TenantScoped, Base):
    """One session of a class; its version is that of its attendance list (PUT .../attendance)."""

    __tablename__ = "class_sessions"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    class_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("classes.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ends_at: Mapped[datetime] = mapped_column(UtcDateTime)
    topic: Mapped[str | None] = mapped_column(String(300))


class Registration(TenantScoped, TimestampMixin, Base):
    """A person nominated by an agency for a class: CONFIRMED, WAITLISTED (in `queue_no` order) or CANCELLED."""

    __tablename__ = "registrations"
    # A person is booked once per class: the use case checks under the class lock, this is the backstop.
    __table_args__ = (Index("uq_registrations_person_once", "tenant_id", "class_id", "person_id", unique=True,
                            postgresql_where=text("status <> 'CANCELLED'"),
                            sqlite_where=text("status <> 'CANCELLED'")),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    class_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("classes.id"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    person_id: Mapped[str] = mapped_column(String(64), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    position: Mapped[str | None] = mapped_column(String(200))
    qms_role: Mapped[str] = mapped_column(String(32))
    officer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    status: Mapped[str] = mapped_column(String(16), index=True)
    queue_no: Mapped[int] = mapped_column(Integer)
    nominated_by: Mapped[str] = mapped_column(String(200))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    completed: Mapped[bool | None] = mapped_column(Boolean)
    certificate_no: Mapped[str | None] = mapped_column(String(100))


class Attendance(TenantScoped, Base):
    __tablename__ = "attendance"

    registration_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("registrations.id"), primary_key=True)
    session_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("class_sessions.id"), primary_key=True)
    present: Mapped[bool] = mapped_column(Boolean)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class CertificateCounter(TenantScoped, Base):
    """The last certificate number of a province and year; its row is locked while a number is taken."""

    __tablename__ = "certificate_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Certificate(TenantScoped, Base):
    __tablename__ = "certificates"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    registration_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("registrations.id"), unique=True)
    class_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(100))
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    __table_args__ = (UniqueConstraint("tenant_id", "year", "seq", name="uq_certificates_year_seq"),
                      UniqueConstraint("tenant_id", "number", name="uq_certificates_number"))


class AgencyReplica(TenantScoped, Base):
    """What training knows of a registry agency, from its events (newest `version` wins). `successor_agency_id`:
    the agency it merged into, perhaps another province's (a succession): its people's training counts there.
    `ended_on`: its last day, once dissolved or merged (a record dated on or before it still names it)."""

    __tablename__ = "agencies"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(300))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    successor_agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    ended_on: Mapped[date | None] = mapped_column(Date)


OfAgency = named_by(AgencyReplica)


class OnSiteRequest(TenantScoped, TimestampMixin, OfAgency, Base):
    __tablename__ = "onsite_requests"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    course_type: Mapped[str] = mapped_column(String(64), ForeignKey("course_types.code"))
    participants: Mapped[int] = mapped_column(Integer)
    preferred_from: Mapped[date | None] = mapped_column(Date)
    preferred_to: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True)
    class_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    decline_reason: Mapped[str | None] = mapped_column(Text)
    requested_by: Mapped[str] = mapped_column(String(200))


class OfficerReplica(TenantScoped, Base):
    """A registry appointment to an ISO role (THU_KY_ISO, DAI_DIEN_LANH_DAO); `active` until removed."""

    __tablename__ = "officers"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    role: Mapped[str] = mapped_column(String(32))
    full_name: Mapped[str] = mapped_column(String(200))
    appointed_on: Mapped[date] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
