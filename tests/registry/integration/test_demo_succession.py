"""The registry's demo executes the 2025 successions (issue 19): Thái Bình's records stop on 30/6/2025, its
agencies but the district committees continue in Hưng Yên with their ISO secretaries, and go on with their upkeep
there; the seed written again adds nothing."""

from __future__ import annotations

from datetime import date

import pytest

from contracts.registry import AgencyStatus
from kit import lineage
from registry import repository
from registry.demo import figures
from registry.demo.upkeep import OBJECTIVES, year_of_upkeep
from tests.support.service import ServiceUnderTest


@pytest.fixture(scope="module")
def seeded(postgres, issuer):
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DEMO_PROVINCES", "thai-binh")
        sut = ServiceUnderTest.start(postgres, issuer, "registry", "registry_demo_succession")
        added = figures.seed(sut.runtime.uow, sut.runtime.across_tenants, progress=lambda _line: None)
        again = figures.seed(sut.runtime.uow, sut.runtime.across_tenants, progress=lambda _line: None)
    return sut.runtime, added, again


def agencies_of(runtime, tenant: str) -> list:
    with runtime.uow(tenant) as uow:
        return repository.agencies_of_tenants(uow.session, [tenant])


def test_thai_binh_ends_on_30_6_2025_and_its_agencies_but_the_districts_continue_in_hung_yen(seeded):
    runtime, added, _ = seeded
    old, new = agencies_of(runtime, "thai-binh"), agencies_of(runtime, "hung-yen")

    assert added == 41 and len(old) == 41
    assert {a.valid_to for a in old} == {date(2025, 6, 30)}
    assert {a.status for a in old if a.agency_type != "UBND_HUYEN"} == {AgencyStatus.DA_SAP_NHAP}
    assert len(new) == 33 and {a.valid_from for a in new} == {date(2025, 7, 1)}
    assert {a.status for a in new} == {AgencyStatus.HOAT_DONG}
    assert {a.name for a in new} == {a.name for a in old if a.agency_type != "UBND_HUYEN"}
    with runtime.uow("hung-yen") as uow:
        assert lineage.predecessors(uow.session, "hung-yen", date(2025, 7, 1)) == ["thai-binh"]


def test_the_successor_entries_go_on_with_their_upkeep_and_secretaries_and_this_years_exceptions(seeded):
    runtime, _, _ = seeded
    today = runtime.uow("hung-yen").now().date()
    with runtime.uow("hung-yen") as uow:
        entries = repository.agencies_of_tenants(uow.session, ["hung-yen"])
        upkeep = {a.name: repository.maintenance_of(uow.session, a.id, None) for a in entries}
        secretaries = {a.name: [o for o in repository.officers_of(uow.session, a.id) if o.removed_on is None]
                       for a in entries}

    assert all(m.activity_date >= date(2025, 7, 1) for records in upkeep.values() for m in records)
    this_year = {name: {m.activity_type for m in records if m.activity_date.year == today.year}
                 for name, records in upkeep.items()}

    def due(n: int, lapsed: bool) -> set[str]:
        return {kind for kind, day in year_of_upkeep(today.year, n)
                if day < today and (not lapsed or kind == OBJECTIVES)}

    assert this_year["Sở số 13 tỉnh Thái Bình"] == due(13, lapsed=False)
    assert this_year["Sở số 14 tỉnh Thái Bình"] == due(14, lapsed=True)  # missed this year's audit and review
    assert [name for name, people in secretaries.items() if not people] == ["Chi cục số 3 tỉnh Thái Bình"]


def test_written_again_the_demo_adds_nothing(seeded):
    runtime, _, again = seeded

    assert again == 0 and len(agencies_of(runtime, "hung-yen")) == 33
