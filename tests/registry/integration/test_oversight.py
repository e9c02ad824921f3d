"""Routes of api/oversight.py: the province's summary, the daily flags and the province's settings."""

from tests.registry.conftest import AGENCIES, Records, new_agency


def flags(client, headers, as_of, agency_id):
    rows = client.get(f"{AGENCIES}/flags?as_of={as_of}", headers=headers).get_json()
    return {flag for row in rows if row["agency_id"] == agency_id for flag in row["flags"]}


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

        unset = {**admin, "If-Match": '"0"'}  # the province has not set its own deadline yet
        bad = client.put("/api/v1/registry/settings/maintenance_deadline", json={"value": "31/13"}, headers=unset)
        good = client.put("/api/v1/registry/settings/maintenance_deadline", json={"value": "15/10"}, headers=unset)

        assert bad.status_code == 422 and good.get_json()["value"] == "15/10"
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


class TestSummary:
    def test_the_summary_route_answers_for_the_callers_province(self, client, province, as_officer):
        client.post(AGENCIES, json={"name": "Sở Tư pháp", "agency_type": "SO"}, headers=as_officer)

        body = client.get("/api/v1/registry/summary?as_of=2026-01-01", headers=as_officer).get_json()

        assert (body["total"], body["obliged"], body["applying"]) == (1, 1, 0)
        assert body["by_agency_type"]["SO"]["total"] == 1
