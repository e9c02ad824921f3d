"""The figures a leader decides on (ADR 35): each with what it is out of, its target, whether the target is met,
and the list of records behind it, so a page shows them without arithmetic. Pure: reads a province's figures
(`reporting.services.figures.figures_of`) and writes nothing.

Targets: the share of the obliged agencies applying (announced or applying) is 100% by Quyết định 19/2014/QĐ-TTg
Điều 2 and cannot be set; the on-site share (obliged agencies inspected at their premises, the one definition
inspections' coverage uses too) has the `onsite_min_percent` of the year's inspection plan, the plan's owner
being inspections (ADR 13): None without an approved plan or when the plan sets none.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from urllib.parse import urlencode

MANDATORY_TARGET = 100  # Quyết định 19/2014/QĐ-TTg, Điều 2


def percent(part: int, whole: int) -> int | None:
    """The share in whole percent; never 100 while one is missing, never 0 once one is there; None of nothing."""
    if not whole:
        return None
    found = round(100 * part / whole)
    if part < whole:
        found = min(found, 99)
    return max(found, 1) if part else found


def met(part: int, whole: int, target: int | None) -> bool | None:
    """Whether part/whole reaches `target` percent exactly (no rounding); None without a target or a whole."""
    if target is None or not whole:
        return None
    return 100 * part >= target * whole


def figure(value: int, of: int | None = None, target: int | None = None, records: dict | None = None) -> dict:
    return {"value": value, "of": of, "percent": percent(value, of) if of is not None else None,
            "target": target, "met": met(value, of, target) if of is not None else None, "records": records}


def records(path: str, exact: bool, **query) -> dict:
    """The list of the web UI that shows the records behind a figure; `exact`: it shows those records and no
    others (its filters can say no more than the path and query give: the rest are the figure's own rules)."""
    query = {name: value for name, value in query.items() if value not in (None, "")}
    return {"path": path, "query": query, "href": f"{path}?{urlencode(query)}" if query else path, "exact": exact}


def headline(found: dict, on_site_target: int | None, today: date) -> dict:
    """The figures a leader compares, from a province's `found` figures on `found["as_of"]`: the targets apply
    when the period is one calendar year's (from 1 January at the earliest)."""
    as_of, year = found["as_of"], found["as_of"].year
    one_year = found["period_start"].year == year
    now = as_of == today
    inspections, recommendations = found["inspections"], found["recommendations"]
    on_site = inspections["on_site_of_obliged"]
    return {
        "mandatory": figure(found["obliged"], records=records("/agencies", False, status="HOAT_DONG")),
        "mandatory_applying": figure(found["obliged_applying"], found["obliged"], MANDATORY_TARGET,
                                     records("/agencies", False, status="HOAT_DONG")),
        "inspections_planned": figure(inspections["planned"], records=records("/inspections", False, year=year)),
        "inspections_done": figure(inspections["done"], inspections["planned"],
                                   records=records("/inspections", False, year=year)),
        "inspections_on_site": figure(inspections["on_site"], inspections["done"],
                                      records=records("/inspections", False, year=year)),
        "on_site_share": figure(on_site["done"], on_site["of"], on_site_target if one_year else None,
                                records("/inspections", False, year=year)),
        "recommendations_open": figure(recommendations["open"], records=records("/recommendations", False)),
        "recommendations_overdue": figure(recommendations["overdue"],
                                          records=records("/recommendations", now, overdue="1")),
        "trained_people": figure(found["training"]["completed"], found["training"]["participants"],
                                 records=records("/classes", False, year=year)),
        "budget_disbursed": figure(found["budget"]["disbursed"], found["budget"]["approved"],
                                   records=records("/budget", False, year=year)),
    }


def group_records(found: dict) -> dict:
    """The agencies of each agency type and of each level the figures group by."""
    return {"by_agency_type": {name: records("/agencies", False, status="HOAT_DONG", agency_type=name)
                               for name in found["by_agency_type"]},
            "by_admin_level": {name: records("/agencies", False, status="HOAT_DONG", admin_level=name)
                               for name in found["by_admin_level"]}}


def year_end(year: int, today: date) -> date:
    """The day a year's figures are read on: its 31 December, today for the current year (a later day would
    count what is dated after today: deadlines passed, inspections scheduled)."""
    return today if year == today.year else date(year, 12, 31)


def ranking(provinces: dict[str, dict]) -> list[dict]:
    """The provinces by the share of their obliged agencies applying, then by the share of their planned
    inspections done; equal shares share a rank (1, 1, 3); a province with no obliged agency comes last with no
    rank (there is nothing to rank it by)."""
    lines = [_line(tenant, found) for tenant, found in provinces.items()]
    ranked = sorted((line for line in lines if line["obliged"]), key=_key, reverse=True)
    previous, rank = None, 0
    for place, line in enumerate(ranked, start=1):
        if _key(line) != previous:
            previous, rank = _key(line), place
        line["rank"] = rank
    unranked = sorted((line for line in lines if not line["obliged"]), key=lambda line: line["province"])
    return [*ranked, *unranked]


def _line(tenant: str, found: dict) -> dict:
    inspections = found["inspections"]
    return {"province": tenant, "rank": None, "obliged": found["obliged"],
            "obliged_applying": found["obliged_applying"],
            "applying_percent": percent(found["obliged_applying"], found["obliged"]),
            "inspections_planned": inspections["planned"], "inspections_done": inspections["done"],
            "done_percent": percent(inspections["done"], inspections["planned"])}


def _key(line: dict) -> tuple[Fraction, Fraction]:
    """Exact shares (no rounding: 2/3 and 67/100 differ); no planned inspection ranks below any done share."""
    done = Fraction(line["inspections_done"], line["inspections_planned"]) if line["inspections_planned"] else -1
    return Fraction(line["obliged_applying"], line["obliged"]), Fraction(done)
