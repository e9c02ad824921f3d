"""The follow-up figures of a province as of a date: upkeep done this year, recommendations open and overdue,
agencies whose ISO secretary is trained, and inspections against the year's plan and the obliged agencies.

Each takes the agencies valid on the date and their quality systems as `figures` found them.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from reporting.orm import (
    AgencyView,
    CertificateView,
    InspectionView,
    MaintenanceView,
    OfficerView,
    PlanView,
    RecommendationView,
)

UPKEEP = {"DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO"}  # internal audit and management review, every year
ON_SITE = "TRUC_TIEP_TAI_TRU_SO"
SECRETARY = "THU_KY_ISO"


def ratio(part: int, whole: int) -> dict:
    """`{"done": 23, "of": 34, "percent": 68, "label": "23/34"}`; no percent of nothing."""
    return {"done": part, "of": whole, "percent": round(100 * part / whole) if whole else None,
            "label": f"{part}/{whole}"}


def upkeep(session: Session, applying: set, as_of: date) -> dict:
    """Of the agencies applying on the date, those with both an internal audit and a management review on
    record in that calendar year up to the date."""
    rows = session.execute(select(MaintenanceView.agency_id, MaintenanceView.activity_type).where(
        MaintenanceView.activity_date.between(date(as_of.year, 1, 1), as_of)))
    done: dict = {}
    for agency_id, activity in rows:
        done.setdefault(agency_id, set()).add(activity)
    return ratio(sum(1 for a in applying if UPKEEP.issubset(done.get(a, ()))), len(applying))


def recommendations(session: Session, as_of: date) -> dict:
    """Recommendations issued by the date and not closed on it; overdue when their deadline has passed."""
    rows = session.scalars(select(RecommendationView).where(RecommendationView.issued_on <= as_of))
    open_ = [r for r in rows if not _closed_on(r.closures, as_of.isoformat())]
    return {"open": len(open_), "overdue": sum(1 for r in open_ if r.deadline < as_of)}


def _closed_on(closures: list, day: str) -> bool:
    """Closed on `day` (ISO dates compare as text): inside a [closed, reopened) span."""
    return any(closed <= day and (reopened is None or reopened > day) for closed, reopened in closures)


def trained_secretaries(session: Session, agency_ids: set, as_of: date) -> dict:
    """Of the valid agencies with an ISO secretary in office on the date, those whose secretary holds a
    certificate, issued by then, of a course that qualifies for the role."""
    officers = session.scalars(select(OfficerView).where(
        OfficerView.role == SECRETARY, OfficerView.appointed_on <= as_of))
    current = {o.officer_id: o.agency_id for o in officers
               if o.agency_id in agency_ids and (o.removed_on is None or o.removed_on > as_of)}
    certified = {c.officer_id for c in session.scalars(select(CertificateView).where(
        CertificateView.officer_id.in_(list(current)), CertificateView.issued_on <= as_of))
        if SECRETARY in (c.qualifies_roles or [])}
    with_secretary = set(current.values())
    trained = {agency for officer, agency in current.items() if officer in certified}
    return ratio(len(trained), len(with_secretary))


def plan_year(session: Session, year: int) -> dict:
    """The year's approved plans, their targets, and the inspections scheduled under them (not cancelled)."""
    plans = list(session.scalars(select(PlanView).where(PlanView.year == year)))
    scheduled = list(session.scalars(select(InspectionView).where(
        InspectionView.plan_id.in_([p.plan_id for p in plans]), InspectionView.status != "CANCELLED")))
    return {"year": year, "plans": len(plans), "targets": sum(p.targets for p in plans),
            "scheduled": len(scheduled), "scheduled_on_site": sum(1 for i in scheduled if i.form == ON_SITE)}


def on_site_of_obliged(session: Session, obliged: list[AgencyView], start: date, end: date) -> dict:
    """Obliged agencies inspected at their premises (inspection concluded in the period) out of all obliged."""
    visited = set(session.scalars(select(InspectionView.agency_id).where(
        InspectionView.form == ON_SITE, InspectionView.concluded_on.between(start, end))))
    return ratio(sum(1 for a in obliged if a.agency_id in visited), len(obliged))
