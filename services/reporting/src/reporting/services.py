"""Use cases of reporting: a province's figures, and the national view across provinces (aggregates only)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import func, select

from kit import tenancy
from kit.inbox import ProcessedMessage
from kit.uow import UnitOfWork
from reporting import figures
from reporting.orm import AgencyView

SUMMED = ("total", "obliged", "obliged_applying", "applying", "announced", "on_2015", "re_announced_in_period")


def province_figures(uow: UnitOfWork, as_of: date, period_start: date) -> dict:
    with uow:
        return figures.province_figures(uow.session, as_of, period_start)


def national_figures(uow_for, as_of: date, period_start: date) -> dict:
    """Every province side by side and summed. `uow_for(None)` must be the cross-tenant reader."""
    provinces = {tenant: province_figures(uow_for(tenancy.tenant_id(tenant)), as_of, period_start)
                 for tenant in provinces_with_data(uow_for(None))}
    total = {name: sum(p[name] for p in provinces.values()) for name in SUMMED}
    transition = [p["transition"] for p in provinces.values()]
    total["transition"] = {"completed": sum(t["completed"] for t in transition), "of": sum(t["of"] for t in transition)}
    return {"as_of": as_of, "period_start": period_start, "provinces": provinces, "total": total}


def provinces_with_data(uow: UnitOfWork) -> list[str]:
    with uow:
        return list(uow.session.scalars(select(AgencyView.tenant_id).distinct().order_by(AgencyView.tenant_id)))


def freshness(uow: UnitOfWork, lag: Callable[[], dict[str, int]] | None) -> dict:
    """How far the read models have come: messages applied, the time of the last one, and the messages still
    waiting per topic (`lag`; null with the reason when the broker cannot be asked)."""
    with uow:
        count, last = uow.session.execute(select(func.count(), func.max(ProcessedMessage.processed_at))).one()
    answer = {"messages_applied": count, "last_applied_at": last, "lag": None, "lag_by_topic": None}
    if lag is None:
        return {**answer, "lag_error": "no broker configured for this process"}
    try:
        by_topic = lag()
    except Exception as exc:  # noqa: BLE001  (the figure is informative; the endpoint still answers)
        return {**answer, "lag_error": f"broker not reachable: {type(exc).__name__}"}
    return {**answer, "lag": sum(by_topic.values()), "lag_by_topic": by_topic}


def national_series(uow_for, figure: str, years: range) -> dict:
    """One figure at the end of each year, per province and summed (the national time series)."""
    provinces = provinces_with_data(uow_for(None))
    series = {}
    for year in years:
        as_of = date(year, 12, 31)
        values = {t: province_figures(uow_for(tenancy.tenant_id(t)), as_of, date(year, 1, 1))[figure]
                  for t in provinces}
        series[str(year)] = {"provinces": values, "total": sum(values.values())}
    return {"figure": figure, "series": series}
