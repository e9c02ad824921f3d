"""ISO officers, the daily flags, settings and the law-as-data reference."""

import uuid

import pytest

from tests.registry.conftest import new_agency
from tests.registry.integration.test_quality_system import Records
from tests.support.service import outbox

AGENCIES = "/api/v1/registry/agencies"


def flags(client, headers, as_of, agency_id):
    rows = client.get(f"{AGENCIES}/flags?as_of={as_of}", headers=headers).get_json()
    return {flag for row in rows if row["agency_id"] == agency_id for flag in row["flags"]}


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


class TestFlags:
    def test_an_agency_without_an_iso_secretary_is_flagged_until_one_is_appointed(self, client, province,
                                                                                    as_officer):
        agency = new_agency(client, as_officer)
        client.post(f"{AGENCIES}/{agency['id']}/officers", headers=as_officer, json={
            "role": "THU_KY_ISO", "full_name": "Nguyễn Văn An", "appointed_on": "2024-03-01"})

        assert "no_iso_secretary" in flags(client, as_officer, "2024-02-01", agency["id"])
        assert "no_iso_secretary" not in flags(client, as_officer, "2024-03-01", agency["id"])

    def test_maintenance_is_overdue_after_the_deadline_when_a_required_activity_is_missing(self, client, province,
                                                                                             as_officer):
        records = Records(client, as_officer, new_agency(client, as_officer)["id"])
        records.announced()
        records.post("/maintenance", {"activity_type": "DANH_GIA_NOI_BO", "activity_date": "2022-10-01"}, 201)
        agency_id = records.base.rsplit("/", 1)[1]

        before = flags(client, as_officer, "2022-11-30", agency_id)
        after = flags(client, as_officer, "2022-12-01", agency_id)

        assert "overdue_maintenance" not in before and "overdue_maintenance" in after

    def test_the_province_can_move_its_maintenance_deadline(self, client, issuer, province, as_officer):
        records = Records(client, as_officer, new_agency(client, as_officer)["id"])
        records.announced()
        agency_id = records.base.rsplit("/", 1)[1]
        admin = issuer.headers(tenant=province, roles=["province_admin"])

        bad = client.put("/api/v1/registry/settings/maintenance_deadline", json={"value": "31/13"}, headers=admin)
        good = client.put("/api/v1/registry/settings/maintenance_deadline", json={"value": "15/10"}, headers=admin)

        assert bad.status_code == 422 and good.get_json()["maintenance_deadline"] == "15/10"
        assert "overdue_maintenance" in flags(client, as_officer, "2022-10-16", agency_id)

    def test_a_pending_re_announcement_is_overdue_after_30_days(self, client, province, as_officer):
        records = Records(client, as_officer, new_agency(client, as_officer)["id"])
        records.announced()
        records.move("scope", on="2022-03-01", reason="SAP_XEP_TO_CHUC")
        agency_id = records.base.rsplit("/", 1)[1]

        assert "overdue_reannouncement" not in flags(client, as_officer, "2022-03-31", agency_id)
        assert "overdue_reannouncement" in flags(client, as_officer, "2022-04-01", agency_id)

    def test_a_2008_system_after_30_6_2021_is_flagged_and_incomplete_scope_too(self, client, province, as_officer):
        records = Records(client, as_officer, new_agency(client, as_officer, tthc_count=90)["id"])
        records.announced(standard_version="TCVN_ISO_9001_2008", scope_tthc_count=60)
        agency_id = records.base.rsplit("/", 1)[1]

        assert "legacy_version" not in flags(client, as_officer, "2021-06-30", agency_id)
        assert {"legacy_version", "scope_incomplete"} <= flags(client, as_officer, "2021-07-01", agency_id)


class TestReference:
    def test_obligations_come_from_the_rules_and_the_platform_admin_can_correct_a_rule(self, client, issuer,
                                                                                         province, as_officer):
        agency = new_agency(client, as_officer, agency_type="CHI_CUC")
        admin = issuer.headers(roles=["platform_admin"])
        rule = {"obligation": "BAT_BUOC", "legal_basis_code": "QD19-2014-D2", "verification": "CONFIRMED"}

        before = agency["obligation"]
        denied = client.put("/api/v1/registry/reference/obligation-rules/CHI_CUC", json=rule,
                            headers=issuer.headers(tenant=province, roles=["province_admin"]))
        changed = client.put("/api/v1/registry/reference/obligation-rules/CHI_CUC", json=rule, headers=admin)
        after = client.get(f"{AGENCIES}/{agency['id']}", headers=as_officer).get_json()["obligation"]
        client.put("/api/v1/registry/reference/obligation-rules/CHI_CUC", headers=admin, json={
            "obligation": "BAT_BUOC_THEO_KH_TINH", "legal_basis_code": "QD19-2014-D2-U", "verification": "UNVERIFIED"})

        assert (before, after) == ("BAT_BUOC_THEO_KH_TINH", "BAT_BUOC")
        assert denied.status_code == 403 and changed.status_code == 200

    def test_a_provincial_override_must_cite_its_plan(self, client, province, as_officer):
        response = client.post(AGENCIES, headers=as_officer, json={
            "name": "UBND xã Mỹ Hòa", "agency_type": "UBND_XA", "obligation_override": "BAT_BUOC_THEO_KH_TINH"})
        cited = client.post(AGENCIES, headers=as_officer, json={
            "name": "UBND xã Mỹ Hòa", "agency_type": "UBND_XA", "obligation_override": "BAT_BUOC_THEO_KH_TINH",
            "obligation_decision_no": "2145/KH-UBND", "obligation_decision_date": "2021-06-15"})

        assert response.status_code == 422 and "decision" in response.get_json()["detail"]
        assert cited.get_json()["obligation"] == "BAT_BUOC_THEO_KH_TINH"

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
