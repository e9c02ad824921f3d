"""Demo provinces whose records reproduce the figures of the seed articles (for `make run` and the demo), then go on
to today as diligent provinces would.

- Bình Thuận, 2021: 145 agencies applying; 41 obliged at 100%; 104 encouraged, of them 102 communes (82% of
  124); 43 re-announced in 2021; 23/34 completed the transition to ISO 9001:2015 (the other 11 in 2022).
- An Giang, 2016-2020: 41/41 provincial-level agencies (19 departments, 11 sub-departments, 11 district
  committees) and 156/156 communes applying, on 2008 since 2014-2015, on 2015 since 2018.
- TP Hồ Chí Minh, mid-2020: 47/63 completed the transition (the other 16 by January 2021).
- Thái Bình, 2012-2015: 41/41 obliged agencies applying (ISO 9001:2008; the transition in 2019).
- Every district committee ends on 30/6/2025 (Nghị quyết 202/2025/QH15).
- Bình Thuận and Thái Bình merge into Lâm Đồng and Hưng Yên on 1/7/2025 (`contracts.demo.SUCCESSIONS`): their
  records stop on 30/6/2025 and the province succession is executed as a platform admin would (every agency but
  the district committees continues in the successor, `successions`).
Every applying agency records its yearly upkeep up to today (or to the merger, then in its successor's entry)
and has an ISO secretary, but for a few (`lapses`: this year's audit and review missing; `vacancies`: the
secretary left and nobody is appointed yet). Every record goes through the use cases, so the events flow to the
other services as for real data.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from contracts import demo
from contracts.registry import AdminLevel as Level
from contracts.registry import AgencyType as Type
from kit.errors import Conflict
from kit.tenancy import tenant_id
from registry import repository
from registry.demo import successions
from registry.demo.stories import STORIES, Steps, dated
from registry.demo.upkeep import appoint_secretaries, record_upkeep
from registry.services import agencies, tenants

NAMESPACE = uuid.UUID("5f0c7b1e-2a52-4c1e-9d0e-150c0a11ce01")
DISTRICTS_END = date(2025, 6, 30)  # their last day (Nghị quyết 202/2025/QH15)


@dataclass(frozen=True)
class Cohort:
    count: int
    agency_type: Type
    level: Level
    name: str
    story: str
    ended_on: date | None = None
    lapses: tuple[int, ...] = ()  # the agencies (by number) that missed this year's audit and review
    vacancies: tuple[int, ...] = ()  # those whose ISO secretary left and is not replaced yet


PROVINCES = {
    "binh-thuan": ("Tỉnh Bình Thuận", "60", [
        Cohort(1, Type.UBND_TINH, Level.TINH, "UBND tỉnh Bình Thuận", "transitioned_2021"),
        Cohort(22, Type.SO, Level.TINH, "Sở số {n} tỉnh Bình Thuận", "transitioned_2021", vacancies=(17,)),
        Cohort(10, Type.UBND_HUYEN, Level.HUYEN, "UBND huyện số {n} (Bình Thuận)", "transitioning_2021",
               ended_on=DISTRICTS_END),
        Cohort(1, Type.CHI_CUC, Level.TINH, "Chi cục số {n} tỉnh Bình Thuận (đang chuyển đổi)", "transitioning_2021"),
        Cohort(7, Type.CHI_CUC, Level.TINH, "Chi cục số {n} tỉnh Bình Thuận", "announced_2015"),
        Cohort(2, Type.DVSN, Level.TINH, "Đơn vị sự nghiệp số {n} tỉnh Bình Thuận", "announced_2015"),
        Cohort(20, Type.UBND_XA, Level.XA, "UBND xã số {n} (Bình Thuận, công bố lại 2021)", "reannounced_2021"),
        Cohort(82, Type.UBND_XA, Level.XA, "UBND xã số {n} (Bình Thuận)", "announced_2015", lapses=(23, 61),
               vacancies=(40,)),
        Cohort(22, Type.UBND_XA, Level.XA, "UBND xã chưa áp dụng số {n} (Bình Thuận)", "building"),
    ]),
    "an-giang": ("Tỉnh An Giang", "91", [
        Cohort(19, Type.SO, Level.TINH, "Sở số {n} tỉnh An Giang", "an_giang"),
        Cohort(11, Type.CHI_CUC, Level.TINH, "Chi cục số {n} tỉnh An Giang", "an_giang", lapses=(6,)),
        Cohort(11, Type.UBND_HUYEN, Level.HUYEN, "UBND huyện số {n} (An Giang)", "an_giang", ended_on=DISTRICTS_END),
        Cohort(156, Type.UBND_XA, Level.XA, "UBND xã số {n} (An Giang)", "an_giang", lapses=(48, 97, 131),
               vacancies=(12, 150)),
    ]),
    "ho-chi-minh": ("Thành phố Hồ Chí Minh", "79", [
        Cohort(22, Type.SO, Level.TINH, "Sở số {n} TP Hồ Chí Minh", "transitioned_2020", lapses=(9,)),
        Cohort(24, Type.UBND_HUYEN, Level.HUYEN, "UBND quận/huyện số {n} (TP HCM)", "transitioned_2020",
               ended_on=DISTRICTS_END),
        Cohort(1, Type.CHI_CUC, Level.TINH, "Chi cục số 1 TP Hồ Chí Minh", "transitioned_2020"),
        Cohort(16, Type.CHI_CUC, Level.TINH, "Chi cục số {n} TP Hồ Chí Minh (đang chuyển đổi)", "transitioning_2020",
               vacancies=(5,)),
    ]),
    "thai-binh": ("Tỉnh Thái Bình", "34", [
        Cohort(1, Type.UBND_TINH, Level.TINH, "UBND tỉnh Thái Bình", "announced_2008"),
        Cohort(20, Type.SO, Level.TINH, "Sở số {n} tỉnh Thái Bình", "announced_2008", lapses=(14,)),
        Cohort(8, Type.UBND_HUYEN, Level.HUYEN, "UBND huyện số {n} (Thái Bình)", "announced_2008",
               ended_on=DISTRICTS_END),
        Cohort(12, Type.CHI_CUC, Level.TINH, "Chi cục số {n} tỉnh Thái Bình", "announced_2008", vacancies=(3,)),
    ]),
    # The successors: their agencies are their predecessors' that continued (`successions`).
    "lam-dong": ("Tỉnh Lâm Đồng", "68", []),
    "hung-yen": ("Tỉnh Hưng Yên", "33", []),
}

HISTORICAL = frozenset(p for ps in demo.SUCCESSIONS.values() for p in ps)  # their codes 60 and 34 were retired


def seed_provinces(uow_for: Callable) -> None:
    for slug, (name, code, _cohorts) in _chosen().items():
        with contextlib.suppress(Conflict):
            tenants.create_tenant(uow_for(tenant_id(slug)), name=name, official_code=code,
                                  historical=slug in HISTORICAL)


def seed(uow_for: Callable, across: Callable, progress: Callable[[str], None] = print) -> int:
    """Create what is missing (idempotent by stable ids; a succession executed again changes nothing); returns how
    many agencies were added. `across`: a unit of work across provinces, for the successions."""
    seed_provinces(uow_for)
    added, done = 0, set()
    for slug, (_name, _code, cohorts) in _chosen().items():
        tenant = tenant_id(slug)
        today = uow_for(tenant).now().date()
        for cohort in cohorts:
            for n in range(1, cohort.count + 1):
                added += _seed_one(uow_for, tenant, cohort, n, today)
        done.add(slug)
        for successor, predecessors in demo.SUCCESSIONS.items():  # as soon as its predecessors are written
            if slug in predecessors and done >= set(predecessors):
                successions.succeed(across, uow_for, successor, _continuing(predecessors), today)
                progress(f"demo figures: {', '.join(predecessors)} merged into {successor} on 1/7/2025")
        progress(f"demo figures: {slug} ready ({added} agencies added so far)")
    return added


def _chosen() -> dict:
    return {slug: province for slug, province in PROVINCES.items() if slug in demo.chosen()}


def _continuing(predecessors) -> list[successions.Member]:
    """The predecessors' agencies that go on in their successor (all but the district committees)."""
    return [successions.Member(_agency_id(tenant_id(slug), cohort, n), n, lapsed=n in cohort.lapses,
                               vacant=n in cohort.vacancies)
            for slug in predecessors for cohort in PROVINCES[slug][2] if cohort.ended_on is None
            for n in range(1, cohort.count + 1)]


def _agency_id(tenant: str, cohort: Cohort, n: int) -> uuid.UUID:
    return uuid.uuid5(NAMESPACE, f"{tenant}/{cohort.name.format(n=n)}")


def _seed_one(uow_for, tenant: str, cohort: Cohort, n: int, today: date) -> int:
    name, agency = cohort.name.format(n=n), _agency_id(tenant, cohort, n)
    with uow_for(tenant) as uow:
        if repository.find_agency(uow.session, agency) is not None:
            return 0
    agencies.register_agency(uow_for(tenant), {"name": name, "agency_type": cohort.agency_type,
                                               "admin_level": cohort.level}, agency_id=agency)
    steps = Steps(uow_for, tenant, agency)
    STORIES[cohort.story](steps, n)
    if demo.merged(tenant):  # its own records stop at the merger; this year's exceptions are its successor's
        record_upkeep(steps, n, demo.REORGANISED, cohort.ended_on, lapsed=False)
        appoint_secretaries(steps, n, demo.REORGANISED, vacant=False)
    else:
        record_upkeep(steps, n, today, cohort.ended_on, lapsed=n in cohort.lapses)
        appoint_secretaries(steps, n, today, vacant=n in cohort.vacancies)
    if cohort.ended_on:
        agencies.dissolve_agency(dated(uow_for(tenant), cohort.ended_on), agency, dissolved_on=cohort.ended_on,
                                 decision="202/2025/QH15")
    return 1
