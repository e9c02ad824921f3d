"""The figures that are not agency counters (ADR 24), as SQL aggregates GROUPED BY province: re-announcements,
inspections, the on-site share's numerator, the year's plan, training and budget; and the recommendations open
and overdue, summed from their as-of ledger. One query per aggregate answers every province the session reads (the
national reader's all of them, a province's own with its predecessors under current borders), so the national view
costs the same number of queries as one province.

`by_province` returns {tenant: flows}; `added` sums two provinces' flows (a successor with its predecessors).
`reporting.services.reference` computes the same from every row (recommendations by `recommendations_counted`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import distinct, func, select, text
from sqlalchemy.orm import Session

from contracts.inspections import InspectionForm
from contracts.registry import OBLIGED, AnnouncementKind
from reporting.model.codes import ClassState, InspectionState
from reporting.model.figures import MONEY
from reporting.orm import (
    AgencyView,
    AnnouncementView,
    BudgetLineView,
    InspectionView,
    PlanView,
    RecommendationLedgerEntry,
    RecommendationView,
    TrainingClassView,
    up_to,
)
from reporting.repository import valid_on

ON_SITE = InspectionForm.TRUC_TIEP_TAI_TRU_SO


def empty() -> dict:
    """A province's flows when it has no rows."""
    return {"re_announced": 0, "obliged_on_site": 0,
            "inspections": {"planned": 0, "done": 0, "on_site": 0, "results": {}},
            "plan_year": {"plans": 0, "targets": 0, "scheduled": 0, "scheduled_on_site": 0},
            "recommendations": {"open": 0, "overdue": 0},
            "training": {"classes": 0, "finished": 0, "participants": 0, "completed": 0},
            "budget": {}}


def added(into: dict, other: dict) -> dict:
    """`into` with `other`'s numbers added (nested dicts key by key, a key missing on one side counting 0)."""
    for key, value in other.items():
        if isinstance(value, dict):
            added(into.setdefault(key, {}), value)
        else:
            into[key] = into.get(key, 0) + value
    return into


def by_province(session: Session, as_of: date, period_start: date) -> dict[str, dict]:
    """{tenant: flows} of the provinces the session reads with a row in any of them; flows counted from
    `period_start` to `as_of`, the year's plan and budget of `as_of`'s year, recommendations on `as_of`."""
    found: dict[str, dict] = defaultdict(empty)
    for tenant, count in _re_announced(session, period_start, as_of):
        found[tenant]["re_announced"] = count
    for tenant, count in _obliged_on_site(session, period_start, as_of):
        found[tenant]["obliged_on_site"] = count
    for tenant, count in (*_planned(session, period_start, as_of), *_undated(session)):
        found[tenant]["inspections"]["planned"] += count
    for tenant, result, form, count in _concluded(session, period_start, as_of):
        inspections = found[tenant]["inspections"]
        inspections["done"] += count
        inspections["on_site"] += count if form == ON_SITE else 0
        inspections["results"][result] = inspections["results"].get(result, 0) + count
    for tenant, plans, targets in _plans(session, as_of.year):
        found[tenant]["plan_year"].update(plans=plans, targets=int(targets))
    for tenant, scheduled, on_site in _scheduled(session, as_of.year):
        found[tenant]["plan_year"].update(scheduled=scheduled, scheduled_on_site=on_site)
    for tenant, open_, overdue in _recommendations(session, as_of):
        found[tenant]["recommendations"] = {"open": int(open_), "overdue": int(overdue)}
    for tenant, classes, finished, participants, completed in _training(session, period_start, as_of):
        found[tenant]["training"] = {"classes": classes, "finished": finished, "participants": int(participants),
                                     "completed": int(completed)}
    for tenant, category, *money in _budget(session, as_of.year):
        found[tenant]["budget"][category] = {name: int(value or 0) for name, value in zip(MONEY, money, strict=True)}
    return dict(found)


def _re_announced(session: Session, start: date, end: date):
    """Agencies valid on `end` whose quality system was announced again by a decision dated in the period."""
    a = AnnouncementView
    return session.execute(select(a.tenant_id, func.count(distinct(a.agency_id)))
                           .join(AgencyView, AgencyView.agency_id == a.agency_id)
                           .where(a.kind == AnnouncementKind.CONG_BO_LAI, a.decision_date.between(start, end),
                                  valid_on(end))
                           .group_by(a.tenant_id))


def _obliged_on_site(session: Session, start: date, end: date):
    """Obliged agencies valid on `end` with an inspection at their premises concluded in the period."""
    i = InspectionView
    return session.execute(select(i.tenant_id, func.count(distinct(i.agency_id)))
                           .join(AgencyView, AgencyView.agency_id == i.agency_id)
                           .where(i.form == ON_SITE, i.concluded_on.between(start, end), valid_on(end),
                                  AgencyView.obligation.in_(sorted(OBLIGED)))
                           .group_by(i.tenant_id))


def _planned(session: Session, start: date, end: date):
    """Inspections scheduled in the period and not cancelled (a range of the scheduled_on index, which holds the
    columns counted: no table read)."""
    i = InspectionView
    return session.execute(select(i.tenant_id, func.count())
                           .where(i.scheduled_on.between(start, end), i.status != InspectionState.CANCELLED)
                           .group_by(i.tenant_id))


def _undated(session: Session):
    """Inspections without a date, not cancelled: planned in every period."""
    i = InspectionView
    return session.execute(select(i.tenant_id, func.count())
                           .where(i.scheduled_on.is_(None), i.status != InspectionState.CANCELLED)
                           .group_by(i.tenant_id))


def _concluded(session: Session, start: date, end: date):
    """Inspections concluded in the period by result and form (from the concluded_on index alone)."""
    i = InspectionView
    return session.execute(select(i.tenant_id, i.overall_result, i.form, func.count())
                           .where(i.concluded_on.between(start, end))
                           .group_by(i.tenant_id, i.overall_result, i.form))


def _plans(session: Session, year: int):
    return session.execute(select(PlanView.tenant_id, func.count(), func.coalesce(func.sum(PlanView.targets), 0))
                           .where(PlanView.year == year).group_by(PlanView.tenant_id))


def _scheduled(session: Session, year: int):
    """The inspections scheduled under the year's plans (not cancelled), of those on site."""
    i = InspectionView
    return session.execute(select(i.tenant_id, func.count(), func.count().filter(i.form == ON_SITE))
                           .join(PlanView, PlanView.plan_id == i.plan_id)
                           .where(PlanView.year == year, i.status != InspectionState.CANCELLED)
                           .group_by(i.tenant_id))


def _recommendations(session: Session, as_of: date):
    """Open and overdue on the date, from the recommendations' ledger (ADR 24): the entries up to it summed."""
    e = RecommendationLedgerEntry
    return session.execute(select(e.tenant_id, func.coalesce(func.sum(e.open), 0),
                                  func.coalesce(func.sum(e.overdue), 0))
                           .where(up_to(e, as_of)).group_by(e.tenant_id))


def recommendations_counted(session: Session, as_of: date) -> dict[str, int]:
    """Open and overdue on the date counted from every recommendation issued by then, summed over the provinces
    the session reads: the reference the ledger's answer is verified against (`services.reference`)."""
    r = RecommendationView
    open_ = _open_on(session, as_of.isoformat())
    found = session.execute(select(func.count().filter(open_), func.count().filter(open_, r.deadline < as_of))
                            .where(r.issued_on <= as_of)).one()
    return {"open": found[0], "overdue": found[1]}


def _open_on(session: Session, day: str):
    """Not `follow_up.closed_on`, in SQL: no [closed, reopened) span of `closures` holds `day` (ISO dates compare
    as text, a null reopening is open-ended)."""
    if session.get_bind().dialect.name == "postgresql":
        spans, closed, reopened = "json_array_elements(recommendations.closures) AS span", "span->>0", "span->>1"
    else:
        spans = "json_each(recommendations.closures) AS span"
        closed, reopened = "json_extract(span.value, '$[0]')", "json_extract(span.value, '$[1]')"
    return text(f"NOT EXISTS (SELECT 1 FROM {spans} WHERE {closed} <= :day "  # noqa: S608 - fixed SQL, bound day
                f"AND ({reopened} IS NULL OR {reopened} > :day))").bindparams(day=day)


def _training(session: Session, start: date, end: date):
    """The classes ending in the period: held (not cancelled), finished, and the finished ones' people."""
    c = TrainingClassView
    finished = c.status == ClassState.FINISHED
    return session.execute(select(c.tenant_id, func.count().filter(c.status != ClassState.CANCELLED),
                                  func.count().filter(finished),
                                  func.coalesce(func.sum(c.participants).filter(finished), 0),
                                  func.coalesce(func.sum(c.completed).filter(finished), 0))
                           .where(c.last_day.between(start, end)).group_by(c.tenant_id))


def _budget(session: Session, fiscal_year: int):
    b = BudgetLineView
    return session.execute(select(b.tenant_id, b.category, *(func.sum(b.__table__.c[name]) for name in MONEY))
                           .where(b.fiscal_year == fiscal_year).group_by(b.tenant_id, b.category))
