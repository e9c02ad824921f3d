"""The other services' demos wait for `contracts.demo.AGENCIES` agencies per province: the registry demo writes
exactly that many, so none of them waits forever or starts early."""

from __future__ import annotations

from datetime import date

from contracts.demo import AGENCIES, FIRST_YEAR, SUCCESSIONS
from registry.demo.figures import PROVINCES


def test_the_registry_demo_writes_the_agencies_the_other_demos_wait_for():
    written = {slug: sum(cohort.count for cohort in cohorts) for slug, (_name, _code, cohorts) in PROVINCES.items()}
    for successor, predecessors in SUCCESSIONS.items():  # the agencies that continued
        written[successor] = sum(c.count for p in predecessors for c in PROVINCES[p][2] if c.ended_on is None)

    assert written == AGENCIES
    assert set(FIRST_YEAR) == set(PROVINCES)


def test_the_inspections_demo_waits_for_the_district_committees_the_registry_demo_ends():
    from inspections.demo import ENDED_2025

    ended = {slug: sum(c.count for c in cohorts if c.ended_on == date(2025, 6, 30))
             for slug, (_name, _code, cohorts) in PROVINCES.items()}

    assert ended == ENDED_2025
