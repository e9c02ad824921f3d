"""On-site training requests: the agency asks, the province approves into a class or declines with a reason."""

import uuid

from tests.training.conftest import API, known_to, move, nominate, outbox_types, sessions
from training.services import compliance

CLASS = {"title": "Tập huấn tại đơn vị: thư ký ISO", "venue": "Phòng họp UBND xã", "capacity": 25,
         "provider": "Chi cục TĐC", "sessions": sessions(20)}


def ask(client, headers, **fields):
    body = {"course_type": "DAI_DIEN_LANH_DAO_THU_KY_ISO", "participants": 18, "preferred_from": "2026-06-01",
            "preferred_to": "2026-06-30", "note": "Cán bộ mới tiếp nhận nhiệm vụ thư ký ISO", **fields}
    if "agency_id" in fields:
        known_to(headers, fields["agency_id"])
    return client.post(f"{API}/onsite-requests", json=body, headers=headers)


class TestOnSiteRequests:
    def test_an_agency_sends_a_request_for_its_own_office(self, client, as_agency, agency):
        response = ask(client, as_agency)

        assert response.status_code == 201
        assert response.get_json()["agency_id"] == agency and response.get_json()["status"] == "SUBMITTED"

    def test_the_province_reads_each_request_with_the_agencys_name(self, client, runtime, tenant, as_agency,
                                                                    as_officer, agency):
        ask(client, as_agency)
        # renamed in the registry since: the list shows the newest name
        compliance.record_agency(runtime.uow(tenant), uuid.UUID(agency), 2, name="UBND xã Mỹ Hòa Hưng")

        listed = client.get(f"{API}/onsite-requests", headers=as_officer).get_json()["items"]

        assert [(item["agency_id"], item["agency_name"]) for item in listed] == [(agency, "UBND xã Mỹ Hòa Hưng")]

    def test_an_agency_cannot_ask_for_another_agency(self, client, as_agency):
        assert ask(client, as_agency, agency_id=str(uuid.uuid4())).status_code == 403

    def test_the_province_approves_a_request_into_a_class_held_at_the_agency(self, client, runtime, tenant,
                                                                             as_agency, as_officer, agency):
        request = ask(client, as_agency).get_json()

        approved = client.post(f"{API}/onsite-requests/{request['id']}/approve", json=CLASS,
                               headers=as_officer).get_json()
        training_class = client.get(f"{API}/classes/{approved['class_id']}", headers=as_agency).get_json()

        assert approved["status"] == "APPROVED"
        assert training_class["on_site_agency_id"] == agency
        assert training_class["course_type"] == "DAI_DIEN_LANH_DAO_THU_KY_ISO"
        assert outbox_types(runtime, tenant) == ["training.class.scheduled"]

    def test_only_the_requesting_agencys_people_join_an_on_site_class(self, client, as_agency, as_officer):
        request = ask(client, as_agency).get_json()
        approved = client.post(f"{API}/onsite-requests/{request['id']}/approve", json=CLASS,
                               headers=as_officer).get_json()
        move(client, as_officer, approved["class_id"], "MO_DANG_KY")

        own = nominate(client, as_agency, approved["class_id"], "Người của xã")
        other = nominate(client, as_officer, approved["class_id"], "Người nơi khác", str(uuid.uuid4()))

        assert own.status_code == 201
        assert other.status_code == 422 and "tại đơn vị" in other.get_json()["detail"]

    def test_the_province_declines_with_a_reason_the_agency_reads(self, client, as_agency, as_officer):
        request = ask(client, as_agency).get_json()

        without = client.post(f"{API}/onsite-requests/{request['id']}/decline", json={}, headers=as_officer)
        client.post(f"{API}/onsite-requests/{request['id']}/decline",
                    json={"reason": "Mời tham dự lớp tập trung tháng 7"}, headers=as_officer)
        seen = client.get(f"{API}/onsite-requests/{request['id']}", headers=as_agency).get_json()

        assert without.status_code == 422
        assert seen["status"] == "DECLINED" and seen["decline_reason"] == "Mời tham dự lớp tập trung tháng 7"

    def test_a_decided_request_cannot_be_decided_again(self, client, as_agency, as_officer):
        request = ask(client, as_agency).get_json()
        client.post(f"{API}/onsite-requests/{request['id']}/decline", json={"reason": "x"}, headers=as_officer)

        response = client.post(f"{API}/onsite-requests/{request['id']}/approve", json=CLASS, headers=as_officer)

        assert response.status_code == 409

    def test_an_agency_sees_only_its_own_requests_and_cannot_decide(self, client, as_agency, as_officer):
        mine = ask(client, as_agency).get_json()
        theirs = ask(client, as_officer, agency_id=str(uuid.uuid4())).get_json()

        listed = client.get(f"{API}/onsite-requests", headers=as_agency).get_json()
        other = client.get(f"{API}/onsite-requests/{theirs['id']}", headers=as_agency)
        decide = client.post(f"{API}/onsite-requests/{mine['id']}/decline", json={"reason": "x"}, headers=as_agency)

        assert [r["id"] for r in listed["items"]] == [mine["id"]]
        assert other.status_code == 404 and decide.status_code == 403
