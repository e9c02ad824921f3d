"""Routes of api/agencies.py: the province's register of agencies, its timeline and its audit trail."""

import uuid
from datetime import UTC, datetime

from registry.services import agencies
from tests.registry.conftest import AGENCIES, new_agency
from tests.support.service import outbox


class TestRegisterAgency:
    def test_a_new_agency_is_stored_and_announced(self, client, runtime, province, as_officer):
        agency = new_agency(client, as_officer, name="Sở Khoa học và Công nghệ", agency_type="SO",
                            admin_level="TINH", location_unit_code="91", valid_from="2025-07-01")

        assert agency["tenant_id"] == province and agency["status"] == "HOAT_DONG" and agency["version"] == 1
        fetched = client.get(f"{AGENCIES}/{agency['id']}", headers=as_officer).get_json()
        assert fetched["name"] == "Sở Khoa học và Công nghệ"
        [row] = outbox(runtime, province, topic="registry.agency")
        assert (row.type, row.key) == ("registry.agency.registered", agency["id"])
        assert row.payload["data"]["location_unit_code"] == "91"

    def test_a_parent_must_be_an_agency_of_the_same_province(self, client, province, other_province, issuer,
                                                             as_officer):
        theirs = new_agency(client, issuer.headers(tenant=other_province, roles=["province_admin"]))

        response = client.post(AGENCIES, json={"name": "Chi cục", "agency_type": "CHI_CUC",
                                               "parent_agency_id": theirs["id"]}, headers=as_officer)

        assert response.status_code == 422
        assert "parent_agency_id" in response.get_json()["detail"]

    def test_a_province_not_on_the_platform_cannot_register_agencies(self, client, issuer):
        response = client.post(AGENCIES, json={"name": "X", "agency_type": "SO"},
                                headers=issuer.headers(tenant="not-registered", roles=["province_admin"]))

        assert response.status_code == 422


class TestListAgencies:
    def test_filters_and_pages(self, client, province, as_officer):
        for name in ("UBND xã A", "UBND xã B", "UBND xã C"):
            new_agency(client, as_officer, name=name, agency_type="UBND_XA")
        new_agency(client, as_officer, name="Sở Nội vụ", agency_type="SO")

        page = client.get(f"{AGENCIES}?agency_type=UBND_XA&page=2&page_size=2", headers=as_officer).get_json()

        assert page["total"] == 3 and page["page"] == 2
        assert [a["name"] for a in page["items"]] == ["UBND xã C"]

    def test_search_by_name_ignores_case(self, client, province, as_officer):
        new_agency(client, as_officer, name="Sở Giáo dục và Đào tạo")

        page = client.get(f"{AGENCIES}?q=giáo dục", headers=as_officer).get_json()

        assert [a["name"] for a in page["items"]] == ["Sở Giáo dục và Đào tạo"]

    def test_a_page_size_over_the_maximum_is_refused(self, client, province, as_officer):
        response = client.get(f"{AGENCIES}?page_size=1000", headers=as_officer)

        assert response.status_code == 422
        assert "page_size" in response.get_json()["errors"]


class TestUpdateAndDissolve:
    def test_an_update_changes_only_the_given_fields_and_bumps_the_version(self, client, runtime, province,
                                                                           as_officer):
        agency = new_agency(client, as_officer, short_name="STP")

        response = client.patch(f"{AGENCIES}/{agency['id']}", json={"name": "Sở Tư pháp tỉnh"},
                                headers={**as_officer, "If-Match": '"1"'})

        assert response.status_code == 200
        assert response.get_json() | {"updated_at": None} == agency | {"name": "Sở Tư pháp tỉnh", "version": 2,
                                                                       "updated_at": None}
        assert [r.type for r in outbox(runtime, province, topic="registry.agency")][-1] == "registry.agency.updated"

    def test_an_update_that_changes_nothing_emits_nothing(self, client, runtime, province, as_officer):
        agency = new_agency(client, as_officer)

        same = client.patch(f"{AGENCIES}/{agency['id']}", json={"name": agency["name"]},
                            headers={**as_officer, "If-Match": '"1"'})

        assert same.status_code == 200 and same.get_json()["version"] == 1
        assert len(outbox(runtime, province, topic="registry.agency")) == 1

    def test_a_dissolved_agency_keeps_its_history_and_cannot_change(self, client, runtime, province, as_officer):
        agency = new_agency(client, as_officer, valid_from="2020-01-01")

        dissolved = client.post(f"{AGENCIES}/{agency['id']}/dissolve",
                                json={"dissolved_on": "2025-06-30", "decision": "1666/NQ-UBTVQH15"},
                                headers=as_officer)
        again = client.post(f"{AGENCIES}/{agency['id']}/dissolve", json={"dissolved_on": "2025-07-01"},
                            headers=as_officer)
        edit = client.patch(f"{AGENCIES}/{agency['id']}", json={"name": "Y"},
                            headers={**as_officer, "If-Match": dissolved.headers["ETag"]})

        assert dissolved.status_code == 200
        assert dissolved.get_json()["status"] == "DA_GIAI_THE" and dissolved.get_json()["valid_to"] == "2025-06-30"
        assert again.status_code == 409 and edit.status_code == 409
        assert [r.type for r in outbox(runtime, province, topic="registry.agency")] == ["registry.agency.registered",
                                                                   "registry.agency.dissolved"]

    def test_dissolving_before_the_agency_existed_is_refused(self, client, province, as_officer):
        agency = new_agency(client, as_officer, valid_from="2020-01-01")

        response = client.post(f"{AGENCIES}/{agency['id']}/dissolve", json={"dissolved_on": "2019-12-31"},
                               headers=as_officer)

        assert response.status_code == 422


class TestObligationOverride:
    def test_a_provincial_override_must_cite_its_plan(self, client, province, as_officer):
        response = client.post(AGENCIES, headers=as_officer, json={
            "name": "UBND xã Mỹ Hòa", "agency_type": "UBND_XA", "obligation_override": "BAT_BUOC_THEO_KH_TINH"})
        cited = client.post(AGENCIES, headers=as_officer, json={
            "name": "UBND xã Mỹ Hòa", "agency_type": "UBND_XA", "obligation_override": "BAT_BUOC_THEO_KH_TINH",
            "obligation_decision_no": "2145/KH-UBND", "obligation_decision_date": "2021-06-15"})

        assert response.status_code == 422 and "decision" in response.get_json()["detail"]
        assert cited.get_json()["obligation"] == "BAT_BUOC_THEO_KH_TINH"


class TestHistory:
    def test_history_lists_the_projected_timeline(self, client, runtime, province, as_officer):
        agency = new_agency(client, as_officer)
        agencies.record_history(runtime.uow(province), agency_id=uuid.UUID(agency["id"]), version=1,
                                event_type="registry.agency.registered", occurred_at=datetime.now(UTC),
                                data={"name": agency["name"]})

        [entry] = client.get(f"{AGENCIES}/{agency['id']}/history", headers=as_officer).get_json()

        assert entry["event_type"] == "registry.agency.registered"


class TestAuditTrail:
    def test_the_province_admin_reads_who_changed_an_agency_and_no_one_else_does(self, client, issuer, province,
                                                                                  as_officer):
        agency = new_agency(client, as_officer)
        client.patch(f"{AGENCIES}/{agency['id']}", json={"name": "Sở Tư pháp (mới)"},
                     headers={**as_officer, "X-Request-Id": "req-audit-1", "If-Match": '"1"'})
        admin = issuer.headers(tenant=province, roles=["province_admin"])

        trail = client.get(f"/api/v1/registry/audit?entity=agencies&entity_id={agency['id']}", headers=admin)
        theirs = client.get("/api/v1/registry/audit", headers=issuer.headers(tenant="elsewhere",
                                                                            roles=["province_admin"]))

        [changed, created] = trail.get_json()
        assert changed["action"] == "UPDATE" and changed["request_id"] == "req-audit-1"
        assert changed["changes"]["name"] == ["Sở Tư pháp", "Sở Tư pháp (mới)"]
        assert changed["actor"] == "user:tester" and created["action"] == "INSERT"
        assert client.get("/api/v1/registry/audit", headers=as_officer).status_code == 403
        assert agency["id"] not in str(theirs.get_json())
