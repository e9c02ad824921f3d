"""Classes: scheduling, the lifecycle and its events, the season, settings and course types."""

from tests.training.conftest import API, fresh, move, new_class, nominate, open_class, outbox_types, sessions


class TestScheduleClass:
    def test_a_planned_class_keeps_its_sessions_in_order_and_is_announced(self, client, runtime, tenant, as_officer):
        created = new_class(client, as_officer, sessions=sessions(12, 10, 11))

        assert created["status"] == "DU_KIEN" and created["year"] == 2026
        assert [s["starts_at"][:10] for s in created["sessions"]] == ["2026-06-10", "2026-06-11", "2026-06-12"]
        assert created["in_season"] is True and created["confirmed"] == 0
        assert outbox_types(runtime, tenant) == ["training.class.scheduled"]

    def test_a_class_in_december_is_outside_the_default_season(self, client, as_officer):
        created = new_class(client, as_officer, sessions=sessions(3, month=12))

        assert created["in_season"] is False

    def test_a_province_can_widen_its_season_and_change_the_completion_share(self, client, issuer, tenant):
        admin = issuer.headers(tenant=tenant, roles=["province_admin"])

        changed = client.patch(f"{API}/settings", json={"season_end_month": 12, "completion_percent": 75},
                               headers=fresh(client, "/settings", admin)).get_json()
        created = new_class(client, admin, sessions=sessions(3, month=12))

        assert changed["season_start_month"] == 5 and changed["season_end_month"] == 12
        assert changed["completion_percent"] == 75 and changed["overridden"] is True
        assert created["in_season"] is True

    def test_another_provinces_settings_stay_at_the_defaults(self, client, issuer, tenant, as_officer):
        elsewhere = issuer.headers(tenant="elsewhere-1", roles=["province_admin"])
        changed = client.patch(f"{API}/settings", json={"completion_percent": 50},
                               headers=fresh(client, "/settings", elsewhere))

        assert changed.status_code == 200

        assert client.get(f"{API}/settings", headers=as_officer).get_json()["completion_percent"] == 80

    def test_course_types_come_from_reference_data_in_vietnamese(self, client, as_officer):
        types = client.get(f"{API}/course-types", headers=as_officer).get_json()

        assert len(types) == 6
        assert {"code": "DAI_DIEN_LANH_DAO_THU_KY_ISO", "name_vi": "Đại diện lãnh đạo và thư ký ISO",
                "name_en": "Management representative and ISO secretary",
                "qualifies_roles": ["THU_KY_ISO", "DAI_DIEN_LANH_DAO"]} in types

    def test_an_unknown_course_type_is_refused_in_both_languages(self, client, as_officer):
        response = client.post(f"{API}/classes", headers=as_officer, json={
            "title": "x", "course_type": "LAM_BANH", "venue": "v", "capacity": 5, "provider": "p",
            "sessions": sessions(1)})

        assert response.status_code == 422
        assert "Loại khóa học" in response.get_json()["detail"] and "course type" in response.get_json()["detail"]

    def test_overlapping_sessions_of_one_class_are_refused(self, client, as_officer):
        overlapping = sessions(10) + [{"starts_at": "2026-06-10T03:00:00+00:00", "ends_at": "2026-06-10T05:00:00Z"}]

        response = client.post(f"{API}/classes", headers=as_officer, json={
            "title": "x", "course_type": "NHAN_THUC_CHUNG", "venue": "v", "capacity": 5, "provider": "p",
            "sessions": overlapping})

        assert response.status_code == 422


class TestLifecycle:
    def test_a_class_runs_from_planned_to_settled_and_announces_each_milestone(self, client, runtime, tenant,
                                                                                as_officer):
        created = new_class(client, as_officer)

        move(client, as_officer, created["id"], "MO_DANG_KY", "CHOT_DANH_SACH", "DANG_DIEN_RA", "DA_KET_THUC")
        settled = move(client, as_officer, created["id"], "DA_QUYET_TOAN", cost_actual=41_500_000)

        assert settled["status"] == "DA_QUYET_TOAN" and settled["cost_actual"] == 41_500_000
        assert outbox_types(runtime, tenant, "training.class") == [
            "training.class.scheduled", "training.class.opened", "training.class.finished",
            "training.class.settled"]

    def test_a_finished_class_cannot_be_cancelled(self, client, as_officer):
        created = new_class(client, as_officer)
        move(client, as_officer, created["id"], "MO_DANG_KY", "CHOT_DANH_SACH", "DANG_DIEN_RA", "DA_KET_THUC")

        response = client.post(f"{API}/classes/{created['id']}/status", json={"status": "HUY", "reason": "x"},
                               headers=as_officer)

        assert response.status_code == 409
        assert response.get_json()["type"] == "urn:iso-hcc:problem:TransitionRefused"
        assert response.get_json()["detail"] == ("Lớp đang ở trạng thái DA_KET_THUC, không chuyển được sang HUY / "
                                                 "a class in DA_KET_THUC cannot move to HUY")

    def test_cancelling_needs_a_reason_and_is_announced(self, client, runtime, tenant, as_officer):
        created = new_class(client, as_officer)

        without = client.post(f"{API}/classes/{created['id']}/status", json={"status": "HUY"}, headers=as_officer)
        cancelled = move(client, as_officer, created["id"], "HUY", reason="Không đủ học viên")

        assert without.status_code == 422
        assert cancelled["status"] == "HUY" and cancelled["status_reason"] == "Không đủ học viên"
        assert outbox_types(runtime, tenant, "training.class")[-1] == "training.class.cancelled"

    def test_cancelling_a_class_cancels_its_registrations_with_the_reason(self, client, runtime, tenant,
                                                                         as_officer, agency):
        opened = open_class(client, as_officer, capacity=1)
        for name in ("An", "Bình"):
            nominate(client, as_officer, opened["id"], name, agency)

        move(client, as_officer, opened["id"], "HUY", reason="Giảng viên ốm")

        listed = client.get(f"{API}/registrations?class_id={opened['id']}", headers=as_officer).get_json()
        assert {(r["status"], r["cancel_reason"]) for r in listed["items"]} == {("CANCELLED", "Giảng viên ốm")}
        assert outbox_types(runtime, tenant, "training.registration")[-2:] == ["training.registration.cancelled"] * 2

    def test_settling_needs_the_actual_cost(self, client, as_officer):
        created = new_class(client, as_officer)
        move(client, as_officer, created["id"], "MO_DANG_KY", "CHOT_DANH_SACH", "DANG_DIEN_RA", "DA_KET_THUC")

        response = client.post(f"{API}/classes/{created['id']}/status", json={"status": "DA_QUYET_TOAN"},
                               headers=as_officer)

        assert response.status_code == 422

    def test_classes_are_listed_and_filtered(self, client, as_officer):
        new_class(client, as_officer, title="A", course_type="NHAN_THUC_CHUNG")
        new_class(client, as_officer, title="B")

        listed = client.get(f"{API}/classes?course_type=NHAN_THUC_CHUNG", headers=as_officer).get_json()

        assert [c["title"] for c in listed["items"]] == ["A"] and listed["total"] == 1
