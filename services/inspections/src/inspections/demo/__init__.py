"""Demo inspections that reproduce the seed articles' inspection figures, then go on every year to today.

- An Giang, 2016-2020 (seed 003): every year all 41 provincial-level agencies are inspected, more than 70% of them
  at their premises and the rest through their reports and records, and the 156 communes through their records.
- TP Hồ Chí Minh, 2020 (seed 002): 30 agencies inspected at their premises in the second half of the year.
- Bình Thuận, 2021 (seed 000): the 145 agencies applying a quality system inspected through their records.
- Then every demo province every year up to the current one: about a third of its provincial-level agencies on
  site, another third and a tenth of its communes through their records (`plans`); Bình Thuận and Thái Bình to
  2024, Lâm Đồng and Hưng Yên, their successors, from 2026 (`contracts.demo.years`).

The agencies are the registry's demo agencies as they reached this service's replica through events. A past
inspection goes in as one unit of work (`carry_out`), dated on its business date so the events say when it
happened; one ahead of today is only scheduled. Idempotent per plan title.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import date

from contracts.demo import AGENCIES, chosen, years
from inspections.demo import plans as demo_plans
from inspections.demo.plans import ON_SITE, REVIEW, PlanYear
from inspections.services import agencies
from kit.tenancy import tenant_id

# The registry's demo provinces: agencies in all, and those still valid after the districts ended on 30/6/2025.
# The registry demo's agencies per province and those of them that ended on 30/6/2025 (the district committees).
ENDED_2025 = {"binh-thuan": 10, "an-giang": 11, "ho-chi-minh": 24, "thai-binh": 8, "lam-dong": 0, "hung-yen": 0}
REGISTERED = {slug: (AGENCIES[slug], ended) for slug, ended in ENDED_2025.items()}
AN_GIANG_ON_SITE = {2016: 30, 2017: 31, 2018: 29, 2019: 32, 2020: 30}  # of 41 agencies: 73%, 76%, 71%, 78%, 73%
HCM_ON_SITE_2020 = 30
REORGANISED = date(2025, 7, 1)  # Nghị quyết 202/2025/QH15: no districts from this day
FIRST_ROUTINE_YEAR = {"an-giang": 2021, "ho-chi-minh": 2021, "binh-thuan": 2022, "thai-binh": 2016, "lam-dong": 2026,
                      "hung-yen": 2026}
log = logging.getLogger(__name__)


def wait_for_agencies(uow_for: Callable, needed: dict[str, tuple[int, int]], stop, poll: float = 1.0) -> bool:
    """Wait until each tenant's replica holds all its agencies, the ended ones as ended; False if `stop` is set."""
    def arrived(tenant: str, total: int, ended: int) -> bool:
        # at least: a user may add agencies while the demo is being written (the embedded test does)
        known = agencies.known_of_types(uow_for(tenant_id(tenant)), demo_plans.ALL_TYPES)
        gone = [a for a in known if a.valid_to is not None and a.valid_to < REORGANISED]
        return len(known) >= total and len(gone) >= ended

    while not stop.is_set():
        if all(arrived(t, *counts) for t, counts in needed.items()):
            return True
        time.sleep(poll)
    return False


def seed(uow_for: Callable, progress: Callable[[str], None] = print) -> int:
    """Add the demo plans that are missing (of the chosen demo provinces); returns how many inspections were
    added."""
    today, provinces = uow_for(tenant_id("an-giang")).now().date(), chosen()
    added = 0
    if "an-giang" in provinces:
        added += sum(_plan(uow_for, "an-giang", year, today, _an_giang(uow_for, year, on_site))
                     for year, on_site in AN_GIANG_ON_SITE.items())
        progress(f"demo inspections: an-giang 2016-2020 ready ({added} inspections added)")
    if "ho-chi-minh" in provinces:
        added += _plan(uow_for, "ho-chi-minh", 2020, today, _ho_chi_minh_2020(uow_for))
    if "binh-thuan" in provinces:
        added += _plan(uow_for, "binh-thuan", 2021, today, _binh_thuan_2021(uow_for))
    if {"ho-chi-minh", "binh-thuan"} & set(provinces):
        progress(f"demo inspections: ho-chi-minh 2020 and binh-thuan 2021 ready ({added} inspections added in all)")
    for tenant, first in FIRST_ROUTINE_YEAR.items():
        routine = [year for year in years(tenant, today) if year >= first]
        if tenant in provinces and routine:
            added += sum(_plan(uow_for, tenant, year, today, demo_plans.routine(_valid(uow_for, tenant, year), year))
                         for year in routine)
            progress(f"demo inspections: {tenant} {first}-{routine[-1]} ready ({added} inspections added in all)")
    return added


def _valid(uow_for: Callable, tenant: str, year: int) -> list:
    return agencies.valid_of_types(uow_for(tenant_id(tenant)), demo_plans.ALL_TYPES, date(year, 1, 1))


def _an_giang(uow_for: Callable, year: int, on_site: int) -> PlanYear:
    provincial, communes = demo_plans.split(_valid(uow_for, "an-giang", year))
    forms = [ON_SITE] * on_site + [REVIEW] * (len(provincial) - on_site)
    return PlanYear([*zip(provincial, forms, strict=True), *((c, REVIEW) for c in communes)], first_month=4)


def _ho_chi_minh_2020(uow_for: Callable) -> PlanYear:
    """Approved on 29/4/2020 (QĐ 1452/QĐ-UBND), carried out from July to December."""
    provincial, _ = demo_plans.split(_valid(uow_for, "ho-chi-minh", 2020))
    return PlanYear([(a, ON_SITE) for a in provincial[:HCM_ON_SITE_2020]], first_month=7, months=6,
                    approved_on=date(2020, 4, 29))


def _binh_thuan_2021(uow_for: Callable) -> PlanYear:
    """The 145 applying (not the communes still building), through their reports and records (KH 726/KH-UBND)."""
    applying = [a for a in _valid(uow_for, "binh-thuan", 2021) if "chưa áp dụng" not in (a.name or "")]
    return PlanYear([(a, REVIEW) for a in applying], first_month=4, approved_on=date(2021, 3, 3))


def _plan(uow_for: Callable, tenant: str, year: int, today: date, plan: PlanYear) -> int:
    return demo_plans.add_year(lambda: uow_for(tenant_id(tenant)), year, today, plan)


def in_background(runtime, stop: threading.Event) -> None:
    """The embedded mode: once the registry's demo agencies have reached the replica, the demo inspections."""
    if wait_for_agencies(runtime.uow, {slug: REGISTERED[slug] for slug in chosen()}, stop):
        log.info("demo inspections ready: %d added", seed(runtime.uow, progress=log.info))
