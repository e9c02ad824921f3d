"""The agencies needing attention (services/oversight.py): only the obliged, the most overdue first, and per flag
its count and a page of its agencies (`/agencies/attention`), on a real PostgreSQL through the API."""

import pytest

from tests.registry.conftest import AGENCIES, new_agency

AS_OF = "2026-11-26"
FLAGS = f"{AGENCIES}/flags"
ATTENTION = f"{AGENCIES}/attention"


def secretary(client, headers, agency, appointed_on, removed_on=None):
    path = f"{AGENCIES}/{agency['id']}/officers"
    officer = client.post(path, json={"role": "THU_KY_ISO", "full_name": "Lê Thị Hoa", "appointed_on": appointed_on},
                          headers=headers).get_json()
    if removed_on:
        response = client.post(f"{path}/{officer['id']}/remove", json={"removed_on": removed_on}, headers=headers)
        assert response.status_code == 200, response.get_json()


@pytest.fixture
def register(client, as_officer):
    """Obliged agencies without an ISO secretary since different days, one with a secretary in office, and
    communes: one encouraged only, one obliged by the province's plan."""
    oldest = new_agency(client, as_officer, name="Sở Y tế", valid_from="2020-01-01")
    newer = new_agency(client, as_officer, name="Sở Tư pháp", valid_from="2024-01-01")
    left = new_agency(client, as_officer, name="Sở Công Thương", valid_from="2019-01-01")
    secretary(client, as_officer, left, "2022-01-03", removed_on="2026-10-01")
    staffed = new_agency(client, as_officer, name="Sở Nội vụ", valid_from="2019-01-01")
    secretary(client, as_officer, staffed, "2022-01-03")
    new_agency(client, as_officer, name="UBND xã An Hòa", agency_type="UBND_XA", valid_from="2019-01-01")
    planned = new_agency(client, as_officer, name="UBND xã Bình Minh", agency_type="UBND_XA",
                         valid_from="2025-07-01", obligation_override="BAT_BUOC_THEO_KH_TINH",
                         obligation_decision_no="12/KH-UBND", obligation_decision_date="2025-07-01")
    return {"oldest": oldest, "newer": newer, "left": left, "planned": planned}


class TestFlags:
    def test_only_obliged_agencies_are_listed_the_longest_without_a_secretary_first(self, client, as_officer,
                                                                                    register):
        listed = client.get(f"{FLAGS}?as_of={AS_OF}", headers=as_officer).get_json()

        assert [a["name"] for a in listed] == ["Sở Y tế", "Sở Tư pháp", "UBND xã Bình Minh", "Sở Công Thương"]
        assert listed[0] | {"agency_id": None} == {
            "agency_id": None, "name": "Sở Y tế", "agency_type": "SO", "flags": ["no_iso_secretary"],
            "due_on": {"no_iso_secretary": "2020-01-01"}, "overdue_days": {"no_iso_secretary": 2521}}
        assert listed[-1]["due_on"] == {"no_iso_secretary": "2026-10-01"}
        assert listed[-1]["overdue_days"] == {"no_iso_secretary": 56}

    def test_one_flag_lists_its_agencies_and_another_none(self, client, as_officer, register):
        secretaries = client.get(f"{FLAGS}?as_of={AS_OF}&flag=no_iso_secretary", headers=as_officer).get_json()
        legacy = client.get(f"{FLAGS}?as_of={AS_OF}&flag=legacy_version", headers=as_officer).get_json()

        assert len(secretaries) == 4 and legacy == []


class TestAttention:
    def test_each_flag_has_its_count_and_a_page_of_its_most_overdue_agencies(self, client, as_officer, register):
        first = client.get(f"{ATTENTION}?as_of={AS_OF}&limit=2", headers=as_officer).get_json()
        rest = client.get(f"{ATTENTION}?as_of={AS_OF}&limit=2&offset=2&flag=no_iso_secretary",
                          headers=as_officer).get_json()

        assert (first["as_of"], first["total"], first["limit"], first["offset"]) == (AS_OF, 4, 2, 0)
        assert {name: found["total"] for name, found in first["flags"].items()} == {
            "overdue_maintenance": 0, "overdue_reannouncement": 0, "legacy_version": 0, "no_iso_secretary": 4,
            "scope_incomplete": 0}
        assert [a["agency_id"] for a in first["flags"]["no_iso_secretary"]["items"]] == [
            register["oldest"]["id"], register["newer"]["id"]]
        assert list(rest["flags"]) == ["no_iso_secretary"] and rest["flags"]["no_iso_secretary"]["total"] == 4
        assert [a["agency_id"] for a in rest["flags"]["no_iso_secretary"]["items"]] == [
            register["planned"]["id"], register["left"]["id"]]

    def test_ten_by_default_and_a_page_is_1_to_100(self, client, as_officer, register):
        answer = client.get(f"{ATTENTION}?as_of={AS_OF}", headers=as_officer).get_json()
        codes = [client.get(f"{ATTENTION}?{query}", headers=as_officer).status_code
                 for query in ("limit=0", "limit=101", "offset=-1", "flag=khac")]

        assert answer["limit"] == 10 and len(answer["flags"]["no_iso_secretary"]["items"]) == 4
        assert codes == [422, 422, 422, 422]

    def test_another_province_sees_none_of_them(self, client, issuer, other_province, register):
        theirs = client.get(f"{ATTENTION}?as_of={AS_OF}", headers=issuer.headers(tenant=other_province)).get_json()

        assert theirs["total"] == 0 and theirs["flags"]["no_iso_secretary"] == {"total": 0, "items": []}
