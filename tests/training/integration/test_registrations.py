"""Nominations: places, the waitlist in order, double booking, cancellation rules, agency officers' scope."""

import uuid

from tests.training.conftest import API, fresh, move, nominate, open_class, outbox_types, sessions


def names(client, headers, class_id, status):
    listed = client.get(f"{API}/registrations?class_id={class_id}&status={status}", headers=headers).get_json()
    return [r["full_name"] for r in listed["items"]]


class TestNominate:
    def test_places_are_confirmed_until_full_then_people_wait_in_order(self, client, runtime, tenant, as_officer,
                                                                       agency):
        opened = open_class(client, as_officer, capacity=2)

        statuses = [nominate(client, as_officer, opened["id"], name, agency).get_json()["status"]
                    for name in ("An", "Bình", "Chi", "Dũng")]

        assert statuses == ["CONFIRMED", "CONFIRMED", "WAITLISTED", "WAITLISTED"]
        assert names(client, as_officer, opened["id"], "WAITLISTED") == ["Chi", "Dũng"]
        assert outbox_types(runtime, tenant, "training.registration") == [
            "training.registration.confirmed", "training.registration.confirmed",
            "training.registration.waitlisted", "training.registration.waitlisted"]

    def test_a_class_not_open_for_registration_refuses_nominations(self, client, as_officer, agency):
        opened = open_class(client, as_officer)
        move(client, as_officer, opened["id"], "CHOT_DANH_SACH")

        response = nominate(client, as_officer, opened["id"], "An", agency)

        assert response.status_code == 409 and "not open for registration" in response.get_json()["detail"]

    def test_the_same_person_cannot_be_nominated_twice_for_one_class(self, client, as_officer, agency):
        opened = open_class(client, as_officer)
        nominate(client, as_officer, opened["id"], "An", agency)

        response = nominate(client, as_officer, opened["id"], "An", agency)

        assert response.status_code == 409

    def test_a_person_booked_in_an_overlapping_class_is_refused(self, client, as_officer, agency):
        first = open_class(client, as_officer, title="Lớp nhận thức chung", sessions=sessions(10, 11))
        second = open_class(client, as_officer, sessions=sessions(11, 12))
        nominate(client, as_officer, first["id"], "An", agency)

        response = nominate(client, as_officer, second["id"], "An", agency)

        assert response.status_code == 422
        assert "trùng lịch" in response.get_json()["detail"] and "Lớp nhận thức chung" in response.get_json()["detail"]

    def test_a_person_may_take_classes_that_do_not_overlap(self, client, as_officer, agency):
        first = open_class(client, as_officer, sessions=sessions(10))
        second = open_class(client, as_officer, sessions=sessions(11))
        nominate(client, as_officer, first["id"], "An", agency)

        assert nominate(client, as_officer, second["id"], "An", agency).status_code == 201

    def test_a_cancelled_booking_does_not_count_as_a_clash(self, client, as_officer, agency):
        first = open_class(client, as_officer, sessions=sessions(10))
        second = open_class(client, as_officer, sessions=sessions(10))
        booked = nominate(client, as_officer, first["id"], "An", agency).get_json()
        client.post(f"{API}/registrations/{booked['id']}/cancel", json={}, headers=as_officer)

        assert nominate(client, as_officer, second["id"], "An", agency).status_code == 201

    def test_province_staff_must_name_the_agency(self, client, as_officer):
        opened = open_class(client, as_officer)

        assert nominate(client, as_officer, opened["id"], "An").status_code == 422


class TestCancel:
    def test_a_freed_place_goes_to_the_first_on_the_waitlist(self, client, runtime, tenant, as_officer, agency):
        opened = open_class(client, as_officer, capacity=1)
        first = nominate(client, as_officer, opened["id"], "An", agency).get_json()
        nominate(client, as_officer, opened["id"], "Bình", agency)
        nominate(client, as_officer, opened["id"], "Chi", agency)

        cancelled = client.post(f"{API}/registrations/{first['id']}/cancel", json={"reason": "Chuyển công tác"},
                                headers=as_officer).get_json()

        assert cancelled["status"] == "CANCELLED" and cancelled["cancel_reason"] == "Chuyển công tác"
        assert names(client, as_officer, opened["id"], "CONFIRMED") == ["Bình"]
        assert names(client, as_officer, opened["id"], "WAITLISTED") == ["Chi"]
        assert outbox_types(runtime, tenant, "training.registration")[-2:] == [
            "training.registration.cancelled", "training.registration.promoted"]

    def test_cancelling_a_waitlisted_person_promotes_nobody(self, client, as_officer, agency):
        opened = open_class(client, as_officer, capacity=1)
        nominate(client, as_officer, opened["id"], "An", agency)
        waiting = nominate(client, as_officer, opened["id"], "Bình", agency).get_json()
        nominate(client, as_officer, opened["id"], "Chi", agency)

        client.post(f"{API}/registrations/{waiting['id']}/cancel", json={}, headers=as_officer)

        assert names(client, as_officer, opened["id"], "CONFIRMED") == ["An"]
        assert names(client, as_officer, opened["id"], "WAITLISTED") == ["Chi"]

    def test_a_larger_capacity_promotes_from_the_waitlist(self, client, as_officer, agency):
        opened = open_class(client, as_officer, capacity=1)
        for name in ("An", "Bình", "Chi"):
            nominate(client, as_officer, opened["id"], name, agency)

        changed = client.patch(f"{API}/classes/{opened['id']}", json={"capacity": 2},
                               headers=fresh(client, f"/classes/{opened['id']}", as_officer)).get_json()

        assert changed["confirmed"] == 2
        assert names(client, as_officer, opened["id"], "WAITLISTED") == ["Chi"]

    def test_agencies_withdraw_until_the_list_closes_and_the_province_until_the_class_starts(
            self, client, as_officer, as_agency):
        opened = open_class(client, as_officer)
        mine = nominate(client, as_agency, opened["id"], "An").get_json()
        other = nominate(client, as_agency, opened["id"], "Bình").get_json()
        move(client, as_officer, opened["id"], "CHOT_DANH_SACH")

        by_agency = client.post(f"{API}/registrations/{mine['id']}/cancel", json={}, headers=as_agency)
        by_province = client.post(f"{API}/registrations/{other['id']}/cancel", json={}, headers=as_officer)

        assert by_agency.status_code == 422 and "Không thể hủy" in by_agency.get_json()["detail"]
        assert by_province.status_code == 200


class TestAgencyOfficer:
    def test_an_agency_officer_nominates_for_their_own_agency(self, client, as_officer, as_agency, agency):
        opened = open_class(client, as_officer)

        implicit = nominate(client, as_agency, opened["id"], "An").get_json()
        explicit = nominate(client, as_agency, opened["id"], "Bình", agency).get_json()

        assert implicit["agency_id"] == agency and explicit["agency_id"] == agency

    def test_an_agency_officer_cannot_nominate_for_another_agency(self, client, as_officer, as_agency):
        opened = open_class(client, as_officer)

        response = nominate(client, as_agency, opened["id"], "An", str(uuid.uuid4()))

        assert response.status_code == 403

    def test_an_agency_officer_sees_only_their_agencys_registrations(self, client, as_officer, as_agency, agency):
        opened = open_class(client, as_officer)
        nominate(client, as_agency, opened["id"], "Của mình")
        theirs = nominate(client, as_officer, opened["id"], "Của người khác", str(uuid.uuid4())).get_json()

        listed = client.get(f"{API}/registrations?class_id={opened['id']}", headers=as_agency).get_json()
        other = client.get(f"{API}/registrations/{theirs['id']}", headers=as_agency)
        cancel = client.post(f"{API}/registrations/{theirs['id']}/cancel", json={}, headers=as_agency)

        assert [r["full_name"] for r in listed["items"]] == ["Của mình"]
        assert other.status_code == 404 and "Của người khác" not in other.get_data(as_text=True)
        assert cancel.status_code == 404

    def test_an_agency_officer_without_an_agency_claim_sees_nothing(self, client, issuer, tenant, as_officer, agency):
        opened = open_class(client, as_officer)
        nominate(client, as_officer, opened["id"], "An", agency)
        headers = issuer.headers(tenant=tenant, roles=["agency_officer"])

        listed = client.get(f"{API}/registrations", headers=headers).get_json()

        assert listed["items"] == []
