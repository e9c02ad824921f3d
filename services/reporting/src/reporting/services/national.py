"""The national view: every province's figures side by side and summed (aggregates only, never records).

`uow_for(None)` is the cross-tenant reader (which provinces have data); `uow_for(tenant)` one province's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from kit import tenancy
from kit.errors import NotFound
from kit.uow import UnitOfWork
from reporting import repository
from reporting.model.figures import national_total
from reporting.services.figures import province_figures

UowFor = Callable[[tenancy.TenantId | None], UnitOfWork]


def provinces_with_data(uow: UnitOfWork) -> list[str]:
    with uow:
        return repository.provinces_with_data(uow.session)


def national_figures(uow_for: UowFor, as_of: date, period_start: date) -> dict:
    provinces = {tenant: province_figures(uow_for(tenancy.tenant_id(tenant)), as_of, period_start)
                 for tenant in provinces_with_data(uow_for(None))}
    return {"as_of": as_of, "period_start": period_start, "provinces": provinces, "total": national_total(provinces)}


def one_province(uow_for: UowFor, province: str, as_of: date, period_start: date) -> dict:
    """One province's figures, for a province with data (404 otherwise)."""
    if province not in provinces_with_data(uow_for(None)):
        raise NotFound("no_figures_for_province", province=province)
    return province_figures(uow_for(tenancy.tenant_id(province)), as_of, period_start)


def national_series(uow_for: UowFor, figure: str, years: Iterable[int]) -> dict:
    """One figure at the end of each year, per province and summed (the national time series)."""
    provinces = provinces_with_data(uow_for(None))
    series = {}
    for year in years:
        as_of = date(year, 12, 31)
        values = {t: province_figures(uow_for(tenancy.tenant_id(t)), as_of, date(year, 1, 1))[figure]
                  for t in provinces}
        series[str(year)] = {"provinces": values, "total": sum(values.values())}
    return {"figure": figure, "series": series}
