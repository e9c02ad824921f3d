"""Demo provinces whose records reproduce the figures of the seed articles (for `make run` and the demo).

- Bình Thuận, 2021: 145 agencies applying; 41 obliged at 100%; 104 encouraged, of them 102 communes (82% of
  124); 43 re-announced in 2021; 23/34 completed the transition to ISO 9001:2015.
- An Giang, 2016-2020: 41/41 provincial-level agencies (19 departments, 11 sub-departments, 11 district
  committees) and 156/156 communes applying.
- TP Hồ Chí Minh, mid-2020: 47/63 completed the transition.
- Thái Bình, 2012-2015: 41/41 obliged agencies applying (ISO 9001:2008).
Every record goes through the use cases, so the events flow to the other services as for real data.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from contracts.registry import AdminLevel as Level
from contracts.registry import AgencyType as Type
from kit.errors import Conflict
from kit.tenancy import tenant_id
from registry import repository
from registry.services import agencies, quality_systems, tenants

NAMESPACE = uuid.UUID("5f0c7b1e-2a52-4c1e-9d0e-150c0a11ce01")
V2008, V2015 = "TCVN_ISO_9001_2008", "TCVN_ISO_9001_2015"


@dataclass(frozen=True)
class Cohort:
    count: int
    agency_type: Type
    level: Level
    name: str
    story: str
    ended_on: date | None = None


PROVINCES = {
    "binh-thuan": ("Tỉnh Bình Thuận", "60", [
        Cohort(1, Type.UBND_TINH, Level.TINH, "UBND tỉnh Bình Thuận", "transitioned_2021"),
        Cohort(22, Type.SO, Level.TINH, "Sở số {n} tỉnh Bình Thuận", "transitioned_2021"),
        Cohort(10, Type.UBND_HUYEN, Level.HUYEN, "UBND huyện số {n} (Bình Thuận)", "transitioning_2021",
               ended_on=date(2025, 6, 30)),
        Cohort(1, Type.CHI_CUC, Level.TINH, "Chi cục số {n} tỉnh Bình Thuận (đang chuyển đổi)", "transitioning_2021"),
        Cohort(7, Type.CHI_CUC, Level.TINH, "Chi cục số {n} tỉnh Bình Thuận", "announced_2015"),
        Cohort(2, Type.DVSN, Level.TINH, "Đơn vị sự nghiệp số {n} tỉnh Bình Thuận", "announced_2015"),
        Cohort(20, Type.UBND_XA, Level.XA, "UBND xã số {n} (Bình Thuận, công bố lại 2021)", "reannounced_2021"),
        Cohort(82, Type.UBND_XA, Level.XA, "UBND xã số {n} (Bình Thuận)", "announced_2015"),
        Cohort(22, Type.UBND_XA, Level.XA, "UBND xã chưa áp dụng số {n} (Bình Thuận)", "building"),
    ]),
    "an-giang": ("Tỉnh An Giang", "91", [
        Cohort(19, Type.SO, Level.TINH, "Sở số {n} tỉnh An Giang", "announced_2015"),
        Cohort(11, Type.CHI_CUC, Level.TINH, "Chi cục số {n} tỉnh An Giang", "announced_2015"),
        Cohort(11, Type.UBND_HUYEN, Level.HUYEN, "UBND huyện số {n} (An Giang)", "announced_2015"),
        Cohort(156, Type.UBND_XA, Level.XA, "UBND xã số {n} (An Giang)", "announced_2015"),
    ]),
    "ho-chi-minh": ("Thành phố Hồ Chí Minh", "79", [
        Cohort(22, Type.SO, Level.TINH, "Sở số {n} TP Hồ Chí Minh", "transitioned_2020"),
        Cohort(24, Type.UBND_HUYEN, Level.HUYEN, "UBND quận/huyện số {n} (TP HCM)", "transitioned_2020"),
        Cohort(1, Type.CHI_CUC, Level.TINH, "Chi cục số 1 TP Hồ Chí Minh", "transitioned_2020"),
        Cohort(16, Type.CHI_CUC, Level.TINH, "Chi cục số {n} TP Hồ Chí Minh (đang chuyển đổi)", "transitioning_2020"),
    ]),
    "thai-binh": ("Tỉnh Thái Bình", "34", [
        Cohort(1, Type.UBND_TINH, Level.TINH, "UBND tỉnh Thái Bình", "announced_2008"),
        Cohort(20, Type.SO, Level.TINH, "Sở số {n} tỉnh Thái Bình", "announced_2008"),
        Cohort(8, Type.UBND_HUYEN, Level.HUYEN, "UBND huyện số {n} (Thái Bình)", "announced_2008"),
        Cohort(12, Type.CHI_CUC, Level.TINH, "Chi cục số {n} tỉnh Thái Bình", "announced_2008"),
    ]),
}


def seed_provinces(uow_for: Callable) -> None:
    for slug, (name, code, _cohorts) in PROVINCES.items():
        with contextlib.suppress(Conflict):
            tenants.create_tenant(uow_for(tenant_id(slug)), name=name, official_code=code)


def seed(uow_for: Callable, progress: Callable[[str], None] = print) -> int:
    """Create what is missing (idempotent by stable ids); returns how many agencies were added."""
    seed_provinces(uow_for)
    added = 0
    for slug, (_name, _code, cohorts) in PROVINCES.items():
        tenant = tenant_id(slug)
        for cohort in cohorts:
            for n in range(1, cohort.count + 1):
                added += _seed_one(uow_for, tenant, cohort, cohort.name.format(n=n), n)
        progress(f"demo figures: {slug} ready ({added} agencies added so far)")
    return added


def _seed_one(uow_for, tenant: str, cohort: Cohort, name: str, n: int) -> int:
    agency = uuid.uuid5(NAMESPACE, f"{tenant}/{name}")
    with uow_for(tenant) as uow:
        if repository.find_agency(uow.session, agency) is not None:
            return 0
    agencies.register_agency(uow_for(tenant), {"name": name, "agency_type": cohort.agency_type,
                                               "admin_level": cohort.level}, agency_id=agency)
    STORIES[cohort.story](Steps(uow_for, tenant, agency), n)
    if cohort.ended_on:
        agencies.dissolve_agency(uow_for(tenant), agency, dissolved_on=cohort.ended_on, decision="202/2025/QH15")
    return 1


@dataclass
class Steps:
    uow_for: Callable
    tenant: str
    agency: uuid.UUID

    def __getattr__(self, command: str):
        use_case = getattr(quality_systems, command)
        return lambda *args, **kwargs: use_case(self.uow_for(self.tenant), self.agency, *args, **kwargs)

    def announced(self, standard: str, built: date) -> None:
        self.create_quality_system({"standard_version": standard, "built_with": "TO_CHUC_TU_VAN"})
        self.start_building(on=built)
        self.apply(on=built + timedelta(days=120))
        self.audits(built + timedelta(days=200))
        self.announce({"decision_no": "01/QĐ-CB", "decision_date": built + timedelta(days=230)})

    def audits(self, on: date) -> None:
        """The year's upkeep the registry requires (reference data: `required_yearly`): objectives, audit, review."""
        for activity in ("MUC_TIEU_CHAT_LUONG", "DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO"):
            self.record_maintenance({"activity_type": activity, "activity_date": on})

    def transition(self, started: date, announced: date | None) -> None:
        self.start_transition(on=started)
        if announced:
            self.audits(announced - timedelta(days=20))
            self.announce({"decision_no": "02/QĐ-CBL", "decision_date": announced, "reason": "CHUYEN_DOI_PHIEN_BAN",
                           "standard_version": V2015})


STORIES = {
    "building": lambda s, n: (s.create_quality_system({"standard_version": V2015}),
                              s.start_building(on=date(2021, 3, 1))),
    "announced_2015": lambda s, n: s.announced(V2015, date(2018, 1, 8) + timedelta(days=n)),
    "announced_2008": lambda s, n: s.announced(V2008, date(2012, 6, 1) + timedelta(days=7 * n)),
    "transitioned_2021": lambda s, n: (s.announced(V2008, date(2015, 3, 2)),
                                       s.transition(date(2021, 2, 1), date(2021, 9, 1) + timedelta(days=n))),
    "transitioning_2021": lambda s, n: (s.announced(V2008, date(2015, 3, 2)), s.transition(date(2021, 2, 1), None)),
    "reannounced_2021": lambda s, n: (s.announced(V2015, date(2018, 3, 1)),
                                      s.change_scope(on=date(2021, 4, 1), reason="DIEU_CHINH_PHAM_VI"),
                                      s.audits(date(2021, 5, 2)),
                                      s.announce({"decision_no": "03/QĐ-CBL", "decision_date": date(2021, 5, 20),
                                                  "reason": "DIEU_CHINH_PHAM_VI"})),
    "transitioned_2020": lambda s, n: (s.announced(V2008, date(2016, 3, 1)),
                                       s.transition(date(2019, 6, 3), date(2019, 12, 2) + timedelta(days=n))),
    "transitioning_2020": lambda s, n: (s.announced(V2008, date(2016, 3, 1)), s.transition(date(2020, 1, 6), None)),
}
