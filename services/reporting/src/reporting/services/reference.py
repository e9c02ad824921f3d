"""The reference computation of a province's figures (ADR 24): every agency, status and officer row loaded and
counted in Python, as the figures were computed before the as-of ledger, and the recommendations open and overdue
counted in SQL from every recommendation's closures (the ledger evaluates them with `follow_up`'s rule in Python,
so the two are written apart). Slow, and kept so: the verification mode (`reporting.services.verification`)
compares the ledger's figures with it."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from reporting import repository
from reporting.model import figures, follow_up
from reporting.model.codes import StandardVersion
from reporting.repository import flows


def figures_from_rows(session: Session, as_of: date, period_start: date) -> dict:
    """The figures of the session's province on `as_of`; flows (re-announcements, inspections, training) are
    counted from `period_start`."""
    agencies = repository.agencies_valid_on(session, as_of)
    systems = figures.systems_on(repository.statuses_until(session, as_of))
    by_type, by_level = figures.tally(agencies, systems)
    totals = figures.summed(by_type.values())
    valid_ids = {a.agency_id for a in agencies}
    obliged = figures.obliged(agencies)
    were_2008 = repository.agencies_ever_on(session, StandardVersion.TCVN_ISO_9001_2008, as_of) & valid_ids
    return {
        "as_of": as_of, "period_start": period_start,
        **{name: totals[name] for name in figures.COUNTS},
        "by_agency_type": figures.grouped(by_type),
        "by_admin_level": figures.grouped(by_level),
        "re_announced_in_period": len(repository.re_announced(session, period_start, as_of) & valid_ids),
        "transition": figures.transition(were_2008, systems),
        "communes": figures.communes(by_type),
        "obliged_share": figures.share({"total": totals["obliged"], "applying": totals["obliged_applying"]}),
        "upkeep": follow_up.upkeep(repository.upkeep_completions(session, as_of.year),
                                   figures.applying(valid_ids, systems), as_of),
        "inspections": {**figures.inspections(repository.inspections_in(session, period_start, as_of),
                                              period_start, as_of),
                        "on_site_of_obliged": follow_up.on_site_of_obliged(
                            obliged, repository.inspected_on_site(session, period_start, as_of)),
                        "plan_year": plan_year(session, as_of.year)},
        "recommendations": flows.recommendations_counted(session, as_of),
        "training": {**figures.training(repository.classes_ending_in(session, period_start, as_of)),
                     "trained_secretaries": _trained_secretaries(session, valid_ids, as_of)},
        "budget": figures.budget(repository.budget_lines(session, as_of.year), as_of.year),
    }


def plan_year(session: Session, year: int) -> dict:
    plans = repository.plans_of(session, year)
    return follow_up.plan_year(year, plans, repository.inspections_under(session, [p.plan_id for p in plans]))


def _trained_secretaries(session: Session, agency_ids: set, as_of: date) -> dict:
    current = follow_up.secretaries_in_office(repository.secretaries_appointed_by(session, as_of), agency_ids, as_of)
    return follow_up.trained_secretaries(current, repository.certificates_of(session, list(current), as_of))
