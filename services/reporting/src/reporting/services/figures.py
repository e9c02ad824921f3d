"""A province's figures as of a date, or many provinces' at once: the agency counts from the as-of ledger, the
flows as SQL aggregates grouped by province (reporting.repository.flows, ADR 24). `reporting.services.reference`
computes the same answer from every row."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from types import SimpleNamespace

from sqlalchemy.orm import Session

from contracts.inspections import CoverageBasis
from kit.uow import UnitOfWork
from reporting import ledger
from reporting.model import figures
from reporting.repository import flows

ONE = ""  # the one line `figures_on` puts every province the session reads on


def province_figures(uow: UnitOfWork, as_of: date, period_start: date) -> dict:
    with uow:
        return figures_on(uow.session, as_of, period_start)


def figures_on(session: Session, as_of: date, period_start: date) -> dict:
    """The figures of the provinces the session reads (its province, with its predecessors under current
    borders) on `as_of`, as one; flows (re-announcements, inspections, training) are counted from `period_start`."""
    return by_province(session, as_of, period_start, [ONE], lambda _tenant: ONE)[ONE]


def by_province(session: Session, as_of: date, period_start: date, provinces: Iterable[str],
                home: Callable[[str], str]) -> dict[str, dict]:
    """The figures of each of `provinces` in a constant number of queries: the ledger and every flow aggregate
    read once for all the provinces the session reads, grouped by province; a province's rows count on the line
    `home(tenant)` names (itself, or its successor under current borders), a line not in `provinces` is left out
    and one without rows has its zeros."""
    groups: dict[str, list] = {province: [] for province in provinces}
    for tenant, kind, level, counters in ledger.groups_on(session, as_of):
        groups.get(home(tenant), []).append((kind, level, counters))
    found = {province: flows.empty() for province in groups}
    for tenant, numbers in flows.by_province(session, as_of, period_start).items():
        if (line := home(tenant)) in found:
            flows.added(found[line], numbers)
    return {province: figures_of(groups[province], found[province], as_of, period_start) for province in groups}


def figures_of(groups: Iterable[tuple[str, str, dict]], flow: dict, as_of: date, period_start: date) -> dict:
    """The figures from the ledger's `groups` (agency type, level, counters) and the province's `flow`s."""
    by_type, by_level = tally(groups)
    totals = figures.summed(by_type.values())
    return {
        "as_of": as_of, "period_start": period_start,
        **{name: totals[name] for name in figures.COUNTS},
        "by_agency_type": figures.grouped(by_type),
        "by_admin_level": figures.grouped(by_level),
        "re_announced_in_period": flow["re_announced"],
        "transition": _transition(totals),
        "communes": figures.communes(by_type),
        "obliged_share": figures.share({"total": totals["obliged"], "applying": totals["obliged_applying"]}),
        "upkeep": figures.ratio(totals["upkeep_done"], totals["applying"]),
        "inspections": {**flow["inspections"],
                        "on_site_of_obliged": {**figures.ratio(flow["obliged_on_site"], totals["obliged"]),
                                               "basis": CoverageBasis.REGISTRY_OBLIGATION},
                        "plan_year": {"year": as_of.year, **flow["plan_year"]}},
        "recommendations": flow["recommendations"],
        "training": {**flow["training"],
                     "trained_secretaries": figures.ratio(totals["trained_secretary"], totals["with_secretary"])},
        "budget": _budget(flow["budget"], as_of.year),
    }


def tally(groups: Iterable[tuple[str, str, dict]]) -> tuple[dict[str, Counter], dict[str, Counter]]:
    """The ledger's counters by agency type and by level; a group with no agency on the date is left out, as
    the reference, which counts agencies, never makes one."""
    by_type: dict[str, Counter] = defaultdict(Counter)
    by_level: dict[str, Counter] = defaultdict(Counter)
    for agency_type, level, counters in groups:
        by_type[agency_type].update(counters)
        by_level[level].update(counters)
    return ({k: c for k, c in by_type.items() if c["total"]}, {k: c for k, c in by_level.items() if c["total"]})


def _budget(categories: dict[str, dict], fiscal_year: int) -> dict:
    return figures.budget([SimpleNamespace(category=category, **money) for category, money in categories.items()],
                          fiscal_year)


def _transition(totals: Counter) -> dict:
    done, of = totals["transition_done"], totals["were_2008"]
    return {"completed": done, "of": of, "label": f"{done}/{of}"}
