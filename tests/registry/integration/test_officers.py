"""Routes of api/officers.py: appointing ISO officers and ending appointments."""

from tests.registry.conftest import AGENCIES, new_agency
from tests.support.service import outbox


class TestOfficers:
    def test_a_new_iso_secretary_ends_the_previous_appointment(self, client, runtime, province, as_officer):
        agency = new_agency(client, as_officer)
        path = f"{AGENCIES}/{agency['id']}/officers"

        first = client.post(path, json={"role": "THU_KY_ISO", "full_name": "Lê Thị Hoa",
                                        "appointed_on": "2022-01-03"}, headers=as_officer).get_json()
        client.post(path, json={"role": "THU_KY_ISO", "full_name": "Phạm Minh Đức", "appointed_on": "2024-05-02",
                                "email": "duc@example.vn"}, headers=as_officer)

        listed = client.get(path, headers=as_officer).get_json()
        assert [(o["full_name"], o["removed_on"]) for o in listed] == [("Lê Thị Hoa", "2024-05-02"),
                                                                       ("Phạm Minh Đức", None)]
        types = [r.type for r in outbox(runtime, province, topic="registry.officer")]
        assert types == ["registry.officer.appointed", "registry.officer.removed", "registry.officer.appointed"]
        assert first["role"] == "THU_KY_ISO"

    def test_an_appointment_ends_once(self, client, province, as_officer):
        agency = new_agency(client, as_officer)
        officer = client.post(f"{AGENCIES}/{agency['id']}/officers", headers=as_officer, json={
            "role": "DAI_DIEN_LANH_DAO", "full_name": "Võ Văn Tâm", "appointed_on": "2023-01-01"}).get_json()
        path = f"{AGENCIES}/{agency['id']}/officers/{officer['id']}/remove"

        assert client.post(path, json={"removed_on": "2024-01-01"}, headers=as_officer).status_code == 200
        assert client.post(path, json={"removed_on": "2024-02-01"}, headers=as_officer).status_code == 409

    def test_bad_officer_input_is_refused(self, client, province, as_officer):
        agency = new_agency(client, as_officer)

        response = client.post(f"{AGENCIES}/{agency['id']}/officers", headers=as_officer, json={
            "role": "BOSS", "full_name": "", "appointed_on": "hôm qua", "email": "not-an-email"})

        assert response.status_code == 422
        assert set(response.get_json()["errors"]) == {"role", "full_name", "appointed_on", "email"}
