"""Provincial figures as of a date, computed from the read models only.

Figures follow the agencies' validity dates, so a province before and after the 1/7/2025 reorganisation
counts the right denominators, and quality-system statuses are taken as they stood on the date.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from reporting import figures_oversight as follow_up
from reporting.orm import (
    AgencyView,
    AnnouncementView,
    BudgetLineView,
    InspectionView,
    QualitySystemStatusView,
    TrainingClassView,
)

OBLIGED = {"BAT_BUOC", "BAT_BUOC_THEO_KH_TINH"}
IN_USE = {"DANG_AP_DUNG", "DA_CONG_BO", "CAN_CONG_BO_LAI", "DANG_CHUYEN_DOI"}
ANNOUNCED = {"DA_CONG_BO", "CAN_CONG_BO_LAI", "DANG_CHUYEN_DOI"}
V2008, V2015 = "TCVN_ISO_9001_2008", "TCVN_ISO_9001_2015"
COUNTS = ("total", "obliged", "obliged_applying", "applying", "announced", "on_2015")


def province_figures(session: Session, as_of: date, period_start: date) -> dict:
    agencies = _valid_agencies(session, as_of)
    systems = _systems_on(session, as_of)
    by_type: dict[str, Counter] = defaultdict(Counter)
    by_level: dict[str, Counter] = defaultdict(Counter)
    for agency in agencies:
        _count_agency(by_type[agency.agency_type], agency, systems.get(agency.agency_id))
        _count_agency(by_level[agency.admin_level or "KHONG_RO"], agency, systems.get(agency.agency_id))
    totals = Counter()
    for figures in by_type.values():
        totals.update(figures)
    valid_ids = {a.agency_id for a in agencies}
    applying = {a for a in valid_ids if a in systems and systems[a].status in IN_USE}
    obliged = [a for a in agencies if a.obligation in OBLIGED]
    return {
        "as_of": as_of, "period_start": period_start,
        **{name: totals[name] for name in COUNTS},
        "by_agency_type": {t: {name: c[name] for name in COUNTS} for t, c in sorted(by_type.items())},
        "by_admin_level": {t: {name: c[name] for name in COUNTS} for t, c in sorted(by_level.items())},
        "re_announced_in_period": _re_announced(session, valid_ids, period_start, as_of),
        "transition": _transition(session, valid_ids, systems, as_of),
        "communes": _share(by_type.get("UBND_XA", Counter())),
        "obliged_share": _share(Counter(total=totals["obliged"], applying=totals["obliged_applying"])),
        "upkeep": follow_up.upkeep(session, applying, as_of),
        "inspections": {**_inspections(session, period_start, as_of),
                        "on_site_of_obliged": follow_up.on_site_of_obliged(session, obliged, period_start, as_of),
                        "plan_year": follow_up.plan_year(session, as_of.year)},
        "recommendations": follow_up.recommendations(session, as_of),
        "training": {**_training(session, period_start, as_of),
                     "trained_secretaries": follow_up.trained_secretaries(session, valid_ids, as_of)},
        "budget": _budget(session, as_of.year),
    }


def _valid_agencies(session: Session, as_of: date) -> list[AgencyView]:
    valid = and_(or_(AgencyView.valid_from.is_(None), AgencyView.valid_from <= as_of),
                 or_(AgencyView.valid_to.is_(None), AgencyView.valid_to >= as_of))
    return list(session.scalars(select(AgencyView).where(valid)))


def _systems_on(session: Session, as_of: date) -> dict[uuid.UUID, QualitySystemStatusView]:
    """Each agency's quality system as it stood on `as_of` (a stopped one counts as none): the latest version
    dated on or before `as_of` (versions give the order; dates may be entered after the fact)."""
    rows = session.scalars(select(QualitySystemStatusView).where(QualitySystemStatusView.changed_on <= as_of)
                           .order_by(QualitySystemStatusView.version))
    latest: dict[uuid.UUID, QualitySystemStatusView] = {}
    for row in rows:
        latest[row.quality_system_id] = row
    return {row.agency_id: row for row in latest.values() if row.status != "NGUNG_AP_DUNG"}


def _count_agency(figures: Counter, agency: AgencyView, system: QualitySystemStatusView | None) -> None:
    status = system.status if system else None
    figures["total"] += 1
    figures["obliged"] += agency.obligation in OBLIGED
    figures["obliged_applying"] += agency.obligation in OBLIGED and status in IN_USE
    figures["applying"] += status in IN_USE
    figures["announced"] += status in ANNOUNCED
    figures["on_2015"] += status in IN_USE and system.standard_version == V2015


def _re_announced(session: Session, agency_ids: set, start: date, end: date) -> int:
    query = select(AnnouncementView.agency_id).where(AnnouncementView.kind == "CONG_BO_LAI",
                                                      AnnouncementView.decision_date.between(start, end))
    return len(set(session.scalars(query)) & agency_ids)


def _transition(session: Session, agency_ids: set, systems: dict, as_of: date) -> dict:
    """Of the agencies whose system was ever on the 2008 version, how many are on 2015 now ("23/34")."""
    query = select(QualitySystemStatusView.agency_id).where(QualitySystemStatusView.standard_version == V2008,
                                                            QualitySystemStatusView.changed_on <= as_of)
    were_2008 = set(session.scalars(query)) & agency_ids
    done = {a for a in were_2008 if a in systems and systems[a].standard_version == V2015
            and systems[a].status in IN_USE}
    return {"completed": len(done), "of": len(were_2008), "label": f"{len(done)}/{len(were_2008)}"}


def _share(figures: Counter) -> dict:
    total, applying = figures["total"], figures["applying"]
    percent = round(100 * applying / total) if total else None
    label = f"{applying} of {total}" + (f", {percent}%" if percent is not None else "")
    return {"applying": applying, "total": total, "percent": percent, "label": label}


def _inspections(session: Session, start: date, end: date) -> dict:
    rows = list(session.scalars(select(InspectionView).where(or_(
        InspectionView.scheduled_on.is_(None), InspectionView.scheduled_on.between(start, end),
        InspectionView.concluded_on.between(start, end)))))
    planned = [r for r in rows if r.scheduled_on is None or start <= r.scheduled_on <= end]
    done = [r for r in rows if r.concluded_on and start <= r.concluded_on <= end]
    on_site = [r for r in done if r.form == "TRUC_TIEP_TAI_TRU_SO"]
    return {
        "planned": len([r for r in planned if r.status != "CANCELLED"]), "done": len(done),
        "on_site": len(on_site), "on_site_percent": round(100 * len(on_site) / len(done)) if done else None,
        "results": dict(Counter(r.overall_result for r in done)),
    }


def _training(session: Session, start: date, end: date) -> dict:
    rows = list(session.scalars(select(TrainingClassView).where(TrainingClassView.last_day.between(start, end))))
    finished = [r for r in rows if r.status == "FINISHED"]
    return {"classes": len([r for r in rows if r.status != "CANCELLED"]), "finished": len(finished),
            "participants": sum(r.participants for r in finished), "completed": sum(r.completed for r in finished)}


def _budget(session: Session, fiscal_year: int) -> dict:
    """Integer VND per category for the fiscal year of the date: estimate, approved, disbursed, settled."""
    by_category: dict[str, Counter] = defaultdict(Counter)
    for line in session.scalars(select(BudgetLineView).where(BudgetLineView.fiscal_year == fiscal_year)):
        by_category[line.category].update(estimate=line.estimate, approved=line.approved,
                                          disbursed=line.disbursed, settled=line.settled)
    names = ("estimate", "approved", "disbursed", "settled")
    total = {name: sum(c[name] for c in by_category.values()) for name in names}
    return {"fiscal_year": fiscal_year, **total,
            "by_category": {k: {n: c[n] for n in names} for k, c in sorted(by_category.items())}}
