"""The follow-up figures of a province as of a date: upkeep done this year, recommendations open and overdue,
agencies whose ISO secretary is trained, and inspections against the year's plan and the obliged agencies.

Each takes the rows its repository query found, and the agencies valid on the date as `figures` counts them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from contracts.inspections import CoverageBasis, InspectionForm
from contracts.registry import OfficerRole
from reporting.model.figures import ratio


def upkeep(completed: Mapping, applying: set, as_of: date) -> dict:
    """Of the agencies applying on the date, those whose yearly upkeep was complete by then: `completed` maps an
    agency to the day the registry says it was (its rule, carried in its events; None: not complete)."""
    return ratio(sum(1 for a in applying if (day := completed.get(a)) is not None and day <= as_of), len(applying))


def recommendations(issued: Iterable, as_of: date) -> dict:
    """Of the recommendations issued by the date, those not closed on it; overdue when their deadline has passed."""
    open_ = [r for r in issued if not closed_on(r.closures, as_of.isoformat())]
    return {"open": len(open_), "overdue": sum(1 for r in open_ if r.deadline < as_of)}


def closed_on(closures: list, day: str) -> bool:
    """Closed on `day` (ISO dates compare as text): inside a [closed, reopened) span."""
    return any(closed <= day and (reopened is None or reopened > day) for closed, reopened in closures)


def secretaries_in_office(officers: Iterable, agency_ids: set, as_of: date) -> dict:
    """{officer: agency} of the ISO secretaries appointed by the date, of a valid agency, not removed by then."""
    return {o.officer_id: o.agency_id for o in officers
            if o.agency_id in agency_ids and (o.removed_on is None or o.removed_on > as_of)}


def trained_secretaries(current: Mapping, certificates: Iterable) -> dict:
    """Of the agencies with an ISO secretary in office (`current`: officer -> agency), those whose secretary
    holds one of `certificates` of a course that qualifies for the role."""
    certified = {c.officer_id for c in certificates if OfficerRole.THU_KY_ISO in (c.qualifies_roles or [])}
    with_secretary = set(current.values())
    trained = {agency for officer, agency in current.items() if officer in certified}
    return ratio(len(trained), len(with_secretary))


def plan_year(year: int, plans: list, scheduled: list) -> dict:
    """The year's approved plans, their targets, and the inspections scheduled under them (not cancelled)."""
    return {"year": year, "plans": len(plans), "targets": sum(p.targets for p in plans),
            "scheduled": len(scheduled),
            "scheduled_on_site": sum(1 for i in scheduled if i.form == InspectionForm.TRUC_TIEP_TAI_TRU_SO)}


def on_site_of_obliged(obliged: list, visited: set) -> dict:
    """THE on-site share (seed 003: "kiểm tra tại trụ sở cơ quan thuộc đối tượng phải xây dựng và áp dụng"): obliged
    agencies inspected at their premises (`visited`) out of all obliged agencies counted on the day, the denominator
    named in the answer as inspections' coverage names it."""
    share = ratio(sum(1 for a in obliged if a.agency_id in visited), len(obliged))
    return {**share, "basis": CoverageBasis.REGISTRY_OBLIGATION}
