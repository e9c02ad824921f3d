"""Demo inspections that reproduce the seed articles' inspection figures, for `make run` and the demo tests.

- An Giang, 2016-2020: every year all 41 provincial-level agencies are inspected, more than 70% of them at their
  premises and the rest through their reports and records (seed 003: "trên 70%/năm", the minimum being 30%).
- TP Hồ Chí Minh, 2020: the year's plan puts 30 agencies down for an on-site inspection (seed 002).

The agencies are the registry's demo agencies as they reached this service's replica through events; every
record goes through the use cases, so the events flow to reporting as for real data. Idempotent per plan title.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import date

from contracts.inspections import InspectionForm, InspectionKind, OverallResult
from contracts.registry import AgencyType
from inspections.services import agencies, plans
from inspections.services import inspections as steps
from kit.auth import Principal
from kit.tenancy import tenant_id

ON_SITE, REVIEW = InspectionForm.TRUC_TIEP_TAI_TRU_SO, InspectionForm.QUA_BAO_CAO_HO_SO
PROVINCIAL = (AgencyType.SO, AgencyType.CHI_CUC, AgencyType.UBND_HUYEN)
AN_GIANG_ON_SITE = {2016: 30, 2017: 31, 2018: 29, 2019: 32, 2020: 30}  # of 41 agencies: 73%, 76%, 71%, 78%, 73%
HCM_ON_SITE_2020 = 30
log = logging.getLogger(__name__)
OFFICER = Principal(subject="demo-officer", tenant=None, roles=frozenset({"province_officer"}))


def provincial_agencies(uow_for: Callable, tenant: str) -> list:
    """The tenant's active provincial-level agencies in the replica, by name."""
    return agencies.active_of_types(uow_for(tenant_id(tenant)), PROVINCIAL)


def wait_for_agencies(uow_for: Callable, needed: dict[str, int], stop, poll: float = 1.0) -> bool:
    """Wait until each tenant's replica holds its `needed` provincial-level agencies; False if `stop` is set."""
    while not stop.is_set():
        if all(len(provincial_agencies(uow_for, t)) >= n for t, n in needed.items()):
            return True
        time.sleep(poll)
    return False


def seed(uow_for: Callable, progress: Callable[[str], None] = print) -> int:
    """Add the demo plans that are missing; returns how many inspections were added."""
    added = 0
    agencies = provincial_agencies(uow_for, "an-giang")[:41]
    for year, on_site in AN_GIANG_ON_SITE.items():
        forms = [ON_SITE] * on_site + [REVIEW] * (len(agencies) - on_site)
        added += _year(uow_for, "an-giang", year, list(zip(agencies, forms, strict=True)), conclude=True)
    progress(f"demo inspections: an-giang 2016-2020 ready ({added} inspections added)")
    targets = [(a, ON_SITE) for a in provincial_agencies(uow_for, "ho-chi-minh")[:HCM_ON_SITE_2020]]
    added += _year(uow_for, "ho-chi-minh", 2020, targets, conclude=False)
    progress(f"demo inspections: ho-chi-minh 2020 ready ({added} inspections added in all)")
    return added


def _year(uow_for: Callable, tenant: str, year: int, targets: list, *, conclude: bool) -> int:
    title = f"Kế hoạch kiểm tra việc áp dụng HTQLCL năm {year} (dữ liệu minh họa)"
    uow = lambda: uow_for(tenant_id(tenant))  # noqa: E731  (a fresh unit of work per step)
    if plans.is_titled(uow(), title):
        return 0
    plan = plans.create_plan(uow(), {"year": year, "title": title, "period_start": date(year, 3, 1),
                                     "period_end": date(year, 11, 30), "onsite_min_percent": 30},
                             [{"agency_id": a.id, "planned_form": form, "planned_month": 4 + n % 7}
                              for n, (a, form) in enumerate(targets)])
    plans.submit_plan(uow(), plan.id, f"{10 + year % 100}/TTr-SKHCN ngày 15/02/{year}")
    plans.approve_plan(uow(), plan.id, f"{300 + year % 100}/KH-UBND ngày 01/3/{year}")
    for n, (agency, form) in enumerate(targets):
        on = date(year, 4 + n % 7, 5 + n % 20)
        inspection = steps.schedule_inspection(uow(), {"plan_id": plan.id, "agency_id": agency.id, "form": form,
                                                       "kind": InspectionKind.DINH_KY, "scheduled_date": on})
        if conclude:
            _conduct(uow, inspection.id, on, n)
    return len(targets)


def _conduct(uow: Callable, inspection_id, on: date, n: int) -> None:
    steps.notify(uow(), OFFICER, inspection_id, f"{n + 1}/TB-SKHCN", on)
    steps.start(uow(), OFFICER, inspection_id, on)
    steps.record(uow(), OFFICER, inspection_id, f"BB-{n + 1}/{on.year}", on)
    steps.conclude(uow(), OFFICER, inspection_id, conclusion_doc=f"{n + 1}/KL-SKHCN", conclusion_date=on,
                   overall_result=OverallResult.DAT)


def in_background(runtime, stop: threading.Event) -> None:
    """The embedded mode: once the registry's demo agencies have reached the replica, the demo inspections."""
    if wait_for_agencies(runtime.uow, {"an-giang": 41, "ho-chi-minh": HCM_ON_SITE_2020}, stop):
        log.info("demo inspections ready: %d added", seed(runtime.uow, progress=log.info))
