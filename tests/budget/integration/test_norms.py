"""Cost norms as versioned reference data: seeded from the migration's JSON with their legal bases, read by
everyone signed in, edited by the platform admin only; a filled-in norm changes the cap lines are checked on."""

from __future__ import annotations

import uuid

import pytest

from tests.budget.conftest import API, add_agency, new_line


@pytest.fixture
def admin(issuer):
    return issuer.headers(roles=["platform_admin"])


def norm(norms: list[dict], code: str) -> dict:
    [found] = [n for n in norms if n["code"] == code]
    return found


class TestSeededNorms:
    def test_confirmed_values_are_seeded_in_vnd_with_their_legal_basis(self, client, officer):
        norms = client.get(f"{API}/cost-norms", headers=officer).get_json()

        ministry = norm(norms, "TT116-K1-BO_NGANH-TV-LD")
        assert (ministry["value"], ministry["vnd"]["value"]) == (100_000_000, "100.000.000 đ")
        assert (ministry["legal_basis_code"], ministry["verification"]) == ("TT116-2015-D4K1", "CONFIRMED")
        expert = norm(norms, "TT116-CGDL-THANG")
        assert (expert["unit"], expert["min_value"], expert["max_value"]) == ("PER_MONTH", 2_800_000, 7_400_000)
        assert norm(norms, "TT116-KHOAN-LD-85")["percent"] == 85

    def test_values_not_found_are_left_empty_for_an_admin(self, client, officer):
        norms = client.get(f"{API}/cost-norms", headers=officer).get_json()

        unknown = [n for n in norms if n["verification"] == "NOT_FOUND"]
        assert unknown and all(n["value"] is None for n in unknown)
        assert norm(norms, "TT116-K6-DUY-TRI")["value"] is None

    def test_the_reference_gives_the_legal_bases_and_the_level_of_each_agency_type(self, client, officer):
        reference = client.get(f"{API}/reference", headers=officer).get_json()

        bases = {b["code"]: b for b in reference["legal_bases"]}
        assert bases["TT116-2015-D4K1"]["document"] == "116/2015/TT-BTC"
        levels = {r["agency_type"]: r["agency_level"] for r in reference["agency_level_rules"]}
        assert (levels["UBND_XA"], levels["DVSN"], levels["SO"]) == ("XA_DVSN", "XA_DVSN", "SO_UBND_TINH")

    def test_the_cap_endpoint_shows_how_a_percent_rule_was_computed(self, client, officer):
        query = "category=TU_XAY_DUNG_KHOAN&agency_level=BO_NGANH&fiscal_year=2025&extension=true"

        cap = client.get(f"{API}/cost-norms/cap?{query}", headers=officer).get_json()

        assert (cap["amount"], cap["amount_vnd"]) == (55_250_000, "55.250.000 đ")
        assert cap["trail"][0].startswith("TT116-KHOAN-MR-85 v1: 85%")


class TestEditingNorms:
    def test_a_province_officer_cannot_edit_a_norm(self, client, officer):
        response = client.post(f"{API}/cost-norms/TT116-K6-DUY-TRI/versions", json={"value": 1}, headers=officer)

        assert response.status_code == 403

    def test_the_platform_admin_adds_a_norm_with_a_known_legal_basis(self, client, admin):
        code = f"TEST-{uuid.uuid4().hex[:8].upper()}"
        body = {"code": code, "legal_basis_code": "TT116-2015-D4K6", "item": "CHUYEN_DOI_PHIEN_BAN",
                "unit": "PER_AGENCY", "value": 20_000_000, "effective_from": "2030-01-01",
                "verification": "UNVERIFIED"}

        created = client.post(f"{API}/cost-norms", json=body, headers=admin)
        again = client.post(f"{API}/cost-norms", json=body, headers=admin)
        unknown_basis = client.post(f"{API}/cost-norms", json={**body, "code": code + "X",
                                                                 "legal_basis_code": "NONE"}, headers=admin)

        assert created.status_code == 201 and created.get_json()["version"] == 1
        assert again.status_code == 409 and unknown_basis.status_code == 422

    def test_a_percent_norm_without_its_reference_is_refused(self, client, admin):
        body = {"code": f"TEST-{uuid.uuid4().hex[:8].upper()}", "legal_basis_code": "TT116-2015-D4-XA",
                "unit": "PERCENT_OF_NORM", "percent": 80, "effective_from": "2030-01-01",
                "verification": "UNVERIFIED"}

        assert client.post(f"{API}/cost-norms", json=body, headers=admin).status_code == 422

    def test_a_version_dated_before_the_previous_one_is_refused(self, client, admin):
        response = client.post(f"{API}/cost-norms/TT116-K6-DUY-TRI/versions",
                               json={"value": 1, "effective_from": "2010-01-01"}, headers=admin)

        assert response.status_code == 422


def test_filling_a_norm_that_was_not_found_gives_communes_a_cap_of_80_percent_of_it(client, issuer, runtime,
                                                                                    tenant):
    """Runs last in this module: it changes the shared reference data (a new version from 2040 only)."""
    admin, officer = issuer.headers(roles=["platform_admin"]), issuer.headers(tenant=tenant,
                                                                               roles=["province_officer"])
    commune = add_agency(runtime, tenant, agency_type="UBND_XA", name="UBND xã Bình Mỹ")

    filled = client.post(f"{API}/cost-norms/TT116-K1-CHI_CUC_HUYEN-TV-LD/versions", headers=admin, json={
        "value": 60_000_000, "effective_from": "2040-01-01", "verification": "CONFIRMED",
        "legal_basis_code": "TT116-2015-D4K1"})
    before = new_line(client, officer, agency_id=commune, fiscal_year=2039, estimate=48_000_001)
    after = new_line(client, officer, agency_id=commune, fiscal_year=2040, estimate=48_000_000)
    over = new_line(client, officer, expect=422, agency_id=commune, fiscal_year=2040, estimate=48_000_001)

    assert filled.status_code == 201 and filled.get_json()["version"] == 2
    assert before["cap_check"] == "KHONG_XAC_DINH"
    assert (after["cap_check"], after["cap_amount"]) == ("OK", 48_000_000)
    assert "48.000.000 đ" in over["detail"]
