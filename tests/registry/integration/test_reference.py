"""Routes of api/reference.py: the law-as-data reference and the administrative units."""

import uuid

import pytest

from tests.registry.conftest import AGENCIES, new_agency


class TestReference:
    def test_obligations_come_from_the_rules_and_the_platform_admin_can_correct_a_rule(self, client, issuer,
                                                                                         province, as_officer):
        agency = new_agency(client, as_officer, agency_type="CHI_CUC")
        admin = issuer.headers(roles=["platform_admin"])
        rule = {"obligation": "BAT_BUOC", "legal_basis_code": "QD19-2014-D2", "verification": "CONFIRMED"}

        url = "/api/v1/registry/reference/obligation-rules/CHI_CUC"
        etag = client.get(url, headers=as_officer).headers["ETag"]

        before = agency["obligation"]
        denied = client.put(url, json=rule, headers=issuer.headers(tenant=province, roles=["province_admin"]))
        changed = client.put(url, json=rule, headers={**admin, "If-Match": etag})
        after = client.get(f"{AGENCIES}/{agency['id']}", headers=as_officer).get_json()["obligation"]
        restored = client.put(url, headers={**admin, "If-Match": changed.headers["ETag"]}, json={
            "obligation": "BAT_BUOC_THEO_KH_TINH", "legal_basis_code": "QD19-2014-D2-U", "verification": "UNVERIFIED"})

        assert (before, after) == ("BAT_BUOC_THEO_KH_TINH", "BAT_BUOC")
        assert denied.status_code == 403 and changed.status_code == 200 and restored.status_code == 200
        assert changed.get_json()["version"] == int(etag.strip('"')) + 1

    def test_a_correction_needs_the_rules_current_version(self, client, issuer):
        url = "/api/v1/registry/reference/obligation-rules/CHI_CUC"
        admin = issuer.headers(roles=["platform_admin"])
        current = client.get(url, headers=admin).get_json()
        body = {name: current[name] for name in ("obligation", "legal_basis_code", "verification")}

        missing = client.put(url, json=body, headers=admin)
        stale = client.put(url, json=body, headers={**admin, "If-Match": f'"{current["version"] + 5}"'})
        unknown = client.get("/api/v1/registry/reference/obligation-rules/NOPE", headers=admin)

        assert (missing.status_code, stale.status_code, unknown.status_code) == (428, 412, 404)
        assert stale.headers["ETag"] == f'"{current["version"]}"'
        assert client.get(url, headers=admin).get_json() == current

    def test_every_rule_carries_its_legal_basis_and_verification(self, client, issuer):
        data = client.get("/api/v1/registry/reference", headers=issuer.headers(roles=["national_viewer"])).get_json()

        bases = {b["code"]: b for b in data["legal_bases"]}
        assert len(data["obligation_rules"]) == 11
        assert all(rule["legal_basis_code"] in bases for rule in data["obligation_rules"])
        assert {b["verification"] for b in bases.values()} == {"CONFIRMED", "UNVERIFIED", "NOT_FOUND"}

    @pytest.mark.parametrize(("tenant", "codes"), [
        ("an-giang", [("QD124_2004", "89", None, "2025-06-30"), ("QD19_2025", "91", "2025-07-01", None)]),
        ("kien-giang", [("QD124_2004", "91", None, "2025-06-30")]),
    ])
    def test_province_codes_change_on_1_7_2025(self, client, issuer, tenant, codes):
        data = client.get(f"/api/v1/registry/admin-units?tenant_id={tenant}",
                          headers=issuer.headers(roles=["platform_admin"])).get_json()

        assert [(u["scheme"], u["code"], u["valid_from"], u["valid_to"]) for u in data["units"]] == codes
        successions = {(s["from_code"], s["to_code"]) for s in data["successions"]}
        assert {("89", "91"), ("91", "91"), ("60", "68"), ("34", "33"), ("74", "79"), ("77", "79")} <= successions


class TestAdministrativeUnits:
    def test_the_platform_admin_adds_a_commune_and_a_code_is_never_reused(self, client, issuer):
        admin = issuer.headers(roles=["platform_admin"])
        code = f"9{uuid.uuid4().int % 10_000:04d}"
        commune = {"scheme": "QD19_2025", "code": code, "level": "XA", "unit_type": "PHUONG", "name": "Phường Thử",
                   "parent_code": "91", "valid_from": "2025-07-01", "tenant_id": "an-giang",
                   "legal_basis_code": "QD19-2025"}

        first = client.post("/api/v1/registry/admin-units", json=commune, headers=admin)
        again = client.post("/api/v1/registry/admin-units", json=commune, headers=admin)
        denied = client.post("/api/v1/registry/admin-units", json=commune,
                             headers=issuer.headers(tenant="an-giang", roles=["province_admin"]))

        assert first.status_code == 201 and again.status_code == 409 and denied.status_code == 403

    def test_a_unit_must_cite_a_known_legal_basis_and_sane_dates(self, client, issuer):
        admin = issuer.headers(roles=["platform_admin"])
        unit = {"scheme": "QD124_2004", "code": "999", "level": "HUYEN", "unit_type": "HUYEN", "name": "Huyện Thử",
                "valid_from": "2020-01-01", "valid_to": "2019-01-01", "legal_basis_code": "QD124-2004"}

        wrong_dates = client.post("/api/v1/registry/admin-units", json=unit, headers=admin)
        no_basis = client.post("/api/v1/registry/admin-units", headers=admin,
                               json={**unit, "valid_to": None, "legal_basis_code": "NOPE"})

        assert wrong_dates.status_code == 422 and no_basis.status_code == 422
