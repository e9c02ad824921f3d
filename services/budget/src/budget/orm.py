"""Tables of the budget service: law-as-data reference, replicas of other services' facts, budget lines."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    MetaData,
    String,
    UniqueConstraint,
    Uuid,
    cast,
    func,
    select,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, column_property, mapped_column

from kit.db import NAMING, TimestampMixin, UtcDateTime, utcnow
from kit.tenancy import TenantScoped

Money = BigInteger


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# Reference data shared by every province, seeded by migration 0002 from migrations/data/cost_norms_tt116.json.

class LegalBasis(Base):
    __tablename__ = "legal_bases"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    document: Mapped[str] = mapped_column(String(100))
    article: Mapped[str | None] = mapped_column(String(40))
    clause: Mapped[str | None] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(String(500))
    verification: Mapped[str] = mapped_column(String(16))


class CostNorm(Base):
    """One version of a cap (DOMAIN.md 6.3 CostNorm); empty item/level/framework mean "any"."""

    __tablename__ = "cost_norms"
    __table_args__ = (UniqueConstraint("code", "version"),
                      CheckConstraint("coalesce(value, 0) >= 0 AND coalesce(min_value, 0) >= 0 AND "
                                      "coalesce(max_value, 0) >= 0 AND coalesce(percent, 0) >= 0", name="not_negative"))

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    code: Mapped[str] = mapped_column(String(60), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    legal_basis_code: Mapped[str] = mapped_column(String(40), ForeignKey("legal_bases.code"))
    item: Mapped[str | None] = mapped_column(String(60))
    agency_level: Mapped[str | None] = mapped_column(String(20))
    has_framework_model: Mapped[bool | None] = mapped_column(Boolean)
    unit: Mapped[str] = mapped_column(String(20))
    value: Mapped[int | None] = mapped_column(Money)
    min_value: Mapped[int | None] = mapped_column(Money)
    max_value: Mapped[int | None] = mapped_column(Money)
    percent: Mapped[int | None] = mapped_column(Integer)
    reference_item: Mapped[str | None] = mapped_column(String(60))
    reference_level: Mapped[str | None] = mapped_column(String(20))
    effective_from: Mapped[date] = mapped_column(Date)
    effective_to: Mapped[date | None] = mapped_column(Date)
    verification: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(String(500))
    recorded_by: Mapped[str | None] = mapped_column(String(120))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class AgencyLevelRule(Base):
    """Which cap level of TT 116 an agency type falls under."""

    __tablename__ = "agency_level_rules"

    agency_type: Mapped[str] = mapped_column(String(32), primary_key=True)
    agency_level: Mapped[str] = mapped_column(String(20))
    legal_basis_code: Mapped[str] = mapped_column(String(40), ForeignKey("legal_bases.code"))
    verification: Mapped[str] = mapped_column(String(16))


# Replicas of other services' facts, fed by their events.

class Agency(TenantScoped, Base):
    __tablename__ = "agencies"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    agency_type: Mapped[str] = mapped_column(String(32))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class TrainingClass(TenantScoped, Base):
    __tablename__ = "training_classes"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    cost_estimate: Mapped[int] = mapped_column(Money, CheckConstraint("cost_estimate >= 0", name="cost_not_negative"))


# Budget lines and their records.

class Expenditure(TenantScoped, Base):
    """One disbursement on a line; from another service when `origin` is not MANUAL (once per origin_ref)."""

    __tablename__ = "expenditures"
    __table_args__ = (UniqueConstraint("tenant_id", "origin", "origin_ref"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    line_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("budget_lines.id"), index=True)
    amount: Mapped[int] = mapped_column(Money, CheckConstraint("amount > 0", name="amount_positive"))
    spent_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(String(500))
    voucher: Mapped[str | None] = mapped_column(String(120))
    origin: Mapped[str] = mapped_column(String(20))
    origin_ref: Mapped[str | None] = mapped_column(String(64))
    recorded_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class Settlement(TenantScoped, Base):
    __tablename__ = "settlements"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    line_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("budget_lines.id"), index=True)
    amount: Mapped[int] = mapped_column(Money, CheckConstraint("amount >= 0", name="amount_not_negative"))
    settlement_doc: Mapped[str] = mapped_column(String(200))
    settled_on: Mapped[date] = mapped_column(Date)
    final: Mapped[bool] = mapped_column(Boolean)
    recorded_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class CapOverride(TenantScoped, Base):
    """An amount over the cap recorded with its reason and document (or from another service's actual cost)."""

    __tablename__ = "cap_overrides"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    line_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("budget_lines.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    amount: Mapped[int] = mapped_column(Money)
    cap_amount: Mapped[int] = mapped_column(Money)
    cost_norm_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    reason: Mapped[str | None] = mapped_column(String(1000))
    document: Mapped[str | None] = mapped_column(String(200))
    recorded_by: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


def _total(table, line_id_column):
    # PostgreSQL sums BIGINT into NUMERIC; cast back so totals stay integers (VND has no fractions).
    total = cast(func.coalesce(func.sum(table.amount), 0), BigInteger)
    return select(total).where(table.line_id == line_id_column).correlate_except(table).scalar_subquery()


class BudgetLine(TenantScoped, TimestampMixin, Base):
    __tablename__ = "budget_lines"
    __table_args__ = (CheckConstraint("estimate >= 0 AND coalesce(approved, 0) >= 0", name="amounts_not_negative"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    # Raised by one on every change of the line (its ETag): a PATCH made from an older version is refused (412).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    fiscal_year: Mapped[int] = mapped_column(Integer, index=True)
    owner: Mapped[str] = mapped_column(String(16))
    agency_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, index=True)
    agency_name: Mapped[str | None] = mapped_column(String(300))
    agency_level: Mapped[str | None] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    category: Mapped[str] = mapped_column(String(60))
    extension: Mapped[bool] = mapped_column(Boolean, default=False)
    has_framework_model: Mapped[bool] = mapped_column(Boolean, default=False)
    months: Mapped[int | None] = mapped_column(Integer)
    funding_source: Mapped[str] = mapped_column(String(32))
    estimate: Mapped[int] = mapped_column(Money)
    approved: Mapped[int | None] = mapped_column(Money)
    approving_doc: Mapped[str | None] = mapped_column(String(200))
    approved_on: Mapped[date | None] = mapped_column(Date)
    settlement_doc: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    cost_norm_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    cap_amount: Mapped[int | None] = mapped_column(Money)
    cap_check: Mapped[str] = mapped_column(String(16))
    cap_note: Mapped[str | None] = mapped_column(String(500))  # why there is no cap, when there is none
    auto_created: Mapped[bool] = mapped_column(Boolean, default=False)
    # A line of a province that merged into another is closed from the effective date (issue 19, item 4).
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_reason: Mapped[str | None] = mapped_column(String(500))


BudgetLine.disbursed = column_property(_total(Expenditure, BudgetLine.id))
BudgetLine.settled = column_property(_total(Settlement, BudgetLine.id))
