"""Queries of the read models and the periodic reports. Each takes the unit of work's session, so a province's
session sees its own rows only."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from contracts.inspections import InspectionForm
from contracts.registry import AnnouncementKind, OfficerRole
from kit import tenancy
from kit.inbox import ProcessedMessage
from reporting.model.codes import InspectionState
from reporting.orm import (
    AgencyView,
    AnnouncementView,
    BudgetLineView,
    CertificateView,
    DocumentNumber,
    InspectionView,
    MaintenanceView,
    OfficerView,
    PlanView,
    ProvinceView,
    QualitySystemStatusView,
    Report,
    ReportingRegime,
    TrainingClassView,
)

# The read models of agencies and their quality systems


def agencies_valid_on(session: Session, as_of: date) -> list[AgencyView]:
    return list(session.scalars(select(AgencyView).where(valid_on(as_of))))


def valid_on(as_of: date):
    return and_(or_(AgencyView.valid_from.is_(None), AgencyView.valid_from <= as_of),
                or_(AgencyView.valid_to.is_(None), AgencyView.valid_to >= as_of))


def status_dated(session: Session, system_id: uuid.UUID, status: str, on: date,
                 before_version: int) -> QualitySystemStatusView | None:
    """The newest change of the system to `status` dated `on`, of a version below `before_version`."""
    query = select(QualitySystemStatusView).where(
        QualitySystemStatusView.quality_system_id == system_id, QualitySystemStatusView.status == status,
        QualitySystemStatusView.changed_on == on, QualitySystemStatusView.version < before_version)
    return session.scalars(query.order_by(QualitySystemStatusView.version.desc())).first()


def statuses_until(session: Session, as_of: date) -> list[QualitySystemStatusView]:
    """Every quality-system status dated on or before `as_of`, in version order."""
    return list(session.scalars(select(QualitySystemStatusView).where(QualitySystemStatusView.changed_on <= as_of)
                                .order_by(QualitySystemStatusView.version)))


def agencies_ever_on(session: Session, standard_version: str, as_of: date) -> set[uuid.UUID]:
    """The agencies whose quality system was on `standard_version` at some date up to `as_of`."""
    return set(session.scalars(select(QualitySystemStatusView.agency_id).where(
        QualitySystemStatusView.standard_version == standard_version, QualitySystemStatusView.changed_on <= as_of)))


def re_announced(session: Session, start: date, end: date) -> set[uuid.UUID]:
    """The agencies whose quality system was announced again (công bố lại) by a decision dated in the period."""
    return set(session.scalars(select(AnnouncementView.agency_id).where(
        AnnouncementView.kind == AnnouncementKind.CONG_BO_LAI, AnnouncementView.decision_date.between(start, end))))


def upkeep_completions(session: Session, year: int) -> dict[uuid.UUID, date | None]:
    """Agency -> the day its upkeep of `year` was complete, as the newest record of that year says (None: not)."""
    rows = session.execute(select(MaintenanceView.agency_id, MaintenanceView.upkeep_completed_on)
                           .where(MaintenanceView.year == year)
                           .order_by(MaintenanceView.recorded_at, MaintenanceView.record_id))
    return dict(rows.all())


def secretaries_appointed_by(session: Session, as_of: date) -> list[OfficerView]:
    return list(session.scalars(select(OfficerView).where(OfficerView.role == OfficerRole.THU_KY_ISO,
                                                          OfficerView.appointed_on <= as_of)))


def certificates_of(session: Session, officer_ids: list[uuid.UUID], as_of: date) -> list[CertificateView]:
    """The certificates of these officers issued by the date."""
    return list(session.scalars(select(CertificateView).where(
        CertificateView.officer_id.in_(officer_ids), CertificateView.issued_on <= as_of)))


# Inspections, recommendations, training and budget


def inspections_in(session: Session, start: date, end: date) -> list[InspectionView]:
    """Inspections without a date, or scheduled or concluded in the period."""
    return list(session.scalars(select(InspectionView).where(or_(
        InspectionView.scheduled_on.is_(None), InspectionView.scheduled_on.between(start, end),
        InspectionView.concluded_on.between(start, end)))))


def plans_of(session: Session, year: int) -> list[PlanView]:
    return list(session.scalars(select(PlanView).where(PlanView.year == year)))


def on_site_target(session: Session, year: int) -> int | None:
    """The on-site target of the province's newest approved plan of the year (ADR 35): its own plan, never a
    predecessor's, which a session under current borders reads too; None without a plan or when it sets none."""
    newest = (select(PlanView.onsite_min_percent)
              .where(tenancy.own_rows(PlanView, session), PlanView.year == year)
              .order_by(PlanView.approved_at.desc().nulls_last(), PlanView.plan_id).limit(1))
    return session.scalar(newest)


def inspections_under(session: Session, plan_ids: list[uuid.UUID]) -> list[InspectionView]:
    """The inspections scheduled under these plans and not cancelled."""
    return list(session.scalars(select(InspectionView).where(
        InspectionView.plan_id.in_(plan_ids), InspectionView.status != InspectionState.CANCELLED)))


def inspected_on_site(session: Session, start: date, end: date) -> set[uuid.UUID]:
    """The agencies with an inspection at their premises concluded in the period."""
    return set(session.scalars(select(InspectionView.agency_id).where(
        InspectionView.form == InspectionForm.TRUC_TIEP_TAI_TRU_SO, InspectionView.concluded_on.between(start, end))))


def classes_ending_in(session: Session, start: date, end: date) -> list[TrainingClassView]:
    return list(session.scalars(select(TrainingClassView).where(TrainingClassView.last_day.between(start, end))))


def budget_lines(session: Session, fiscal_year: int) -> list[BudgetLineView]:
    return list(session.scalars(select(BudgetLineView).where(BudgetLineView.fiscal_year == fiscal_year)))


# Provinces and the consumer's progress


def provinces_with_data(session: Session) -> list[str]:
    """The provinces with agencies in the read model, in name order (a cross-tenant session sees them all): one
    index probe per province (each the next tenant after the last), not a scan of every agency."""
    a = AgencyView
    first = select(func.min(a.tenant_id).label("tenant")).cte("tenants", recursive=True)
    after = select(func.min(a.tenant_id)).where(a.tenant_id > first.c.tenant).scalar_subquery()
    tenants = first.union_all(select(after).where(first.c.tenant.is_not(None)))
    return list(session.scalars(select(tenants.c.tenant).where(tenants.c.tenant.is_not(None))
                                .order_by(tenants.c.tenant)))


def has_data(session: Session, tenant: str) -> bool:
    """Whether the province has agencies in the read model (one index probe)."""
    return session.scalar(select(exists().where(AgencyView.tenant_id == tenant)))


def province(session: Session, tenant: str) -> ProvinceView | None:
    return session.get(ProvinceView, tenant)


def applied(session: Session) -> tuple[int, datetime | None]:
    """How many messages the read models have applied, and when the last one was."""
    count, last = session.execute(select(func.count(), func.max(ProcessedMessage.processed_at))).one()
    return count, last


# Periodic reports


def regime(session: Session, report_type: str) -> ReportingRegime | None:
    return session.get(ReportingRegime, report_type)


def report(session: Session, report_id: uuid.UUID, *, lock: bool = False) -> Report | None:
    """The report; with `lock`, locked for the change (FOR UPDATE, re-read: two moves of one report at the same
    moment take turns, and the second sees the status the first left)."""
    query = select(Report).where(Report.id == report_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return session.scalars(query).first()


def reports(session: Session, statuses: frozenset[str] | None = None, year: int | None = None) -> list[Report]:
    """Newest cut-off first; only those in `statuses` when given, only those whose cut-off falls in `year` when
    given."""
    query = select(Report).order_by(Report.cutoff.desc(), Report.created_at.desc())
    if statuses is not None:
        query = query.where(Report.status.in_(statuses))
    if year is not None:
        query = query.where(Report.cutoff.between(date(year, 1, 1), date(year, 12, 31)))
    return list(session.scalars(query))


def latest_reports(session: Session, report_type: str, year: int, statuses: frozenset[str]) -> dict[str, Report]:
    """Each province's latest report of the type with a cut-off in the year and a status among `statuses`."""
    query = select(Report).where(Report.report_type == report_type,
                                 Report.cutoff.between(date(year, 1, 1), date(year, 12, 31)),
                                 Report.status.in_(statuses)).order_by(Report.created_at)
    return {found.tenant_id: found for found in session.scalars(query)}


def next_number(session: Session, symbol: str, year: int) -> int:
    """The next number of the province's register for `symbol` in `year` (1 for the first): one upsert that takes
    the row's lock, so two documents issued at once get two numbers and a rolled-back one gives its number back."""
    table = DocumentNumber.__table__
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    insert = dialect.insert(table).values(tenant_id=session.info["tenant"], symbol=symbol, year=year, last=1)
    return session.execute(insert.on_conflict_do_update(index_elements=["tenant_id", "symbol", "year"],
                                                        set_={"last": table.c.last + 1})
                           .returning(table.c.last)).scalar_one()
