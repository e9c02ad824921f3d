"""The national view: every province's figures side by side and summed (aggregates only, never records).

`uow_for(None)` is the cross-tenant reader: the national view and series read every province's figures through
it at once, grouped by province (`figures.by_province`); `uow_for(tenant)` one province's, `uow_for(tenant, True)`
with the provinces it succeeded (kit.lineage). Borders as reported (the default): the provinces in force on the
date, each with its own records. Current borders: today's provinces, each with its predecessors' records, so that
a successor's line runs through the years before its merger. Either way every agency counts in one province on
any date (a predecessor's ends the day before a successor's begins), so the totals are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kit import calendar, lineage, tenancy
from kit.errors import NotFound
from kit.uow import UnitOfWork
from reporting import repository
from reporting.model import dashboard
from reporting.model.figures import national_total
from reporting.services.dashboard import province_dashboard
from reporting.services.figures import by_province

UowFor = Callable[..., UnitOfWork]  # (tenant | None, lineage=False)


def provinces_with_data(uow: UnitOfWork) -> list[str]:
    with uow:
        return repository.provinces_with_data(uow.session)


def national_figures(uow_for: UowFor, as_of: date, period_start: date, *, current: bool = False) -> dict:
    """Every province's figures in one unit of work and a constant number of queries (`figures.by_province`):
    each province's rows on its own line as reported, on their successor's line today under current borders."""
    provinces = _lines(uow_for(None), calendar.today(), [(as_of, period_start)], current)[as_of]
    return {"as_of": as_of, "period_start": period_start, "borders": "current" if current else "as_reported",
            "provinces": provinces, "total": national_total(provinces), "ranking": dashboard.ranking(provinces)}


def one_province(uow_for: UowFor, province: str, as_of: date, period_start: date, *, current: bool = False) -> dict:
    """One province's figures with its headline, as the province's own dashboard reads them (`/figures`), for a
    province with data (404 otherwise)."""
    with uow_for(None) as uow:
        if not repository.has_data(uow.session, province):
            raise NotFound("no_figures_for_province", province=province)
    return province_dashboard(_uow(uow_for, province, current), as_of, period_start)


def national_series(uow_for: UowFor, figure: str, years: Iterable[int], *, current: bool = False) -> dict:
    """One figure at the end of each year (today for the current one: `dashboard.year_end`), per province and
    summed (the national time series), in one unit of work."""
    today = calendar.today()
    periods = [(dashboard.year_end(year, today), date(year, 1, 1)) for year in years]
    lines = _lines(uow_for(None), today, periods, current)
    series = {}
    for as_of, _start in periods:
        values = {tenant: found[figure] for tenant, found in lines[as_of].items()}
        series[str(as_of.year)] = {"provinces": values, "total": sum(values.values())}
    return {"figure": figure, "borders": "current" if current else "as_reported", "series": series}


def _lines(uow: UnitOfWork, today: date, periods: list[tuple[date, date]], current: bool) -> dict[date, dict]:
    """{as_of: {province: figures}} for each (as_of, period start): the provinces in force on `as_of` with their
    own rows (as reported), or today's, each with the rows of the provinces it succeeded (current borders). The
    provinces in force on a day: those with data that had not merged into another by then, and the ones those had
    merged into (a successor whose only records are its predecessors' still has a line)."""
    with uow:
        session = uow.session
        with_data = repository.provinces_with_data(session)
        found = {}
        for as_of, period_start in periods:
            home = _successors(session, today if current else as_of)
            provinces = sorted({home(tenant) for tenant in with_data})
            found[as_of] = by_province(session, as_of, period_start, provinces, home if current else _itself)
        return found


def _successors(session: Session, on: date) -> Callable[[str], str]:
    """tenant -> the province it is part of on `on` (kit.lineage.successor; itself when it never merged), with
    the lineage read once: only a province that merged is looked up."""
    merged = {row.predecessor: row for row in session.scalars(select(lineage.TenantLineage))}  # held: the
    # session's identity map keeps them only while referenced, and `lineage.successor` finds them there

    def home(tenant: str) -> str:
        row = lineage.successor(session, tenant, on) if tenant in merged else None
        return row.successor if row else tenant
    return home


def _itself(tenant: str) -> str:
    return tenant


def _uow(uow_for: UowFor, tenant: str, current: bool) -> UnitOfWork:
    """The province's unit of work, with its lineage under current borders."""
    return uow_for(tenancy.tenant_id(tenant), lineage=True) if current else uow_for(tenancy.tenant_id(tenant))
