"""Another province's agency is 404, never 403 and never its data; roles are checked on every route."""

import pytest

from tests.registry.conftest import new_agency
from tests.support.service import outbox

AGENCIES = "/api/v1/registry/agencies"


@pytest.fixture
def theirs(client, issuer, other_province):
    return new_agency(client, issuer.headers(tenant=other_province, roles=["province_admin"]), name="Của tỉnh khác")


class TestAnotherProvince:
    def test_get_is_404(self, client, theirs, as_officer, issuer, other_province):
        mine = client.get(f"{AGENCIES}/{theirs['id']}", headers=issuer.headers(tenant=other_province))
        response = client.get(f"{AGENCIES}/{theirs['id']}", headers=as_officer)

        assert mine.status_code == 200
        assert response.status_code == 404 and "Của tỉnh khác" not in response.get_data(as_text=True)

    def test_update_is_404_and_changes_nothing(self, client, runtime, theirs, as_officer, issuer, other_province):
        response = client.patch(f"{AGENCIES}/{theirs['id']}", json={"name": "hijacked"},
                                headers={**as_officer, "If-Match": '"1"'})

        assert response.status_code == 404
        after = client.get(f"{AGENCIES}/{theirs['id']}", headers=issuer.headers(tenant=other_province)).get_json()
        assert after["name"] == "Của tỉnh khác" and after["version"] == 1
        assert len(outbox(runtime, other_province, topic="registry.agency")) == 1

    def test_dissolve_is_404(self, client, theirs, as_officer):
        response = client.post(f"{AGENCIES}/{theirs['id']}/dissolve", json={"dissolved_on": "2025-07-01"},
                               headers=as_officer)

        assert response.status_code == 404

    def test_history_is_404(self, client, theirs, as_officer):
        assert client.get(f"{AGENCIES}/{theirs['id']}/history", headers=as_officer).status_code == 404

    def test_list_shows_only_the_callers_province(self, client, theirs, as_officer, issuer, other_province):
        new_agency(client, as_officer, name="Của tỉnh mình")

        mine = client.get(AGENCIES, headers=as_officer).get_json()
        them = client.get(AGENCIES, headers=issuer.headers(tenant=other_province)).get_json()

        assert [a["name"] for a in mine["items"]] == ["Của tỉnh mình"]
        assert [a["name"] for a in them["items"]] == ["Của tỉnh khác"]


class TestRoles:
    @pytest.mark.parametrize("role", ["national_viewer", "platform_admin", "inspector", "province_leader",
                                      "agency_officer"])
    def test_only_province_admins_and_officers_write(self, client, issuer, province, role):
        headers = issuer.headers(tenant=province, roles=[role])

        response = client.post(AGENCIES, json={"name": "X", "agency_type": "SO"}, headers=headers)

        assert response.status_code == 403
        assert response.content_type == "application/problem+json"

    @pytest.mark.parametrize("role", ["national_viewer", "platform_admin"])
    def test_national_and_platform_roles_read_no_agency_data(self, client, issuer, province, role):
        assert client.get(AGENCIES, headers=issuer.headers(tenant=province, roles=[role])).status_code == 403

    def test_only_the_platform_admin_registers_provinces(self, client, issuer, province):
        response = client.post("/api/v1/registry/tenants", json={"id": "new-one", "name": "X"},
                               headers=issuer.headers(tenant=province, roles=["province_admin"]))

        assert response.status_code == 403


class TestAgencyOfficer:
    def test_sees_only_their_own_agency(self, client, issuer, province, as_officer):
        own = new_agency(client, as_officer, name="Cơ quan của tôi")
        other = new_agency(client, as_officer, name="Cơ quan khác")
        headers = issuer.headers(tenant=province, roles=["agency_officer"], agency_id=own["id"])

        listed = client.get(AGENCIES, headers=headers).get_json()

        assert [a["name"] for a in listed["items"]] == ["Cơ quan của tôi"]
        assert client.get(f"{AGENCIES}/{own['id']}", headers=headers).status_code == 200
        assert client.get(f"{AGENCIES}/{other['id']}", headers=headers).status_code == 404
