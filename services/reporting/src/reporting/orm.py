"""Read models, each built only from events and keyed so a replay overwrites instead of adding.

Every projection row carries the `version` of the event that wrote it (the version guard: an older or equal
version never overwrites a newer one), so duplicates and replays leave the read model unchanged.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Text,
    Uuid,
    and_,
    or_,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kit.db import NAMING, UtcDateTime, utcnow
from kit.tenancy import TenantScoped
from reporting.model.ledger import DAY, MONTH, YEAR


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
    __table_args__ = (Index("ix_announcements_tenant_decision_date", "tenant_id", "decision_date"),
                      Index("ix_announcements_decision_date", "decision_date"))

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
    # The figures count a period's inspections by their dates and a year's plans' by plan (ADR 24).
    __table_args__ = (Index("ix_inspections_tenant_scheduled_on", "tenant_id", "scheduled_on"),
                      Index("ix_inspections_tenant_concluded_on", "tenant_id", "concluded_on"),
                      Index("ix_inspections_plan_id", "plan_id"),
                      Index("ix_inspections_scheduled_on", "scheduled_on", postgresql_include=["tenant_id", "status"]),
                      Index("ix_inspections_concluded_on", "concluded_on",
                            postgresql_include=["tenant_id", "overall_result", "form", "agency_id"]))

    inspection_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    plan_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    form: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    scheduled_on: Mapped[date | None] = mapped_column(Date)
    concluded_on: Mapped[date | None] = mapped_column(Date)
    overall_result: Mapped[str | None] = mapped_column(String(32))


class ReportingRegime(Base):
    """When a periodic report is due (law as data; the defaults are unverified, DOMAIN.md 6.7)."""

    __tablename__ = "reporting_regimes"

    report_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    name_vi: Mapped[str] = mapped_column(String(200))
    due_day: Mapped[int | None] = mapped_column(Integer)
    due_month: Mapped[int | None] = mapped_column(Integer)
    legal_basis: Mapped[str] = mapped_column(String(300))
    verification: Mapped[str] = mapped_column(String(16))


class Report(TenantScoped, Base):
    """A periodic report: figures generated at a cut-off, narrative parts, and its approval chain."""

    __tablename__ = "reports"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    report_type: Mapped[str] = mapped_column(String(32))
    period_start: Mapped[date] = mapped_column(Date)
    cutoff: Mapped[date] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(24), index=True)
    figures: Mapped[dict] = mapped_column(JSON)
    difficulties: Mapped[str | None] = mapped_column(Text)
    proposals: Mapped[str | None] = mapped_column(Text)
    approved_by: Mapped[str | None] = mapped_column(String(120))
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    return_reason: Mapped[str | None] = mapped_column(Text)  # why the Sở's leader last sent it back to drafting
    reviewed_by: Mapped[str | None] = mapped_column(String(120))
    review_comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    # Raised by one on every change (the narrative, a move of the chain): the report's ETag (kit.preconditions).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Số and ký hiệu, given from the register when the report is sent to the Ministry (issued): "12/BC-SKHCN".
    doc_number: Mapped[int | None] = mapped_column(Integer)
    doc_symbol: Mapped[str | None] = mapped_column(String(32))


class DocumentNumber(TenantScoped, Base):
    """The numbering register (sổ đăng ký văn bản đi) of a province's issuing body: the last number given to a
    kind of document (its ký hiệu, e.g. BC-SKHCN) in a year; numbers start again at 1 each year (Nghị định 30)."""

    __tablename__ = "document_numbers"
    __table_args__ = (PrimaryKeyConstraint("tenant_id", "symbol", "year"),)

    symbol: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)


class ProvinceView(Base):
    """A province's display name, from `registry.tenant.created` (platform-wide, names only)."""

    __tablename__ = "provinces"

    tenant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    official_code: Mapped[str | None] = mapped_column(String(8))


class TrainingClassView(TenantScoped, Base):
    __tablename__ = "training_classes"
    __table_args__ = (Index("ix_training_classes_last_day", "last_day"),)

    class_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    course_type: Mapped[str] = mapped_column(String(40))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    participants: Mapped[int] = mapped_column(Integer, default=0)
    completed: Mapped[int] = mapped_column(Integer, default=0)


class BudgetLineView(TenantScoped, Base):
    """Integer VND only; the running totals come from the events, so a replay cannot double them."""

    __tablename__ = "budget_lines"

    line_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(Integer, index=True)
    agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    category: Mapped[str] = mapped_column(String(60))
    estimate: Mapped[int] = mapped_column(BigInteger, default=0)
    approved: Mapped[int] = mapped_column(BigInteger, default=0)
    disbursed: Mapped[int] = mapped_column(BigInteger, default=0)
    settled: Mapped[int] = mapped_column(BigInteger, default=0)


class PlanView(TenantScoped, Base):
    """An approved yearly inspection plan as its newest approval says (an adjusted plan is approved again): its
    year, so inspections can be counted against the plan's year, and its on-site target, the year's (ADR 35)."""

    __tablename__ = "inspection_plans"

    plan_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    targets: Mapped[int] = mapped_column(Integer)
    onsite_min_percent: Mapped[int | None] = mapped_column(Integer)
    # The approval applied (None: applied before migration 0013); an older one delivered late changes nothing.
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class RecommendationView(TenantScoped, Base):
    """A recommendation after an inspection; `closures` lists its [closed, reopened or null] ISO-date pairs, so
    whether it was open can be told for any date."""

    __tablename__ = "recommendations"
    __table_args__ = (Index("ix_recommendations_issued_on", "issued_on"),)

    recommendation_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    deadline: Mapped[date] = mapped_column(Date)
    issued_on: Mapped[date] = mapped_column(Date)
    closures: Mapped[list] = mapped_column(JSON, default=list)


class MaintenanceView(TenantScoped, Base):
    """An upkeep activity of a quality system (internal audit, management review...)."""

    __tablename__ = "maintenance_records"

    record_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    activity_type: Mapped[str] = mapped_column(String(40))
    activity_date: Mapped[date] = mapped_column(Date)
    # What the registry said with this record: the year it belongs to, when it was recorded, and the day that
    # year's upkeep was complete by the registry's rule (None: not yet). The newest record of a year says it.
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    recorded_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    upkeep_completed_on: Mapped[date | None] = mapped_column(Date)


class CertificateView(TenantScoped, Base):
    """A training certificate; `qualifies_roles` says which ISO roles the course trains for."""

    __tablename__ = "certificates"

    certificate_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    officer_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    course_type: Mapped[str] = mapped_column(String(64))
    qualifies_roles: Mapped[list] = mapped_column(JSON, default=list)
    issued_on: Mapped[date] = mapped_column(Date)


class LedgerEntry(TenantScoped, Base):
    """The as-of ledger (ADR 24): per agency type, level and day (grain D), month (M) or year (Y), what each
    agency counter gained or lost then. The figures on a date are the sums up to it (reporting.model.ledger)."""

    __tablename__ = "figure_ledger"
    __table_args__ = (PrimaryKeyConstraint("tenant_id", "grain", "period", "agency_type", "admin_level"),
                      Index("ix_figure_ledger_grain_period", "grain", "period"))

    grain: Mapped[str] = mapped_column(String(1))
    period: Mapped[date] = mapped_column(Date)
    agency_type: Mapped[str] = mapped_column(String(32))
    admin_level: Mapped[str] = mapped_column(String(32))
    total: Mapped[int] = mapped_column(Integer, default=0)
    obliged: Mapped[int] = mapped_column(Integer, default=0)
    obliged_applying: Mapped[int] = mapped_column(Integer, default=0)
    applying: Mapped[int] = mapped_column(Integer, default=0)
    announced: Mapped[int] = mapped_column(Integer, default=0)
    on_2015: Mapped[int] = mapped_column(Integer, default=0)
    were_2008: Mapped[int] = mapped_column(Integer, default=0)
    transition_done: Mapped[int] = mapped_column(Integer, default=0)
    upkeep_done: Mapped[int] = mapped_column(Integer, default=0)
    with_secretary: Mapped[int] = mapped_column(Integer, default=0)
    trained_secretary: Mapped[int] = mapped_column(Integer, default=0)


class RecommendationLedgerEntry(TenantScoped, Base):
    """The as-of ledger of recommendations (ADR 24): per province and day (grain D), month (M) or year (Y), how
    many recommendations became open or overdue then, less those that stopped being so
    (reporting.model.recommendation_ledger). The figures on a date are the sums up to it (`up_to`)."""

    __tablename__ = "recommendation_ledger"
    __table_args__ = (PrimaryKeyConstraint("tenant_id", "grain", "period"),
                      Index("ix_recommendation_ledger_grain_period", "grain", "period"))

    grain: Mapped[str] = mapped_column(String(1))
    period: Mapped[date] = mapped_column(Date)
    open: Mapped[int] = mapped_column(Integer, default=0)
    overdue: Mapped[int] = mapped_column(Integer, default=0)


def up_to(entry: type[LedgerEntry] | type[RecommendationLedgerEntry], as_of: date):
    """The entries of a ledger that sum to its counters on `as_of`: the year entries before its year, the month
    entries of its year before its month, the day entries of its month up to it."""
    year, month = date(as_of.year, 1, 1), as_of.replace(day=1)
    return or_(and_(entry.grain == YEAR, entry.period < year),
               and_(entry.grain == MONTH, entry.period >= year, entry.period < month),
               and_(entry.grain == DAY, entry.period >= month, entry.period <= as_of))
