"""Another province's objects are 404, never 403 and never their data; roles are checked on every route."""

import uuid

import pytest

from tests.training.conftest import API, known_to, new_class, nominate, open_class


@pytest.fixture
def theirs(client, issuer):
    headers = issuer.headers(tenant=f"other-{uuid.uuid4().hex[:8]}", roles=["province_officer"])
    opened = open_class(client, headers, title="Lớp của tỉnh khác")
    registration = nominate(client, headers, opened["id"], "Người tỉnh khác", str(uuid.uuid4())).get_json()
    request = client.post(f"{API}/onsite-requests", headers=headers, json={
        "agency_id": known_to(headers, str(uuid.uuid4())), "course_type": "NHAN_THUC_CHUNG",
        "participants": 20}).get_json()
    return opened, registration, request


class TestAnotherProvince:
    def test_reads_are_404_without_their_data(self, client, theirs, as_officer):
        opened, registration, request = theirs

        for path in (f"/classes/{opened['id']}", f"/registrations/{registration['id']}",
                     f"/onsite-requests/{request['id']}", f"/classes/{opened['id']}/certificates",
                     f"/classes/{opened['id']}/attendance-sheet.xlsx", f"/classes/{opened['id']}/certificates.xlsx"):
            response = client.get(f"{API}{path}", headers=as_officer)
            assert response.status_code == 404, path
            assert "tỉnh khác" not in response.get_data(as_text=True)

    def test_writes_are_404_and_change_nothing(self, client, theirs, as_officer, issuer):
        opened, registration, request = theirs
        session = opened["sessions"][0]["id"]
        writes = [
            ("PATCH", f"/classes/{opened['id']}", {"capacity": 1}),
            ("POST", f"/classes/{opened['id']}/status", {"status": "HUY", "reason": "x"}),
            ("POST", f"/classes/{opened['id']}/registrations", {"agency_id": str(uuid.uuid4()), "person_id": "p",
                                                                "full_name": "x", "qms_role": "CAN_BO"}),
            ("POST", f"/registrations/{registration['id']}/cancel", {}),
            ("PUT", f"/classes/{opened['id']}/sessions/{session}/attendance", {"present": [registration["id"]]}),
            ("POST", f"/classes/{opened['id']}/certificates", None),
            ("POST", f"/onsite-requests/{request['id']}/decline", {"reason": "x"}),
        ]

        for method, path, body in writes:
            response = client.open(f"{API}{path}", method=method, json=body, headers={**as_officer, "If-Match": '"1"'})
            assert response.status_code == 404, (method, path, response.get_json())
        assert registration["status"] == "CONFIRMED"

    def test_lists_show_only_the_callers_province(self, client, theirs, as_officer):
        new_class(client, as_officer, title="Lớp của tỉnh mình")

        listed = client.get(f"{API}/classes", headers=as_officer).get_json()
        registrations = client.get(f"{API}/registrations", headers=as_officer).get_json()
        requests = client.get(f"{API}/onsite-requests", headers=as_officer).get_json()

        assert [c["title"] for c in listed["items"]] == ["Lớp của tỉnh mình"]
        assert registrations["items"] == [] and requests["items"] == []


class TestRoles:
    @pytest.mark.parametrize("role", ["national_viewer", "platform_admin"])
    def test_national_and_platform_roles_are_403(self, client, issuer, tenant, role):
        headers = issuer.headers(tenant=tenant, roles=[role])

        for path in ("/classes", "/registrations", "/onsite-requests", "/compliance/untrained-officers"):
            assert client.get(f"{API}{path}", headers=headers).status_code == 403, path

    @pytest.mark.parametrize("role", ["province_leader", "inspector"])
    def test_leaders_and_inspectors_read_but_do_not_write(self, client, issuer, tenant, as_officer, role):
        opened = open_class(client, as_officer)
        headers = issuer.headers(tenant=tenant, roles=[role])

        read = client.get(f"{API}/classes/{opened['id']}", headers=headers)
        write = client.post(f"{API}/classes/{opened['id']}/status", json={"status": "HUY", "reason": "x"},
                            headers=headers)

        assert read.status_code == 200 and write.status_code == 403

    def test_agency_officers_cannot_manage_classes(self, client, as_officer, as_agency):
        opened = open_class(client, as_officer)

        assert client.post(f"{API}/classes/{opened['id']}/status", json={"status": "CHOT_DANH_SACH"},
                           headers=as_agency).status_code == 403
        assert client.patch(f"{API}/settings", json={"completion_percent": 10}, headers=as_agency).status_code == 403

    def test_only_the_province_admin_changes_settings(self, client, as_officer):
        assert client.patch(f"{API}/settings", json={"completion_percent": 10}, headers=as_officer).status_code == 403

    def test_requests_without_a_token_are_401(self, client):
        assert client.get(f"{API}/classes").status_code == 401
