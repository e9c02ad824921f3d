"""The national view: every province's figures side by side and summed (aggregates only, never records).

`uow_for(None)` is the cross-tenant reader (which provinces have data); `uow_for(tenant)` one province's,
`uow_for(tenant, True)` with the provinces it succeeded (kit.lineage). Borders as reported (the default): the
provinces in force on the date, each with its own records. Current borders: today's provinces, each with its
predecessors' records, so that a successor's line runs through the years before its merger. Either way every
agency counts in one province on any date (a predecessor's ends the day before a successor's begins), so the
totals are the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from kit import calendar, lineage, tenancy
from kit.errors import NotFound
from kit.uow import UnitOfWork
from reporting import repository
from reporting.model.figures import national_total
from reporting.services.figures import province_figures

UowFor = Callable[..., UnitOfWork]  # (tenant | None, lineage=False)


def provinces_with_data(uow: UnitOfWork) -> list[str]:
    with uow:
        return repository.provinces_with_data(uow.session)


def provinces_in_force(uow: UnitOfWork, on: date) -> list[str]:
    """The provinces with data that had not merged into another by `on`, and the ones those had merged into (a
    successor whose only records are its predecessors' still has a line)."""
    with uow:
        found = set()
        for tenant in repository.provinces_with_data(uow.session):
            row = lineage.successor(uow.session, tenant, on)  # the last of a chain of mergers
            found.add(row.successor if row else tenant)
        return sorted(found)


def national_figures(uow_for: UowFor, as_of: date, period_start: date, *, current: bool = False) -> dict:
    provinces = {tenant: province_figures(_uow(uow_for, tenant, current), as_of, period_start)
                 for tenant in provinces_in_force(uow_for(None), calendar.today() if current else as_of)}
    return {"as_of": as_of, "period_start": period_start, "borders": "current" if current else "as_reported",
            "provinces": provinces, "total": national_total(provinces)}


def one_province(uow_for: UowFor, province: str, as_of: date, period_start: date, *, current: bool = False) -> dict:
    """One province's figures, for a province with data (404 otherwise)."""
    if province not in provinces_with_data(uow_for(None)):
        raise NotFound("no_figures_for_province", province=province)
    return province_figures(_uow(uow_for, province, current), as_of, period_start)


def national_series(uow_for: UowFor, figure: str, years: Iterable[int], *, current: bool = False) -> dict:
    """One figure at the end of each year, per province and summed (the national time series)."""
    series = {}
    for year in years:
        as_of = date(year, 12, 31)
        values = {t: province_figures(_uow(uow_for, t, current), as_of, date(year, 1, 1))[figure]
                  for t in provinces_in_force(uow_for(None), calendar.today() if current else as_of)}
        series[str(year)] = {"provinces": values, "total": sum(values.values())}
    return {"figure": figure, "borders": "current" if current else "as_reported", "series": series}


def _uow(uow_for: UowFor, tenant: str, current: bool) -> UnitOfWork:
    """The province's unit of work, with its lineage under current borders."""
    return uow_for(tenancy.tenant_id(tenant), lineage=True) if current else uow_for(tenancy.tenant_id(tenant))
