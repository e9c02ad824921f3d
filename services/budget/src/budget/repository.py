"""Queries of the budget service. Sessions are tenant-bound; reference tables are shared by every province."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from budget.model.lines import LineStatus, Owner
from budget.orm import (
    Agency,
    AgencyLevelRule,
    BudgetLine,
    CapOverride,
    CostNorm,
    Expenditure,
    LegalBasis,
    Settlement,
    TrainingClass,
)
from kit.lineage import TenantLineage
from kit.pagination import Page, paginate


@dataclass(frozen=True)
class LineFilter:
    fiscal_year: int | None = None
    agency_id: uuid.UUID | None = None
    owner: str | None = None
    category: str | None = None
    status: str | None = None
    funding_source: str | None = None


def all_norms(session: Session) -> list[CostNorm]:
    return list(session.scalars(select(CostNorm).order_by(CostNorm.code, CostNorm.version)))


def norm_versions(session: Session, code: str) -> list[CostNorm]:
    return list(session.scalars(select(CostNorm).where(CostNorm.code == code).order_by(CostNorm.version)))


def find_legal_basis(session: Session, code: str) -> LegalBasis | None:
    return session.get(LegalBasis, code)


def legal_bases(session: Session) -> list[LegalBasis]:
    return list(session.scalars(select(LegalBasis).order_by(LegalBasis.code)))


def level_rules(session: Session) -> list[AgencyLevelRule]:
    return list(session.scalars(select(AgencyLevelRule).order_by(AgencyLevelRule.agency_type)))


def level_of(session: Session, agency_type: str) -> str | None:
    rule = session.get(AgencyLevelRule, agency_type)
    return rule.agency_level if rule else None


def find_agency(session: Session, agency_id: uuid.UUID) -> Agency | None:
    return session.scalars(select(Agency).where(Agency.id == agency_id)).first()


def find_class(session: Session, class_id: uuid.UUID) -> TrainingClass | None:
    return session.scalars(select(TrainingClass).where(TrainingClass.id == class_id)).first()


def find_line(session: Session, line_id: uuid.UUID, *, lock: bool = False) -> BudgetLine | None:
    """With `lock`, the line stays locked until the transaction ends: its checks and its new records serialize."""
    query = select(BudgetLine).where(BudgetLine.id == line_id)
    return session.scalars(query.with_for_update(of=BudgetLine) if lock else query).first()


def list_lines(session: Session, where: LineFilter, page: int, page_size: int) -> Page:
    query = select(BudgetLine)
    for column, value in vars(where).items():
        if value is not None:
            query = query.where(getattr(BudgetLine, column) == value)
    return paginate(session, query, (BudgetLine.fiscal_year, BudgetLine.created_at, BudgetLine.id), page, page_size)


def programme_line(session: Session, fiscal_year: int, category: str) -> BudgetLine | None:
    """The province's open programme line for a category and year (the oldest when there are several)."""
    query = select(BudgetLine).where(BudgetLine.owner == Owner.PROGRAMME, BudgetLine.fiscal_year == fiscal_year,
                                     BudgetLine.category == category, BudgetLine.status != LineStatus.DA_QUYET_TOAN)
    return session.scalars(query.order_by(BudgetLine.created_at, BudgetLine.id).with_for_update(of=BudgetLine)).first()


def find_expenditure_of(session: Session, origin: str, origin_ref: str) -> Expenditure | None:
    query = select(Expenditure).where(Expenditure.origin == origin, Expenditure.origin_ref == origin_ref)
    return session.scalars(query).first()


def expenditures_of(session: Session, line_id: uuid.UUID) -> list[Expenditure]:
    query = select(Expenditure).where(Expenditure.line_id == line_id)
    return list(session.scalars(query.order_by(Expenditure.spent_on, Expenditure.created_at)))


def settlements_of(session: Session, line_id: uuid.UUID) -> list[Settlement]:
    query = select(Settlement).where(Settlement.line_id == line_id)
    return list(session.scalars(query.order_by(Settlement.settled_on, Settlement.created_at)))


def overrides(session: Session, fiscal_year: int | None = None, line_id: uuid.UUID | None = None,
              agency_id: uuid.UUID | None = None) -> list[tuple[CapOverride, BudgetLine]]:
    query = select(CapOverride, BudgetLine).join(BudgetLine, BudgetLine.id == CapOverride.line_id)
    if fiscal_year is not None:
        query = query.where(BudgetLine.fiscal_year == fiscal_year)
    if line_id is not None:
        query = query.where(CapOverride.line_id == line_id)
    if agency_id is not None:
        query = query.where(BudgetLine.agency_id == agency_id)
    return [tuple(row) for row in session.execute(query.order_by(CapOverride.created_at))]


def lines_of_year(session: Session, fiscal_year: int, agency_id: uuid.UUID | None = None) -> list[BudgetLine]:
    query = select(BudgetLine).where(BudgetLine.fiscal_year == fiscal_year)
    if agency_id is not None:
        query = query.where(BudgetLine.agency_id == agency_id)
    return list(session.scalars(query.order_by(BudgetLine.created_at, BudgetLine.id)))


def lines_to_close(session: Session) -> list[BudgetLine]:
    """The province's lines neither settled finally nor closed yet, locked."""
    query = select(BudgetLine).where(BudgetLine.closed_on.is_(None), BudgetLine.status != LineStatus.DA_QUYET_TOAN)
    return list(session.scalars(query.with_for_update(of=BudgetLine)))


def predecessor_names(session: Session, tenants: list[str]) -> dict[str, str]:
    """{province: its name} of the provinces among `tenants` that merged into another (kit.lineage)."""
    query = select(TenantLineage.predecessor, TenantLineage.predecessor_name).where(
        TenantLineage.predecessor.in_(tenants))
    return {tenant: name for tenant, name in session.execute(query)}
