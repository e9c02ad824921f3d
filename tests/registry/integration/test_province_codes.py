"""POST /tenants with an `official_code`: the code must be a province code of the registry's reference data; a
code retired on 1/7/2025 (QĐ 124/2004) is refused for a new province with its successor, unless the province is
declared historical (docs/adr/0014-administrative-codes.md)."""

import pytest

from tests.support.service import outbox

TENANTS = "/api/v1/registry/tenants"


@pytest.fixture
def register(client, issuer, tenant):
    admin = issuer.headers(roles=["platform_admin"])

    def post(**body):
        return client.post(TENANTS, json={"id": tenant, "name": "Tỉnh thử", **body}, headers=admin)

    return post


class TestProvinceCodes:
    def test_a_code_in_force_is_accepted(self, register, runtime, tenant):
        response = register(official_code="68")

        assert response.status_code == 201 and response.get_json()["official_code"] == "68"
        [row] = outbox(runtime, tenant, topic="registry.tenant")
        assert row.payload["data"]["official_code"] == "68"

    def test_an_unknown_code_is_422_naming_the_field(self, register, runtime, tenant):
        response = register(official_code="99")

        assert response.status_code == 422
        assert "official_code" in response.get_json()["detail"] and "99" in response.get_json()["detail"]
        assert outbox(runtime, tenant, topic="registry.tenant") == []

    @pytest.mark.parametrize(("code", "successor"), [("60", "68 (Tỉnh Lâm Đồng)"), ("34", "33 (Tỉnh Hưng Yên)")])
    def test_a_retired_code_for_a_new_province_is_422_naming_its_successor(self, register, code, successor):
        response = register(official_code=code)

        assert response.status_code == 422
        detail = response.get_json()["detail"]
        assert successor in detail and "30/06/2025" in detail and "official_code" in detail

    def test_a_historical_province_keeps_its_retired_code(self, register):
        response = register(official_code="60", historical=True)

        assert response.status_code == 201 and response.get_json()["official_code"] == "60"
        assert "historical" not in response.get_json()

    def test_a_code_in_force_shared_with_a_retired_one_reads_as_the_province_in_force(self, register):
        assert register(official_code="91").status_code == 201

    def test_only_a_retired_code_can_be_historical(self, register):
        response = register(official_code="99", historical=True)

        assert response.status_code == 422 and "historical" in response.get_json()["detail"]

    def test_the_code_stays_optional(self, register):
        assert register().status_code == 201


class TestTheCodesInForce:
    def test_all_34_province_codes_of_qd_19_2025_are_in_the_reference(self, client, as_officer):
        answer = client.get("/api/v1/registry/admin-units?scheme=QD19_2025", headers=as_officer).get_json()

        assert len({u["code"] for u in answer["units"] if u["level"] == "TINH"}) == 34

    def test_quang_tri_registers_with_44_as_the_runbook_says(self, register):
        assert register(official_code="44").status_code == 201
