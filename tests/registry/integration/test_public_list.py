"""The public list (công khai): with no token, a province's agencies whose quality system is announced and in
force on a day, searchable without accents, as JSON and CSV with the same rows, cacheable with an ETag."""

from __future__ import annotations

import csv
import io
import uuid

import pytest

from registry.services import tenants
from tests.registry.conftest import AGENCIES, Records, new_agency
from tests.registry.integration.test_province_successions import admin, provinces, request  # noqa: F401

PUBLIC = "/api/v1/registry/public"
PUBLISHED = {"name", "agency_type", "admin_level", "announced_on", "announcement_kind", "standard_version",
             "scope_description", "scope_tthc_count"}


def listed(client, province: str, **query) -> dict:
    reply = client.get(f"{PUBLIC}/{province}/announced", query_string=query)
    assert reply.status_code == 200, reply.get_json()
    return reply.get_json()


def names(client, province: str, **query) -> list[str]:
    return [item["name"] for item in listed(client, province, **query)["items"]]


@pytest.fixture
def world(client, as_officer, province, other_province, issuer):
    """A province with an announced Sở, a re-announced commune, an applied (not announced) Sở, a Sở whose system
    stopped in 2022 and one dissolved in 2022; and another province's announced Sở."""
    so = new_agency(client, as_officer, name="Sở Tư pháp", valid_from="2010-01-01")
    Records(client, as_officer, so["id"]).announced(scope_description="Toàn bộ TTHC", scope_tthc_count=120)
    xa = new_agency(client, as_officer, name="UBND xã Đông Hòa", agency_type="UBND_XA", admin_level="XA",
                    valid_from="2010-01-01")
    commune = Records(client, as_officer, xa["id"])
    commune.announced()
    commune.move("scope", on="2022-04-01", reason="MO_RONG_PHAM_VI", scope_tthc_count=80)
    commune.announce(decision_no="7/QĐ-UBND", decision_date="2022-05-02", reason="MO_RONG_PHAM_VI")
    Records(client, as_officer, new_agency(client, as_officer, name="Sở Y tế")["id"]).applied()
    stopped = new_agency(client, as_officer, name="Sở Nội vụ", valid_from="2010-01-01")
    Records(client, as_officer, stopped["id"]).announced()
    manager = issuer.headers(tenant=province, roles=["province_admin"])
    Records(client, manager, stopped["id"]).move("stop", on="2022-01-10", reason="Thu hồi công bố")
    gone = new_agency(client, as_officer, name="Sở Tài chính", valid_from="2010-01-01")
    Records(client, as_officer, gone["id"]).announced()
    dissolved = client.post(f"{AGENCIES}/{gone['id']}/dissolve", json={"dissolved_on": "2022-03-01"},
                            headers=as_officer)
    assert dissolved.status_code == 200, dissolved.get_json()
    theirs = issuer.headers(tenant=other_province, roles=["province_officer"])
    Records(client, theirs, new_agency(client, theirs, name="Sở Tư pháp tỉnh khác")["id"]).announced()
    return province


class TestTheList:
    def test_today_it_lists_exactly_the_announced_agencies_in_force_with_their_announcement(self, client, world):
        found = listed(client, world)

        assert [item["name"] for item in found["items"]] == ["Sở Tư pháp", "UBND xã Đông Hòa"]
        so, xa = found["items"]
        assert so == {"name": "Sở Tư pháp", "agency_type": "SO", "admin_level": None, "announced_on": "2021-06-01",
                      "announcement_kind": "LAN_DAU", "standard_version": "TCVN ISO 9001:2015",
                      "scope_description": "Toàn bộ TTHC", "scope_tthc_count": 120}
        assert (xa["announced_on"], xa["announcement_kind"], xa["scope_tthc_count"]) == (
            "2022-05-02", "CONG_BO_LAI", 80)
        assert found["total"] == 2 and found["province"]["id"] == world

    def test_on_an_earlier_day_it_lists_what_was_in_force_then(self, client, world):
        found = listed(client, world, ngay="2021-12-31")

        assert [item["name"] for item in found["items"]] == ["Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp",
                                                              "UBND xã Đông Hòa"]
        assert found["items"][3]["announced_on"] == "2021-06-01"
        assert found["ngay"] == "2021-12-31"
        assert names(client, world, ngay="2021-05-31") == []

    def test_it_publishes_no_id_and_nothing_internal(self, client, world):
        found = listed(client, world)

        assert set(found) == {"province", "ngay", "total", "page", "page_size", "items"}
        assert set(found["province"]) == {"id", "name", "official_code"}
        assert all(set(item) == PUBLISHED for item in found["items"])
        assert "15/QĐ-STP" not in client.get(f"{PUBLIC}/{world}/announced.csv").get_data(as_text=True)

    def test_the_search_ignores_accents_and_case(self, client, world):
        assert names(client, world, q="so tu phap") == ["Sở Tư pháp"]
        assert names(client, world, q="DONG HOA") == ["UBND xã Đông Hòa"]
        assert names(client, world, q="y te") == []

    def test_pages_split_the_list_and_count_it_all(self, client, world):
        first = listed(client, world, page=1, page_size=1)
        second = listed(client, world, page=2, page_size=1)

        assert [first["total"], second["total"]] == [2, 2]
        assert [i["name"] for i in first["items"] + second["items"]] == ["Sở Tư pháp", "UBND xã Đông Hòa"]

    def test_a_day_after_today_is_refused(self, client, world):
        assert client.get(f"{PUBLIC}/{world}/announced", query_string={"ngay": "2999-01-01"}).status_code == 422


class TestCsv:
    def test_the_csv_has_a_bom_and_the_same_rows_as_the_json(self, client, world):
        for day in ("2021-12-31", None):
            query = {"ngay": day} if day else {}
            reply = client.get(f"{PUBLIC}/{world}/announced.csv", query_string=query)
            rows = list(csv.reader(io.StringIO(reply.get_data().decode("utf-8-sig"))))
            items = listed(client, world, **query)["items"]

            assert reply.status_code == 200 and reply.mimetype == "text/csv"
            assert reply.get_data().startswith(b"\xef\xbb\xbf")
            assert rows[0][:4] == ["Tên cơ quan", "Loại cơ quan", "Cấp", "Ngày công bố"]
            assert [(r[0], r[3], r[5]) for r in rows[1:]] == [
                (i["name"], "/".join(reversed(i["announced_on"].split("-"))), i["standard_version"]) for i in items]
        assert "attachment" in reply.headers["Content-Disposition"]

    def test_the_csv_keeps_the_search(self, client, world):
        reply = client.get(f"{PUBLIC}/{world}/announced.csv", query_string={"q": "dong hoa"})

        assert [r[0] for r in csv.reader(io.StringIO(reply.get_data().decode("utf-8-sig")))][1:] == [
            "UBND xã Đông Hòa"]


class TestCaching:
    @pytest.mark.parametrize("suffix", ["", ".csv"])
    def test_an_unchanged_list_answers_304_to_its_etag_and_anyone_may_cache_it(self, client, world, suffix):
        first = client.get(f"{PUBLIC}/{world}/announced{suffix}")
        again = client.get(f"{PUBLIC}/{world}/announced{suffix}", headers={"If-None-Match": first.headers["ETag"]})

        assert first.headers["Cache-Control"] == "public, max-age=300"
        assert again.status_code == 304 and again.get_data() == b""
        assert again.headers["ETag"] == first.headers["ETag"]

    def test_a_new_announcement_changes_the_etag(self, client, world, as_officer):
        before = client.get(f"{PUBLIC}/{world}/announced").headers["ETag"]
        Records(client, as_officer, new_agency(client, as_officer, name="Sở Xây dựng")["id"]).announced()

        after = client.get(f"{PUBLIC}/{world}/announced", headers={"If-None-Match": before})

        assert after.status_code == 200 and after.headers["ETag"] != before
        assert "Sở Xây dựng" in [i["name"] for i in after.get_json()["items"]]


class TestProvinces:
    def test_a_province_is_found_by_its_slug_or_its_official_code(self, client, runtime):
        slug = "cong-khai-" + uuid.uuid4().hex[:6]
        tenants.create_tenant(runtime.uow(slug), name="Tỉnh Công Khai", official_code="91")

        by_slug = listed(client, slug)["province"]
        by_code = listed(client, "91")["province"]

        assert by_slug == {"id": slug, "name": "Tỉnh Công Khai", "official_code": "91"}
        assert by_code["official_code"] == "91"
        assert {"id": slug, "name": "Tỉnh Công Khai", "official_code": "91"} in client.get(
            f"{PUBLIC}/provinces").get_json()

    @pytest.mark.parametrize("province", ["khong-co-tinh-nay", "00", "An-Giang", "%20"])
    def test_an_unknown_province_is_404_with_a_vietnamese_message(self, client, province):
        reply = client.get(f"{PUBLIC}/{province}/announced")

        assert reply.status_code == 404
        assert "Không có tỉnh, thành phố" in reply.get_json()["detail"]


class TestAcrossASuccession:
    def test_the_merged_province_is_gone_and_its_successor_lists_what_it_carried_on(self, client, provinces,  # noqa: F811
                                                                                      admin):  # noqa: F811
        p = provinces
        Records(client, p["old"], p["xa"]).audit()
        Records(client, p["old"], p["xa"]).announce(decision_no="3/QĐ-UBND", decision_date="2021-06-02")
        executed = client.post("/api/v1/registry/successions", json=request(p), headers=admin)
        assert executed.status_code == 201, executed.get_json()

        today = listed(client, p["successor"])
        before = names(client, p["successor"], ngay="2021-12-31")
        ids = [province["id"] for province in client.get(f"{PUBLIC}/provinces").get_json()]

        assert [(i["name"], i["announced_on"]) for i in today["items"]] == [
            ("Sở Tư pháp tỉnh Sau", "2021-06-01"), ("UBND xã Hòa Thắng", "2021-06-02")]
        assert before == ["Sở Tư pháp", "Sở Tư pháp tỉnh Sau", "UBND xã Hòa Thắng"]
        assert client.get(f"{PUBLIC}/{p['predecessor']}/announced").status_code == 404
        assert p["successor"] in ids and p["predecessor"] not in ids


def test_no_route_of_the_list_needs_a_token_but_the_registry_s_others_do(client, world):
    assert client.get(f"{PUBLIC}/provinces").status_code == 200
    assert client.get(f"{PUBLIC}/{world}/announced.csv").status_code == 200
    assert client.get(AGENCIES).status_code == 401
    assert client.get("/api/v1/registry/tenants").status_code == 401
