"""Attendance per session, the completion rule, certificates issued once with unique numbers, XLSX lists (the
official documents: test_official_documents.py)."""

import io
import uuid

from openpyxl import load_workbook

from tests.training.conftest import API, fresh, move, nominate, open_class, outbox_types, sessions
from tests.training.integration.test_concurrency import in_parallel


def running_class(client, headers, people, days=(10, 11, 12, 15, 16), month=6, **fields):
    opened = open_class(client, headers, sessions=sessions(*days, month=month), **fields)
    agency = str(uuid.uuid4())
    registrations = [nominate(client, headers, opened["id"], name, agency, position="Chuyên viên").get_json()
                     for name in people]
    move(client, headers, opened["id"], "CHOT_DANH_SACH", "DANG_DIEN_RA")
    return opened, registrations


def record(client, headers, training_class, index, present=(), absent=()):
    path = f"/classes/{training_class['id']}/sessions/{training_class['sessions'][index]['id']}/attendance"
    return client.put(f"{API}{path}", headers=fresh(client, path, headers),
                      json={"present": [r["id"] for r in present], "absent": [r["id"] for r in absent]})


def attend(client, headers, training_class, registrations, sessions_attended: dict):
    for index in range(len(training_class["sessions"])):
        present = [r for r in registrations if index < sessions_attended[r["full_name"]]]
        absent = [r for r in registrations if r not in present]
        assert record(client, headers, training_class, index, present, absent).status_code == 200


def registration(client, headers, registration_id):
    return client.get(f"{API}/registrations/{registration_id}", headers=headers).get_json()


class TestAttendance:
    def test_attendance_is_recorded_per_session_and_announced(self, client, runtime, tenant, as_officer):
        training_class, (an, binh) = running_class(client, as_officer, ["An", "Bình"])

        response = record(client, as_officer, training_class, 0, present=[an], absent=[binh])

        assert response.status_code == 200
        assert sorted((r["present"]) for r in response.get_json()["rows"]) == [False, True]
        assert response.headers["ETag"] == '"2"' and response.get_json()["version"] == 2
        assert outbox_types(runtime, tenant, "training.attendance") == ["training.attendance.recorded"]

    def test_attendance_before_the_class_runs_is_refused(self, client, as_officer, agency):
        opened = open_class(client, as_officer)
        an = nominate(client, as_officer, opened["id"], "An", agency).get_json()

        assert record(client, as_officer, opened, 0, present=[an]).status_code == 409

    def test_only_confirmed_participants_can_be_marked(self, client, as_officer):
        training_class, _ = running_class(client, as_officer, ["An"])

        response = record(client, as_officer, training_class, 0, present=[{"id": str(uuid.uuid4())}])

        assert response.status_code == 422

    def test_completion_needs_the_configured_share_of_sessions(self, client, as_officer):
        training_class, people = running_class(client, as_officer, ["Đủ bốn", "Chỉ ba", "Đủ năm"])
        attend(client, as_officer, training_class, people, {"Đủ bốn": 4, "Chỉ ba": 3, "Đủ năm": 5})

        move(client, as_officer, training_class["id"], "DA_KET_THUC")

        assert [registration(client, as_officer, r["id"])["completed"] for r in people] == [True, False, True]

    def test_a_correction_after_the_class_ended_updates_completion(self, client, as_officer):
        training_class, (an,) = running_class(client, as_officer, ["An"])
        attend(client, as_officer, training_class, [an], {"An": 3})
        move(client, as_officer, training_class["id"], "DA_KET_THUC")

        record(client, as_officer, training_class, 3, present=[an])

        assert registration(client, as_officer, an["id"])["completed"] is True


class TestCertificates:
    def test_certificates_go_once_to_those_who_completed_with_numbers_in_order(self, client, runtime, tenant,
                                                                               as_officer):
        training_class, people = running_class(client, as_officer, ["An", "Bình", "Chi"])
        attend(client, as_officer, training_class, people, {"An": 5, "Bình": 2, "Chi": 4})
        move(client, as_officer, training_class["id"], "DA_KET_THUC")

        first = client.post(f"{API}/classes/{training_class['id']}/certificates", headers=as_officer).get_json()
        again = client.post(f"{API}/classes/{training_class['id']}/certificates", headers=as_officer).get_json()

        assert [c["number"] for c in first] == ["0001/2026/GCN-ISO", "0002/2026/GCN-ISO"]
        assert again == first
        assert registration(client, as_officer, people[1]["id"])["certificate_no"] is None
        assert outbox_types(runtime, tenant, "training.certificate") == ["training.certificate.issued"] * 2

    def test_certificates_wait_for_the_class_to_finish(self, client, as_officer):
        training_class, _ = running_class(client, as_officer, ["An"])

        response = client.post(f"{API}/classes/{training_class['id']}/certificates", headers=as_officer)

        assert response.status_code == 409

    def test_numbers_are_unique_in_the_province_and_year_under_concurrent_issuance(self, app, as_officer):
        client = app.test_client()
        classes = []
        for day in (1, 8, 15, 22):
            training_class, people = running_class(client, as_officer, [f"Người {day}-{i}" for i in range(5)],
                                                   days=(day,), month=7)
            attend(client, as_officer, training_class, people, {p["full_name"]: 1 for p in people})
            move(client, as_officer, training_class["id"], "DA_KET_THUC")
            classes.append(training_class)

        results = in_parallel(*[lambda c=c: app.test_client().post(f"{API}/classes/{c['id']}/certificates",
                                                                   headers=as_officer) for c in classes * 2])

        assert {r.status_code for r in results} == {200}
        numbers = [c["number"] for r in results[:4] for c in r.get_json()]
        assert sorted(numbers) == [f"{n:04d}/2026/GCN-ISO" for n in range(1, 21)]
        assert [r.get_json() for r in results[4:]] == [r.get_json() for r in results[:4]]

    def test_a_province_chooses_its_number_format(self, client, issuer, tenant):
        admin = issuer.headers(tenant=tenant, roles=["province_admin"])
        client.patch(f"{API}/settings", json={"certificate_format": "{seq}/GCN-ĐT/{year}"},
                     headers=fresh(client, "/settings", admin))
        training_class, people = running_class(client, admin, ["An"])
        attend(client, admin, training_class, people, {"An": 5})
        move(client, admin, training_class["id"], "DA_KET_THUC")

        [certificate] = client.post(f"{API}/classes/{training_class['id']}/certificates", headers=admin).get_json()

        assert certificate["number"] == "1/GCN-ĐT/2026"


class TestPrintableLists:
    def test_the_attendance_sheet_opens_and_lists_names_with_vietnamese_diacritics(self, client, as_officer):
        people = ["Nguyễn Thị Hồng Nhung", "Trần Văn Đức", "Lê Hoàng Yến"]
        training_class, registrations = running_class(client, as_officer, people, days=(10, 11))
        attend(client, as_officer, training_class, registrations, dict(zip(people, (2, 1, 2), strict=True)))
        move(client, as_officer, training_class["id"], "DA_KET_THUC")

        response = client.get(f"{API}/classes/{training_class['id']}/attendance-sheet.xlsx", headers=as_officer)

        assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
        sheet = load_workbook(io.BytesIO(response.data)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[1][:5] == ("STT", "Họ và tên", "Chức vụ", "Cơ quan", "Vai trò trong HTQLCL")
        assert rows[1][5:] == ("10/06/2026 Sáng", "11/06/2026 Sáng", "Số buổi có mặt", "Hoàn thành")
        assert [row[1] for row in rows[2:5]] == people
        assert [row[5:] for row in rows[2:5]] == [("x", "x", 2, "Đạt"), ("x", "v", 1, "Chưa đạt"),
                                                  ("x", "x", 2, "Đạt")]

    def test_the_certificate_list_opens_with_numbers_and_names(self, client, as_officer):
        training_class, people = running_class(client, as_officer, ["Phạm Thị Ánh Tuyết"])
        attend(client, as_officer, training_class, people, {"Phạm Thị Ánh Tuyết": 5})
        move(client, as_officer, training_class["id"], "DA_KET_THUC")
        client.post(f"{API}/classes/{training_class['id']}/certificates", headers=as_officer)

        response = client.get(f"{API}/classes/{training_class['id']}/certificates.xlsx", headers=as_officer)

        rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
        assert rows[2][:3] == (1, "0001/2026/GCN-ISO", "Phạm Thị Ánh Tuyết")
