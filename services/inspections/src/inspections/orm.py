"""Tables of the inspections service: declarative models used by the use cases, rules in model/."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, MetaData, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from contracts.inspections import CoverageBasis
from contracts.registry import AgencyStatus
from kit.attachments import StoredFile
from kit.db import NAMING, TimestampMixin, UtcDateTime
from kit.replicas import named_by
from kit.tenancy import TenantScoped


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# Reference data (law as data): shared by every province, seeded by migration, each row with its legal basis.

class Criterion(Base):
    """One line of the checklist library (DOMAIN.md 6.3 ChecklistCriterion)."""

    __tablename__ = "criteria"

    code: Mapped[str] = mapped_column(String(16), primary_key=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    weight: Mapped[int] = mapped_column(Integer)
    legal_basis: Mapped[str] = mapped_column(String(300))
    verification_status: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ReferenceValue(Base):
    """A configurable number that comes from a rule, e.g. the on-site share target."""

    __tablename__ = "reference_values"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Integer)
    legal_basis: Mapped[str] = mapped_column(String(300))
    verification_status: Mapped[str] = mapped_column(String(16))


class CriterionSetting(TenantScoped, Base):
    """A province's own weight for a criterion, or its choice not to use it (the library row stays as it is)."""

    __tablename__ = "criterion_settings"
    __table_args__ = (UniqueConstraint("tenant_id", "code"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(16), ForeignKey("criteria.code"))
    weight: Mapped[int | None] = mapped_column(Integer)
    active: Mapped[bool | None] = mapped_column(Boolean)
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Raised by one on every change: the ETag, and what a PATCH or PUT names in If-Match (kit.preconditions).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class ProvinceSetting(TenantScoped, Base):
    """A province's own value for a reference value (None switches the target off)."""

    __tablename__ = "province_settings"
    __table_args__ = (UniqueConstraint("tenant_id", "key"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    key: Mapped[str] = mapped_column(String(64), ForeignKey("reference_values.key"))
    value: Mapped[int | None] = mapped_column(Integer)
    updated_by: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Raised by one on every change: the ETag, and what a PATCH or PUT names in If-Match (kit.preconditions).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


# The local replica of the registry's agencies, fed by `registry.agency` events.

class Agency(TenantScoped, Base):
    __tablename__ = "agencies"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str | None] = mapped_column(String(300))
    agency_type: Mapped[str | None] = mapped_column(String(32))
    obligation: Mapped[str | None] = mapped_column(String(32))  # the registry's derived obligation, when it sends one
    status: Mapped[str] = mapped_column(String(32), default=AgencyStatus.HOAT_DONG)
    valid_from: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    successor_agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)


OfAgency = named_by(Agency)


# Plans, teams, inspections, recommendations.

class Plan(TenantScoped, TimestampMixin, Base):
    __tablename__ = "plans"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str | None] = mapped_column(String(300))
    approving_doc: Mapped[str | None] = mapped_column(String(200))
    proposing_doc: Mapped[str | None] = mapped_column(String(200))
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    onsite_min_percent: Mapped[int | None] = mapped_column(Integer)
    coverage_basis: Mapped[str] = mapped_column(String(32), default=CoverageBasis.REGISTRY_OBLIGATION)
    status: Mapped[str] = mapped_column(String(16), index=True)
    adjustment_note: Mapped[str | None] = mapped_column(Text)
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    carried_from_plan_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # Raised by one on every change: the ETag, and what a PATCH or PUT names in If-Match (kit.preconditions).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    targets: Mapped[list[PlanTarget]] = relationship(cascade="all, delete-orphan", order_by="PlanTarget.position",
                                                     lazy="selectin")


class PlanTarget(TenantScoped, OfAgency, Base):
    __tablename__ = "plan_targets"

    plan_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("plans.id"), primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    planned_form: Mapped[str] = mapped_column(String(32))
    planned_month: Mapped[int | None] = mapped_column(Integer)


class Team(TenantScoped, TimestampMixin, Base):
    __tablename__ = "teams"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    plan_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("plans.id"), index=True)
    decision_no: Mapped[str] = mapped_column(String(200))
    decision_date: Mapped[date] = mapped_column(Date)
    issuer: Mapped[str | None] = mapped_column(String(200))
    members: Mapped[list[TeamMember]] = relationship(cascade="all, delete-orphan", order_by="TeamMember.position",
                                                     lazy="selectin")


class TeamMember(TenantScoped, Base):
    __tablename__ = "team_members"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    team_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("teams.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    full_name: Mapped[str] = mapped_column(String(200))
    organization: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    user_subject: Mapped[str | None] = mapped_column(String(200), index=True)


class Inspection(TenantScoped, TimestampMixin, OfAgency, Base):
    __tablename__ = "inspections"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    plan_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("plans.id"), index=True)
    team_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("teams.id"))
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    form: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(32), index=True)
    scheduled_date: Mapped[date | None] = mapped_column(Date)
    notice_doc: Mapped[str | None] = mapped_column(String(200))
    conducted_date: Mapped[date | None] = mapped_column(Date)
    record_doc: Mapped[str | None] = mapped_column(String(200))
    record_date: Mapped[date | None] = mapped_column(Date)
    conclusion_doc: Mapped[str | None] = mapped_column(String(200))
    conclusion_date: Mapped[date | None] = mapped_column(Date)
    overall_result: Mapped[str | None] = mapped_column(String(32))
    status_note: Mapped[str | None] = mapped_column(Text)
    # Raised by one on every change: the ETag, and what a PATCH or PUT names in If-Match (kit.preconditions).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    checklist: Mapped[list[ChecklistResult]] = relationship(cascade="all, delete-orphan", lazy="selectin",
                                                            order_by="ChecklistResult.criterion_code")
    findings: Mapped[list[Finding]] = relationship(cascade="all, delete-orphan", lazy="selectin",
                                                   order_by="Finding.position")


class ChecklistResult(TenantScoped, Base):
    __tablename__ = "checklist_results"

    inspection_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("inspections.id"), primary_key=True)
    criterion_code: Mapped[str] = mapped_column(String(16), ForeignKey("criteria.code"), primary_key=True)
    result: Mapped[str] = mapped_column(String(16))
    score: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class Finding(TenantScoped, Base):
    __tablename__ = "findings"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    inspection_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("inspections.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(16))
    description: Mapped[str] = mapped_column(Text)
    iso_clause: Mapped[str | None] = mapped_column(String(32))
    qd19_clause: Mapped[str | None] = mapped_column(String(64))
    severity: Mapped[str | None] = mapped_column(String(16))


class Recommendation(TenantScoped, TimestampMixin, OfAgency, Base):
    __tablename__ = "recommendations"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    inspection_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("inspections.id"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    finding_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, ForeignKey("findings.id"))
    finding: Mapped[Finding | None] = relationship(viewonly=True, lazy="selectin")  # the one it answers
    description: Mapped[str] = mapped_column(Text)
    deadline: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(32), index=True)
    evidence: Mapped[str | None] = mapped_column(Text)
    submitted_by: Mapped[str | None] = mapped_column(String(200))
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    review_note: Mapped[str | None] = mapped_column(Text)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    overdue_flagged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)



class Attachment(TenantScoped, StoredFile, TimestampMixin, Base):
    """One file of remediation evidence (a photo, a scan, minutes) of `recommendation_id`, its bytes in the object
    store (ADR 31)."""

    __tablename__ = "attachments"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    recommendation_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("recommendations.id"), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid)


# The numbering register (ADR 29): the số a document was given when it was issued, per issuing body and year.

class IssuedDocument(TenantScoped, Base):
    """One issued document: `number` of `body`'s sequence of `year` (the Sở's, or an inspection team's), with its
    ký hiệu; `kind` and `record` say which document of which record it is (a record's document is issued once)."""

    __tablename__ = "document_register"
    __table_args__ = (UniqueConstraint("tenant_id", "body", "year", "number", name="uq_document_register_number"),
                      UniqueConstraint("tenant_id", "kind", "record", name="uq_document_register_record"))

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    body: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    symbol: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    record: Mapped[str] = mapped_column(String(64))  # the record's id (a year, for the yearly report)
    issued_on: Mapped[date] = mapped_column(Date)
    issued_by: Mapped[str] = mapped_column(String(200))
