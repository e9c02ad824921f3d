"""Routes of api/tenants.py: the provinces on the platform."""

from tests.support.service import outbox


class TestTenants:
    def test_the_platform_admin_registers_a_province_once(self, client, runtime, issuer, tenant):
        admin = issuer.headers(roles=["platform_admin"])

        first = client.post("/api/v1/registry/tenants", json={"id": tenant, "name": "Tỉnh Lâm Đồng",
                                                              "official_code": "68"}, headers=admin)
        second = client.post("/api/v1/registry/tenants", json={"id": tenant, "name": "X"}, headers=admin)

        assert first.status_code == 201 and second.status_code == 409
        assert tenant in [t["id"] for t in client.get("/api/v1/registry/tenants", headers=admin).get_json()]
        [row] = outbox(runtime, tenant, topic="registry.tenant")
        assert row.type == "registry.tenant.created"

    def test_an_officer_reads_their_own_province(self, client, province, as_officer):
        assert client.get("/api/v1/registry/tenants/current", headers=as_officer).get_json()["id"] == province
