"""A province's dashboard (ADR 35): its figures with the ones a leader decides on (targets, whether met, the
records behind them), on a date and at the end of each year, all from `figures.figures_on`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy.orm import Session

from kit import calendar
from kit.uow import UnitOfWork
from reporting import repository
from reporting.model import dashboard
from reporting.services.figures import figures_on


def province_dashboard(uow: UnitOfWork, as_of: date, period_start: date) -> dict:
    """The province's figures on `as_of`, with their `headline` and the `records` of their groups: its own
    `/figures` and national oversight's `/national/<province>`."""
    with uow:
        found = figures_on(uow.session, as_of, period_start)
        return {**found, "headline": headline(uow.session, found), "records": dashboard.group_records(found)}


def province_series(uow: UnitOfWork, years: Iterable[int]) -> dict:
    """The headline figures at the end of each year (today for the current one), in one unit of work."""
    today = calendar.today()
    with uow:
        series = []
        for year in years:
            as_of = dashboard.year_end(year, today)
            found = figures_on(uow.session, as_of, date(year, 1, 1))
            series.append({"year": year, "as_of": as_of, "figures": headline(uow.session, found)})
        return {"series": series}


def headline(session: Session, found: dict) -> dict:
    return dashboard.headline(found, repository.on_site_target(session, found["as_of"].year), calendar.today())
