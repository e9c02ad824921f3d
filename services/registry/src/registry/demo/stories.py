"""How each demo agency's quality system came to be, step by step through the use cases, dated as it happened.

A story is a function of the agency's `Steps` and its number in its cohort. Every unit of work of a step has a
clock set to the step's business date, so the events say when things happened, not when the demo was seeded.
"""

from __future__ import annotations

import dataclasses
import itertools
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from registry.services import quality_systems

V2008, V2015 = "TCVN_ISO_9001_2008", "TCVN_ISO_9001_2015"
LATE_COMMUNES = 14  # of Bình Thuận's 22 communes still building in 2021, those that apply in 2022-2023


def dated(uow, day: date):
    """The unit of work with its clock at 9:00 UTC of `day` (the business date its events carry), a microsecond
    later at each reading: the events of one batch keep their order (reporting takes the newest record's word)."""
    start, ticks = datetime.combine(day, time(9), tzinfo=UTC), itertools.count()
    return dataclasses.replace(uow, clock=lambda: start + timedelta(microseconds=next(ticks)))


@dataclass
class Steps:
    """One agency's commands; remembers what the yearly upkeep and the ISO secretary need to know."""

    uow_for: Callable
    tenant: str
    agency: uuid.UUID
    built_on: date | None = None
    announced_on: date | None = None
    audited_years: set[int] = field(default_factory=set)

    def run(self, command: str, day: date, /, *args, **kwargs):
        use_case = getattr(quality_systems, command)
        return use_case(dated(self.uow_for(self.tenant), day), self.agency, *args, **kwargs)

    def create(self, standard: str, built: date) -> None:
        self.run("create_quality_system", built, {"standard_version": standard, "built_with": "TO_CHUC_TU_VAN"})
        self.run("start_building", built, on=built)
        self.built_on = built

    def announced(self, standard: str, built: date) -> None:
        self.create(standard, built)
        self.apply_and_announce(built + timedelta(days=120), "01/QĐ-CB")

    def apply_and_announce(self, applied: date, decision_no: str) -> None:
        self.run("apply", applied, on=applied)
        self.audits(applied + timedelta(days=80))
        self.announce(applied + timedelta(days=110), {"decision_no": decision_no})

    def announce(self, on: date, fields: dict) -> None:
        self.run("announce", on, {**fields, "decision_date": on})
        self.announced_on = self.announced_on or on

    def audits(self, on: date) -> None:
        """The year's upkeep the registry requires (reference data: `required_yearly`): objectives, audit, review."""
        self.run("record_maintenance_batch", on, [{"activity_type": activity, "activity_date": on} for activity in
                                                  ("MUC_TIEU_CHAT_LUONG", "DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO")])
        self.audited_years.add(on.year)

    def transition(self, started: date, announced: date | None) -> None:
        self.run("start_transition", started, on=started)
        if announced:
            self.audits(announced - timedelta(days=20))
            self.announce(announced, {"decision_no": "02/QĐ-CBL", "reason": "CHUYEN_DOI_PHIEN_BAN",
                                      "standard_version": V2015})


def building(s: Steps, n: int) -> None:
    """Bình Thuận's communes that started in 2021 on 2015; the first LATE_COMMUNES apply in 2022-2023."""
    s.create(V2015, date(2021, 3, 1))
    if n <= LATE_COMMUNES:
        s.apply_and_announce(date(2022, 2, 1) + timedelta(days=20 * n), "01/QĐ-CB")


def reannounced_2021(s: Steps, n: int) -> None:
    s.announced(V2015, date(2018, 3, 1))
    s.run("change_scope", date(2021, 4, 1), on=date(2021, 4, 1), reason="DIEU_CHINH_PHAM_VI")
    s.audits(date(2021, 5, 2))
    s.announce(date(2021, 5, 20), {"decision_no": "03/QĐ-CBL", "reason": "DIEU_CHINH_PHAM_VI"})


STORIES: dict[str, Callable[[Steps, int], object]] = {
    "building": building,
    "announced_2015": lambda s, n: s.announced(V2015, date(2018, 1, 8) + timedelta(days=n)),
    # Thái Bình: 41/41 on 2008 in 2012-2015, then the transition in 2019, before the 30/6/2021 deadline.
    "announced_2008": lambda s, n: (s.announced(V2008, date(2012, 6, 1) + timedelta(days=7 * n)),
                                    s.transition(date(2019, 3, 4), date(2019, 9, 2) + timedelta(days=5 * n))),
    # An Giang (seed 003): every agency applying on 2008 before 2016, the transition to 2015 completed in 2018.
    "an_giang": lambda s, n: (s.announced(V2008, date(2014, 2, 3) + timedelta(days=n)),
                              s.transition(date(2017, 9, 4), date(2018, 3, 1) + timedelta(days=n))),
    "transitioned_2021": lambda s, n: (s.announced(V2008, date(2015, 3, 2)),
                                       s.transition(date(2021, 2, 1), date(2021, 9, 1) + timedelta(days=n))),
    # Bình Thuận's 11 late ones (23/34 at the end of 2021) complete in 2022.
    "transitioning_2021": lambda s, n: (s.announced(V2008, date(2015, 3, 2)),
                                        s.transition(date(2021, 2, 1), date(2022, 3, 15) + timedelta(days=9 * n))),
    "reannounced_2021": reannounced_2021,
    "transitioned_2020": lambda s, n: (s.announced(V2008, date(2016, 3, 1)),
                                       s.transition(date(2019, 6, 3), date(2019, 12, 2) + timedelta(days=n))),
    # TP HCM's 16 still transitioning in mid-2020 (47/63) complete from October 2020 to January 2021.
    "transitioning_2020": lambda s, n: (s.announced(V2008, date(2016, 3, 1)),
                                        s.transition(date(2020, 1, 6), date(2020, 10, 1) + timedelta(days=7 * n))),
}
