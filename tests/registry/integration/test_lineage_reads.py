"""After a succession, what each side reads of the lineage in the registry: the summary under both borders, the
caller's province with its lineage, a lineage list narrowed to one province (the archive), and a province's own
settings (never a predecessor's) in a unit of work that reads the lineage."""

from __future__ import annotations

import pytest

from registry import repository
from tests.registry.integration.test_province_successions import admin, provinces, request  # noqa: F401

SUMMARY = "/api/v1/registry/summary"
CURRENT = "/api/v1/registry/tenants/current"
AGENCIES = "/api/v1/registry/agencies"


@pytest.fixture
def succeeded(client, provinces, admin):  # noqa: F811
    executed = client.post("/api/v1/registry/successions", json=request(provinces), headers=admin)
    assert executed.status_code == 201, executed.get_json()
    return provinces


def summary(client, headers, as_of: str, **query) -> dict:
    reply = client.get(SUMMARY, query_string={"as_of": as_of, **query}, headers=headers)
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()


class TestSummary:
    def test_under_current_borders_the_successor_counts_its_predecessors_agencies_of_the_day(self, client,
                                                                                          succeeded):
        p = succeeded

        reported = summary(client, p["new"], "2021-12-31")
        current = summary(client, p["new"], "2021-12-31", borders="current")
        predecessor = summary(client, p["old"], "2021-12-31")

        assert reported["total"] == 1  # the successor's own Sở
        assert current["total"] == reported["total"] + predecessor["total"] == 4  # + Sở, commune, district
        assert current["by_agency_type"]["UBND_HUYEN"]["total"] == 1

    def test_after_the_effective_date_both_borders_agree_and_nothing_counts_twice(self, client, succeeded):
        p = succeeded

        reported = summary(client, p["new"], "2025-07-01")
        current = summary(client, p["new"], "2025-07-01", borders="current")

        assert reported == current
        assert reported["total"] == 2  # its Sở and the commune continuing in it; the predecessor's ended 30/6/2025

    def test_a_third_province_reads_nothing_of_the_lineage_under_current_borders(self, client, issuer, succeeded):
        other = issuer.headers(tenant="t-third-province", roles=["province_officer"])

        assert summary(client, other, "2021-12-31", borders="current")["total"] == 0

    def test_borders_other_than_the_two_answer_422(self, client, succeeded):
        reply = client.get(SUMMARY, query_string={"borders": "1975"}, headers=succeeded["new"])

        assert reply.status_code == 422


class TestSettings:
    def test_a_lineage_reader_gets_its_own_provinces_setting_not_a_predecessors(
            self, client, runtime, provinces, admin):  # noqa: F811
        p = provinces
        for headers, days in ((p["old"], "45"), (p["new"], "60")):  # set before the succession
            put = client.put("/api/v1/registry/settings/reannouncement_days", json={"value": days},
                             headers={**headers, "If-Match": '"0"'})
            assert put.status_code == 200, put.get_json()
        assert client.post("/api/v1/registry/successions", json=request(p), headers=admin).status_code == 201

        with runtime.uow(p["successor"], lineage=True) as uow:
            assert repository.setting(uow.session, "reannouncement_days") == "60"
            assert repository.province_setting(uow.session, "reannouncement_days").value == "60"
        with runtime.uow(p["predecessor"]) as uow:
            assert repository.setting(uow.session, "reannouncement_days") == "45"


class TestCurrentTenant:
    def test_each_side_of_a_succession_reads_its_lineage_and_a_third_province_none(self, client, issuer,
                                                                                   succeeded):
        p = succeeded

        old = client.get(CURRENT, headers=p["old"]).get_json()
        new = client.get(CURRENT, headers=p["new"]).get_json()

        assert (old["id"], old["merged_into"], old["successor_name"], old["effective_date"]) == (
            p["predecessor"], p["successor"], "Tỉnh Sau", "2025-07-01")
        assert old["predecessors"] == []
        assert (new["merged_into"], new["effective_date"]) == (None, None)
        assert new["predecessors"] == [{"id": p["predecessor"], "name": "Tỉnh Trước", "effective_date": "2025-07-01"}]


class TestArchiveList:
    def test_a_lineage_list_narrows_to_one_province_and_a_province_outside_the_lineage_lists_nothing(
            self, client, succeeded):
        p = succeeded
        query = {"lineage": "true", "page_size": 100}

        everything = client.get(AGENCIES, query_string=query, headers=p["new"]).get_json()
        archive = client.get(AGENCIES, query_string={**query, "province": p["predecessor"]},
                             headers=p["new"]).get_json()
        outside = client.get(AGENCIES, query_string={**query, "province": "t-third-province"},
                             headers=p["new"]).get_json()

        assert {a["tenant_id"] for a in archive["items"]} == {p["predecessor"]}
        assert archive["total"] == 4 and everything["total"] == 4 + 2
        assert outside["total"] == 0
