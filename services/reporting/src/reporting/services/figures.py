"""A province's figures as of a date: the agency counts from the as-of ledger, the flows as SQL aggregates or
from the period's rows (ADR 24). `reporting.services.reference` computes the same answer from every row."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from types import SimpleNamespace

from sqlalchemy.orm import Session

from contracts.inspections import CoverageBasis
from kit.uow import UnitOfWork
from reporting import ledger, repository
from reporting.model import figures, follow_up


def province_figures(uow: UnitOfWork, as_of: date, period_start: date) -> dict:
    with uow:
        return figures_on(uow.session, as_of, period_start)


def figures_on(session: Session, as_of: date, period_start: date) -> dict:
    """The figures of the provinces the session reads (its province, with its predecessors under current
    borders) on `as_of`; flows (re-announcements, inspections, training) are counted from `period_start`."""
    return figures_of(session, [g[1:] for g in ledger.groups_on(session, as_of)], as_of, period_start)


def figures_of(session: Session, groups: Iterable[tuple[str, str, dict]], as_of: date, period_start: date) -> dict:
    """The figures from the ledger's `groups` (agency type, level, counters) and the session's flows."""
    by_type, by_level = tally(groups)
    totals = figures.summed(by_type.values())
    return {
        "as_of": as_of, "period_start": period_start,
        **{name: totals[name] for name in figures.COUNTS},
        "by_agency_type": figures.grouped(by_type),
        "by_admin_level": figures.grouped(by_level),
        "re_announced_in_period": repository.re_announced_count(session, period_start, as_of),
        "transition": _transition(totals),
        "communes": figures.communes(by_type),
        "obliged_share": figures.share({"total": totals["obliged"], "applying": totals["obliged_applying"]}),
        "upkeep": figures.ratio(totals["upkeep_done"], totals["applying"]),
        "inspections": {**repository.inspection_counts(session, period_start, as_of),
                        "on_site_of_obliged": {
                            **figures.ratio(repository.obliged_inspected_on_site(session, period_start, as_of),
                                            totals["obliged"]),
                            "basis": CoverageBasis.REGISTRY_OBLIGATION},
                        "plan_year": repository.plan_year_counts(session, as_of.year)},
        "recommendations": follow_up.recommendations(repository.recommendations_issued_by(session, as_of), as_of),
        "training": {**repository.training_counts(session, period_start, as_of),
                     "trained_secretaries": figures.ratio(totals["trained_secretary"], totals["with_secretary"])},
        "budget": _budget(repository.budget_by_category(session, as_of.year), as_of.year),
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


def _budget(categories: list, fiscal_year: int) -> dict:
    """The year's lines summed per category, as integers (PostgreSQL sums BIGINT as NUMERIC)."""
    return figures.budget([SimpleNamespace(category=row.category, **{name: int(getattr(row, name) or 0)
                                                                     for name in figures.MONEY})
                           for row in categories], fiscal_year)


def _transition(totals: Counter) -> dict:
    done, of = totals["transition_done"], totals["were_2008"]
    return {"completed": done, "of": of, "label": f"{done}/{of}"}
