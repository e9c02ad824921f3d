"""Migration 0008 loads the administrative divisions before and after 1/7/2025 from the packages; the list of units
filters and pages them; an agency's `location_unit_code` must be a code of the reference valid on its start
(docs/adr/0015-divisions-from-packages.md)."""

from collections import Counter

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from kit import migrations
from kit.service import load
from tests.registry.conftest import AGENCIES, new_agency
from tests.registry.integration.test_spreadsheets import commune, imported, sheet
from tests.support.service import owned_database

UNITS = "/api/v1/registry/admin-units"


def counts(engine) -> Counter:
    """(scheme, level): (rows, distinct codes), but the communes other tests add (codes 9xxxx)."""
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT scheme, level, count(*), count(DISTINCT code) FROM administrative_units"
                                       " WHERE code !~ '^9[0-9]{4}$' GROUP BY scheme, level"))
        return Counter({(scheme, level): (n, distinct) for scheme, level, n, distinct in rows})


def units(client, headers, **query) -> dict:
    response = client.get(UNITS, query_string=query, headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


class TestTheMigration:
    def test_the_reference_holds_every_unit_once_per_scheme_and_code(self, runtime):
        assert counts(runtime.engine) == {
            ("QD124_2004", "TINH"): (63, 63), ("QD124_2004", "HUYEN"): (696, 696), ("QD124_2004", "XA"): (10035, 10035),
            ("QD19_2025", "TINH"): (34, 34), ("QD19_2025", "XA"): (3321, 3321)}

    def test_the_provinces_typed_before_keep_their_rows(self, client, issuer):
        admin = issuer.headers(roles=["platform_admin"])

        an_giang = units(client, admin, tenant_id="an-giang")["units"]

        assert [(u["scheme"], u["code"], u["source"]) for u in an_giang] == [
            ("QD124_2004", "89", None), ("QD19_2025", "91", None)]

    def test_each_package_is_recorded_with_its_version_and_its_rows(self, client, issuer):
        reference = client.get("/api/v1/registry/reference", headers=issuer.headers(roles=["national_viewer"]))

        sources = {s["name"]: s for s in reference.get_json()["reference_sources"]}
        assert (sources["vietnam-provinces"]["version"], sources["vietnam-provinces"]["row_count"]) == (
            "2025.10.1", 3321)
        assert (sources["vietnamadminunits"]["version"], sources["vietnamadminunits"]["row_count"]) == (
            "1.0.4", 53 + 696 + 10035 + 11351)
        assert "123" in sources["vietnamadminunits"]["notes"] and sources["vietnamadminunits"]["loaded_at"]

    def test_down_to_0007_removes_what_the_packages_gave_and_up_again_loads_it_once(self, postgres):
        owner_url, _ = owned_database(postgres, "registry_divisions")
        service, engine = load("registry"), create_engine(owner_url)
        service.migrate(owner_url)
        config = migrations.alembic_config(owner_url, service.migrations)

        command.downgrade(config, "0007")
        between = counts(engine)
        command.upgrade(config, "heads")
        after = counts(engine)
        engine.dispose()

        assert between == {("QD124_2004", "TINH"): (10, 10), ("QD19_2025", "TINH"): (34, 34)}
        assert after[("QD124_2004", "XA")] == (10035, 10035) and after[("QD19_2025", "TINH")] == (34, 34)


class TestTheListOfUnits:
    @pytest.mark.parametrize(("code", "communes"), [("68", 124), ("91", 102), ("79", 168)])
    def test_the_communes_of_a_province_in_force(self, client, as_officer, code, communes):
        page = units(client, as_officer, scheme="QD19_2025", level="XA", parent_code=code, page_size=1000)

        assert page["total"] == len(page["units"]) >= communes  # other tests add communes 9xxxx
        assert len([u for u in page["units"] if u["source"] == "vietnam-provinces"]) == communes
        assert {u["parent_code"] for u in page["units"]} == {code}

    @pytest.mark.parametrize(("day", "provinces"), [("2025-06-30", 63), ("2025-07-01", 34)])
    def test_the_provinces_valid_on_a_day(self, client, as_officer, day, provinces):
        page = units(client, as_officer, level="TINH", as_of=day)

        assert page["total"] == provinces

    def test_pages_follow_each_other_provinces_first(self, client, as_officer):
        first = units(client, as_officer, scheme="QD19_2025", page_size=30)
        second = units(client, as_officer, scheme="QD19_2025", page_size=30, page=2)

        assert first["total"] == second["total"] >= 3355 and (first["page"], second["page"]) == (1, 2)
        assert {u["level"] for u in first["units"]} == {"TINH"} and len(first["units"]) == 30
        assert not {u["code"] for u in first["units"]} & {u["code"] for u in second["units"]}

    def test_a_page_is_at_most_1000_units(self, client, as_officer):
        response = client.get(UNITS, query_string={"page_size": 1001}, headers=as_officer)

        assert response.status_code == 422

    def test_a_page_carries_its_units_successions_and_every_provinces(self, client, as_officer):
        page = units(client, as_officer, scheme="QD124_2004", parent_code="593")  # Thành phố Phan Thiết

        communes = {u["code"] for u in page["units"]}
        mine = [s for s in page["successions"] if s["from_code"] in communes]
        assert page["total"] == len(communes) > 10 and {s["from_code"] for s in mine} == communes
        in_force = units(client, as_officer, scheme="QD19_2025", parent_code="68", page_size=1000)["units"]
        assert {s["to_code"] for s in mine} <= {u["code"] for u in in_force}
        assert ("60", "68") in {(s["from_code"], s["to_code"]) for s in page["successions"]}


class TestAnAgencysLocation:
    @pytest.mark.parametrize(("code", "valid_from"), [
        ("24781", "2025-07-01"), ("24781", None), ("68", None), ("60", "2020-01-01"), ("593", "2020-01-01"),
        ("22978", "2021-03-01")])
    def test_a_code_valid_on_the_agencys_start_is_accepted(self, client, as_officer, code, valid_from):
        agency = new_agency(client, as_officer, location_unit_code=code, valid_from=valid_from)

        assert agency["location_unit_code"] == code

    @pytest.mark.parametrize(("code", "valid_from", "day"), [
        ("99999", "2025-07-01", "01/07/2025"), ("60", "2025-07-01", "01/07/2025"), ("593", None, ""),
        ("26732", "2025-06-30", "30/06/2025")])  # Đặc khu Côn Đảo: the one code new on 1/7/2025 there
    def test_any_other_code_is_422_in_both_languages(self, client, as_officer, code, valid_from, day):
        body = {"name": "Sở Tư pháp", "agency_type": "SO", "location_unit_code": code, "valid_from": valid_from}

        response = client.post(AGENCIES, json=body, headers=as_officer)

        assert response.status_code == 422
        detail = response.get_json()["detail"]
        assert f"location_unit_code: mã {code} không phải mã" in detail and f"{code} is not a" in detail
        assert day in detail

    def test_a_change_of_location_is_checked_too(self, client, as_officer):
        agency = new_agency(client, as_officer, location_unit_code="68", valid_from="2025-07-01")
        url = f"{AGENCIES}/{agency['id']}"

        fresh = {**as_officer, "If-Match": '"1"'}

        refused = client.patch(url, json={"location_unit_code": "60"}, headers=fresh)
        moved = client.patch(url, json={"location_unit_code": "24781"}, headers=fresh)

        assert refused.status_code == 422 and moved.status_code == 200
        assert moved.get_json()["location_unit_code"] == "24781" and moved.get_json()["version"] == 2

    def test_an_imported_row_with_an_unknown_code_is_a_row_error(self, client, as_officer):
        body = sheet(commune(2), commune(3)[:4] + ["99999", "01/07/2025"])

        job = imported(client, as_officer, body)

        assert job["status"] == "failed"
        [error] = job["result"]["errors"]
        assert error["row"] == 3 and "99999" in error["message"] and "location_unit_code" in error["message"]
        assert client.get(AGENCIES, headers=as_officer).get_json()["total"] == 0
