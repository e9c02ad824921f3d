"""Queries of the read models and the periodic reports. Each takes the unit of work's session, so a province's
session sees its own rows only."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import and_, distinct, func, or_, select
from sqlalchemy.orm import Session

from contracts.inspections import InspectionForm
from contracts.registry import OBLIGED, AnnouncementKind, OfficerRole
from kit.inbox import ProcessedMessage
from reporting.model.codes import ClassState, InspectionState
from reporting.orm import (
    AgencyView,
    AnnouncementView,
    BudgetLineView,
    CertificateView,
    InspectionView,
    MaintenanceView,
    OfficerView,
    PlanView,
    ProvinceView,
    QualitySystemStatusView,
    RecommendationView,
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


def re_announced_count(session: Session, start: date, end: date) -> int:
    """How many agencies valid on `end` had their quality system announced again by a decision dated in the
    period (one aggregate; `re_announced` is the reference's set)."""
    return session.scalar(select(func.count(distinct(AnnouncementView.agency_id)))
                          .join(AgencyView, AgencyView.agency_id == AnnouncementView.agency_id)
                          .where(AnnouncementView.kind == AnnouncementKind.CONG_BO_LAI,
                                 AnnouncementView.decision_date.between(start, end), valid_on(end)))


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


def inspection_counts(session: Session, start: date, end: date) -> dict:
    """`model.figures.inspections` as aggregates: planned in the period (or undated) and not cancelled, concluded in
    it, of those on site, and their results."""
    i = InspectionView
    done = i.concluded_on.between(start, end)
    planned = and_(or_(i.scheduled_on.is_(None), i.scheduled_on.between(start, end)),
                   i.status != InspectionState.CANCELLED)
    counts = session.execute(select(
        func.count().filter(planned), func.count().filter(done),
        func.count().filter(done, i.form == InspectionForm.TRUC_TIEP_TAI_TRU_SO)).where(or_(
            i.scheduled_on.is_(None), i.scheduled_on.between(start, end), done))).one()
    results = session.execute(select(i.overall_result, func.count()).where(done).group_by(i.overall_result))
    return {"planned": counts[0], "done": counts[1], "on_site": counts[2], "results": dict(results.all())}


def training_counts(session: Session, start: date, end: date) -> dict:
    """`model.figures.training` as one aggregate of the classes ending in the period."""
    c = TrainingClassView
    finished = c.status == ClassState.FINISHED
    row = session.execute(select(
        func.count().filter(c.status != ClassState.CANCELLED), func.count().filter(finished),
        func.coalesce(func.sum(c.participants).filter(finished), 0),
        func.coalesce(func.sum(c.completed).filter(finished), 0)).where(c.last_day.between(start, end))).one()
    return {"classes": row[0], "finished": row[1], "participants": int(row[2]), "completed": int(row[3])}


def budget_by_category(session: Session, fiscal_year: int) -> list:
    """The year's lines summed per category (rows with the lines' attributes, one per category)."""
    b = BudgetLineView
    return list(session.execute(select(b.category, func.sum(b.estimate).label("estimate"),
                                       func.sum(b.approved).label("approved"),
                                       func.sum(b.disbursed).label("disbursed"),
                                       func.sum(b.settled).label("settled"))
                                .where(b.fiscal_year == fiscal_year).group_by(b.category)))


def plans_of(session: Session, year: int) -> list[PlanView]:
    return list(session.scalars(select(PlanView).where(PlanView.year == year)))


def plan_year_counts(session: Session, year: int) -> dict:
    """`model.follow_up.plan_year` as aggregates: the year's plans, their targets, and the inspections scheduled
    under them (not cancelled), of those on site."""
    plans = session.execute(select(func.count(), func.coalesce(func.sum(PlanView.targets), 0))
                            .where(PlanView.year == year)).one()
    i = InspectionView
    scheduled = session.execute(select(func.count(), func.count().filter(
        i.form == InspectionForm.TRUC_TIEP_TAI_TRU_SO)).where(
        i.plan_id.in_(select(PlanView.plan_id).where(PlanView.year == year)),
        i.status != InspectionState.CANCELLED)).one()
    return {"year": year, "plans": plans[0], "targets": int(plans[1]), "scheduled": scheduled[0],
            "scheduled_on_site": scheduled[1]}


def inspections_under(session: Session, plan_ids: list[uuid.UUID]) -> list[InspectionView]:
    """The inspections scheduled under these plans and not cancelled."""
    return list(session.scalars(select(InspectionView).where(
        InspectionView.plan_id.in_(plan_ids), InspectionView.status != InspectionState.CANCELLED)))


def inspected_on_site(session: Session, start: date, end: date) -> set[uuid.UUID]:
    """The agencies with an inspection at their premises concluded in the period."""
    return set(session.scalars(select(InspectionView.agency_id).where(
        InspectionView.form == InspectionForm.TRUC_TIEP_TAI_TRU_SO, InspectionView.concluded_on.between(start, end))))


def obliged_inspected_on_site(session: Session, start: date, end: date) -> int:
    """How many obliged agencies valid on `end` had an inspection at their premises concluded in the period."""
    return session.scalar(select(func.count(distinct(InspectionView.agency_id)))
                          .join(AgencyView, AgencyView.agency_id == InspectionView.agency_id)
                          .where(InspectionView.form == InspectionForm.TRUC_TIEP_TAI_TRU_SO,
                                 InspectionView.concluded_on.between(start, end), valid_on(end),
                                 AgencyView.obligation.in_(sorted(OBLIGED))))


def recommendations_issued_by(session: Session, as_of: date) -> list[RecommendationView]:
    return list(session.scalars(select(RecommendationView).where(RecommendationView.issued_on <= as_of)))


def classes_ending_in(session: Session, start: date, end: date) -> list[TrainingClassView]:
    return list(session.scalars(select(TrainingClassView).where(TrainingClassView.last_day.between(start, end))))


def budget_lines(session: Session, fiscal_year: int) -> list[BudgetLineView]:
    return list(session.scalars(select(BudgetLineView).where(BudgetLineView.fiscal_year == fiscal_year)))


# Provinces and the consumer's progress


def provinces_with_data(session: Session) -> list[str]:
    """The provinces with agencies in the read model, in name order (a cross-tenant session sees them all)."""
    return list(session.scalars(select(AgencyView.tenant_id).distinct().order_by(AgencyView.tenant_id)))


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


def reports(session: Session, statuses: frozenset[str] | None = None) -> list[Report]:
    """Newest cut-off first; only those in `statuses` when given."""
    query = select(Report).order_by(Report.cutoff.desc(), Report.created_at.desc())
    if statuses is not None:
        query = query.where(Report.status.in_(statuses))
    return list(session.scalars(query))


def latest_reports(session: Session, report_type: str, year: int, statuses: frozenset[str]) -> dict[str, Report]:
    """Each province's latest report of the type with a cut-off in the year and a status among `statuses`."""
    query = select(Report).where(Report.report_type == report_type,
                                 Report.cutoff.between(date(year, 1, 1), date(year, 12, 31)),
                                 Report.status.in_(statuses)).order_by(Report.created_at)
    return {found.tenant_id: found for found in session.scalars(query)}
