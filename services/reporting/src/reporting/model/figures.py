"""Figure helpers: how a province's figures are counted from its read-model rows, and how they read ("41 of 41,
100%", "23/34").

Figures follow the agencies' validity dates, so a province before and after the 1/7/2025 reorganisation counts
the right denominators, and quality-system statuses are taken as they stood on the date. Rows are anything with
the read models' attributes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from datetime import date

from contracts.inspections import InspectionForm
from contracts.registry import OBLIGED, AgencyType, QualitySystemStatus
from reporting.model.codes import ClassState, InspectionState, StandardVersion

IN_USE = frozenset({QualitySystemStatus.DANG_AP_DUNG, QualitySystemStatus.DA_CONG_BO,
                    QualitySystemStatus.CAN_CONG_BO_LAI, QualitySystemStatus.DANG_CHUYEN_DOI})
ANNOUNCED = frozenset({QualitySystemStatus.DA_CONG_BO, QualitySystemStatus.CAN_CONG_BO_LAI,
                       QualitySystemStatus.DANG_CHUYEN_DOI})
COUNTS = ("total", "obliged", "obliged_applying", "applying", "announced", "on_2015")
SUMMED = (*COUNTS, "re_announced_in_period")  # the figures a national total adds up (and a series may follow)
UNKNOWN_LEVEL = "KHONG_RO"  # the group of agencies without an administrative level
MONEY = ("estimate", "approved", "disbursed", "settled")


def systems_on(statuses: Iterable) -> dict:
    """Each agency's quality system from its statuses up to a date, in version order (versions give the order;
    dates may be entered after the fact): the latest status of each system, a stopped one counting as none."""
    latest = {}
    for row in statuses:
        latest[row.quality_system_id] = row
    return {row.agency_id: row for row in latest.values() if row.status != QualitySystemStatus.NGUNG_AP_DUNG}


def tally(agencies: Iterable, systems: Mapping) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """The counts of the agencies by agency type and by administrative level."""
    by_type: dict[str, Counter] = defaultdict(Counter)
    by_level: dict[str, Counter] = defaultdict(Counter)
    for agency in agencies:
        count_agency(by_type[agency.agency_type], agency, systems.get(agency.agency_id))
        count_agency(by_level[agency.admin_level or UNKNOWN_LEVEL], agency, systems.get(agency.agency_id))
    return by_type, by_level


def count_agency(figures: Counter, agency, system) -> None:
    status = system.status if system else None
    figures["total"] += 1
    figures["obliged"] += agency.obligation in OBLIGED
    figures["obliged_applying"] += agency.obligation in OBLIGED and status in IN_USE
    figures["applying"] += status in IN_USE
    figures["announced"] += status in ANNOUNCED
    figures["on_2015"] += status in IN_USE and system.standard_version == StandardVersion.TCVN_ISO_9001_2015


def summed(groups: Iterable[Counter]) -> Counter:
    totals = Counter()
    for figures in groups:
        totals.update(figures)
    return totals


def grouped(groups: Mapping[str, Counter]) -> dict:
    """Each group's counts, groups in name order."""
    return {name: {count: figures[count] for count in COUNTS} for name, figures in sorted(groups.items())}


def applying(agency_ids: Iterable, systems: Mapping) -> set:
    return {a for a in agency_ids if a in systems and systems[a].status in IN_USE}


def obliged(agencies: Iterable) -> list:
    return [a for a in agencies if a.obligation in OBLIGED]


def communes(by_type: Mapping[str, Counter]) -> dict:
    """The communes' people's committees that apply a quality system, of all of them."""
    return share(by_type.get(AgencyType.UBND_XA, Counter()))


def transition(were_2008: set, systems: Mapping) -> dict:
    """Of the agencies whose system was ever on the 2008 version, how many are on 2015 now ("23/34")."""
    done = {a for a in were_2008 if a in systems and systems[a].standard_version == StandardVersion.TCVN_ISO_9001_2015
            and systems[a].status in IN_USE}
    return {"completed": len(done), "of": len(were_2008), "label": f"{len(done)}/{len(were_2008)}"}


def share(figures: Mapping[str, int]) -> dict:
    """`{"applying": 41, "total": 41, "percent": 100, "label": "41 of 41, 100%"}`; no percent of nothing."""
    total, applying_ = figures["total"], figures["applying"]
    percent = round(100 * applying_ / total) if total else None
    label = f"{applying_} of {total}" + (f", {percent}%" if percent is not None else "")
    return {"applying": applying_, "total": total, "percent": percent, "label": label}


def ratio(part: int, whole: int) -> dict:
    """`{"done": 23, "of": 34, "percent": 68, "label": "23/34"}`; no percent of nothing."""
    return {"done": part, "of": whole, "percent": round(100 * part / whole) if whole else None,
            "label": f"{part}/{whole}"}


def inspections(rows: Iterable, start: date, end: date) -> dict:
    """Inspections planned in the period (not cancelled), done in it, on site, and their results.

    No share here: the on-site share has one definition, `follow_up.on_site_of_obliged` (obliged agencies visited
    at their premises out of the obliged agencies), the one inspections' coverage gives too."""
    rows = list(rows)
    planned = [r for r in rows if r.scheduled_on is None or start <= r.scheduled_on <= end]
    done = [r for r in rows if r.concluded_on and start <= r.concluded_on <= end]
    on_site = [r for r in done if r.form == InspectionForm.TRUC_TIEP_TAI_TRU_SO]
    return {
        "planned": len([r for r in planned if r.status != InspectionState.CANCELLED]), "done": len(done),
        "on_site": len(on_site),
        "results": dict(Counter(r.overall_result for r in done)),
    }


def training(classes: Iterable) -> dict:
    """Classes held (not cancelled), finished, and the participants and completions of the finished ones."""
    classes = list(classes)
    finished = [r for r in classes if r.status == ClassState.FINISHED]
    return {"classes": len([r for r in classes if r.status != ClassState.CANCELLED]), "finished": len(finished),
            "participants": sum(r.participants for r in finished), "completed": sum(r.completed for r in finished)}


def budget(lines: Iterable, fiscal_year: int) -> dict:
    """Integer VND per category for the fiscal year: estimate, approved, disbursed, settled."""
    by_category: dict[str, Counter] = defaultdict(Counter)
    for line in lines:
        by_category[line.category].update(estimate=line.estimate, approved=line.approved,
                                          disbursed=line.disbursed, settled=line.settled)
    names = MONEY
    total = {name: sum(c[name] for c in by_category.values()) for name in names}
    return {"fiscal_year": fiscal_year, **total,
            "by_category": {k: {n: c[n] for n in names} for k, c in sorted(by_category.items())}}


def national_total(provinces: Mapping[str, dict]) -> dict:
    """The provinces' figures summed, their transitions and inspections included."""
    total = {name: sum(p[name] for p in provinces.values()) for name in SUMMED}
    transitions = [p["transition"] for p in provinces.values()]
    total["transition"] = {"completed": sum(t["completed"] for t in transitions),
                           "of": sum(t["of"] for t in transitions)}
    inspections = [p["inspections"] for p in provinces.values()]
    total["inspections"] = {name: sum(i[name] for i in inspections) for name in ("planned", "done", "on_site")}
    total["inspections"]["on_site_of_obliged"] = ratio(sum(i["on_site_of_obliged"]["done"] for i in inspections),
                                                       sum(i["on_site_of_obliged"]["of"] for i in inspections))
    return total
