"""Budget lines through the API: estimate, cap checks and overrides, approval, disbursement, settlement."""

from __future__ import annotations

from tests.budget.conftest import API, add_agency, approved_line, new_line
from tests.support.service import outbox

OVERRIDE = {"reason": "Phạm vi gồm 210 thủ tục hành chính", "document": "145/QĐ-UBND ngày 03/3/2025"}


class TestEstimate:
    def test_an_estimate_within_the_cap_is_recorded_with_the_cap_it_was_checked_against(self, client, officer,
                                                                                        runtime, tenant):
        agency = add_agency(runtime, tenant)  # NGANH_DOC: the Tổng cục/Cục level, 80 million

        line = new_line(client, officer, agency_id=agency, estimate=75_000_000)

        assert (line["status"], line["cap_check"], line["cap_amount"]) == ("LAP_DU_TOAN", "OK", 80_000_000)
        assert line["owner"] == "AGENCY" and line["agency_name"] == "Cục Thuế tỉnh"
        assert line["vnd"]["estimate"] == "75.000.000 đ"
        [event] = outbox(runtime, tenant, event_type="budget.line.estimated")
        assert event.payload["data"]["cap_check"] == "OK"

    def test_an_estimate_over_the_cap_is_refused_in_vietnamese_and_english_and_nothing_is_written(
            self, client, officer, runtime, tenant):
        agency = add_agency(runtime, tenant)

        refused = new_line(client, officer, expect=422, agency_id=agency, estimate=80_000_001)

        assert "Vượt định mức" in refused["detail"] and "over the cap" in refused["detail"]
        assert client.get(f"{API}/lines", headers=officer).get_json()["total"] == 0
        assert outbox(runtime, tenant) == []

    def test_an_override_with_a_reason_and_a_document_lets_it_through_and_is_reported(self, client, officer,
                                                                                      runtime, tenant):
        agency = add_agency(runtime, tenant)

        line = new_line(client, officer, agency_id=agency, estimate=90_000_000, cap_override=OVERRIDE)

        assert line["cap_check"] == "VUOT_MUC"
        [override] = client.get(f"{API}/overrides?fiscal_year=2025", headers=officer).get_json()
        assert (override["amount"], override["cap_amount"], override["document"]) == (90_000_000, 80_000_000,
                                                                                      OVERRIDE["document"])
        [event] = outbox(runtime, tenant, event_type="budget.line.cap_exceeded")
        assert event.payload["data"]["overridden"] is True

    def test_a_line_without_a_known_cap_is_accepted_as_cap_unknown(self, client, officer, runtime, tenant):
        agency = add_agency(runtime, tenant, agency_type="SO", name="Sở Tư pháp")

        line = new_line(client, officer, agency_id=agency, estimate=500_000_000)

        assert (line["cap_check"], line["cap_amount"], line["agency_level"]) == ("KHONG_XAC_DINH", None,
                                                                                 "SO_UBND_TINH")

    def test_a_programme_line_has_no_agency(self, client, officer):
        line = new_line(client, officer, category="DAO_TAO", estimate=120_000_000)

        assert (line["owner"], line["agency_id"], line["cap_check"]) == ("PROGRAMME", None, "KHONG_XAC_DINH")

    def test_an_agency_not_yet_known_to_the_budget_service_is_refused(self, client, officer):
        refused = new_line(client, officer, expect=422, agency_id="00000000-0000-0000-0000-0000000000aa")

        assert "agency" in refused["detail"]

    def test_a_revised_estimate_is_checked_again(self, client, officer, runtime, tenant):
        line = new_line(client, officer, agency_id=add_agency(runtime, tenant), estimate=10_000_000)

        fresh = {**officer, "If-Match": f'"{line["version"]}"'}
        over = client.patch(f"{API}/lines/{line['id']}", json={"estimate": 81_000_000}, headers=fresh)
        within = client.patch(f"{API}/lines/{line['id']}", json={"estimate": 79_000_000}, headers=fresh)

        assert over.status_code == 422
        assert within.status_code == 200 and within.get_json()["estimate"] == 79_000_000


class TestLifecycle:
    def test_a_line_goes_from_estimated_to_approved_to_in_execution_to_settled(self, client, officer, leader,
                                                                                runtime, tenant):
        line = approved_line(client, officer, leader, approved=60_000_000, agency_id=add_agency(runtime, tenant))
        assert line["status"] == "DA_GIAO_DU_TOAN" and line["approving_doc"] == "312/QĐ-UBND"

        spent = client.post(f"{API}/lines/{line['id']}/disbursements", headers=officer,
                            json={"amount": 40_000_000, "spent_on": "2025-04-02", "description": "Hợp đồng tư vấn"})
        settled = client.post(f"{API}/lines/{line['id']}/settlements", headers=officer,
                              json={"amount": 40_000_000, "settlement_doc": "58/QĐ-SKHCN", "settled_on": "2025-12-15",
                                    "final": True})

        assert spent.status_code == 201 and settled.status_code == 201
        final = client.get(f"{API}/lines/{line['id']}", headers=officer).get_json()
        assert (final["status"], final["disbursed"], final["settled"]) == ("DA_QUYET_TOAN", 40_000_000, 40_000_000)
        types = [row.type for row in outbox(runtime, tenant)]
        assert types == ["budget.line.estimated", "budget.line.approved", "budget.line.disbursed",
                         "budget.line.settled"]

    def test_spending_more_than_was_approved_is_refused(self, client, officer, leader):
        line = approved_line(client, officer, leader, approved=30_000_000, category="DAO_TAO")

        response = client.post(f"{API}/lines/{line['id']}/disbursements", headers=officer,
                               json={"amount": 30_000_001, "spent_on": "2025-04-02", "description": "Lớp học"})

        assert response.status_code == 422 and "Vượt dự toán được giao" in response.get_json()["detail"]

    def test_spending_over_the_cap_under_the_override_of_the_estimate_is_recorded_as_over_cap(
            self, client, officer, leader, runtime, tenant):
        line = new_line(client, officer, agency_id=add_agency(runtime, tenant), estimate=90_000_000,
                        cap_override=OVERRIDE)
        client.post(f"{API}/lines/{line['id']}/approve", headers=leader,
                    json={"approved": 90_000_000, "approving_doc": "312/QĐ-UBND", "approved_on": "2025-01-20"})

        spent = client.post(f"{API}/lines/{line['id']}/disbursements", headers=officer,
                            json={"amount": 90_000_000, "spent_on": "2025-05-02", "description": "Hợp đồng"})

        assert spent.status_code == 201
        after = client.get(f"{API}/lines/{line['id']}", headers=officer).get_json()
        assert (after["cap_check"], after["disbursed"]) == ("VUOT_MUC", 90_000_000)

    def test_approving_an_amount_over_the_cap_needs_an_override_unless_the_estimate_had_one(
            self, client, officer, leader, runtime, tenant):
        line = new_line(client, officer, agency_id=add_agency(runtime, tenant), estimate=90_000_000,
                        cap_override=OVERRIDE)
        body = {"approving_doc": "312/QĐ-UBND", "approved_on": "2025-01-20"}

        higher = client.post(f"{API}/lines/{line['id']}/approve", json={**body, "approved": 95_000_000},
                             headers=leader)
        covered = client.post(f"{API}/lines/{line['id']}/approve", json={**body, "approved": 90_000_000},
                              headers=leader)

        assert higher.status_code == 422 and covered.status_code == 200

    def test_settling_more_than_was_spent_is_refused(self, client, officer, leader):
        line = approved_line(client, officer, leader, category="KIEM_TRA")
        client.post(f"{API}/lines/{line['id']}/disbursements", headers=officer,
                    json={"amount": 5_000_000, "spent_on": "2025-04-02", "description": "Đoàn kiểm tra"})

        response = client.post(f"{API}/lines/{line['id']}/settlements", headers=officer,
                               json={"amount": 5_000_001, "settlement_doc": "58/QĐ-SKHCN", "settled_on": "2025-12-15"})

        assert response.status_code == 422 and "quyết toán" in response.get_json()["detail"]

    def test_an_estimate_cannot_be_spent_before_approval_nor_revised_after_it(self, client, officer, leader):
        line = new_line(client, officer, category="DAO_TAO")
        early = client.post(f"{API}/lines/{line['id']}/disbursements", headers=officer,
                            json={"amount": 1, "spent_on": "2025-04-02", "description": "x"})
        client.post(f"{API}/lines/{line['id']}/approve", headers=leader,
                    json={"approved": 1, "approving_doc": "1/QĐ-UBND", "approved_on": "2025-01-02"})

        current = client.get(f"{API}/lines/{line['id']}", headers=officer)
        late = client.patch(f"{API}/lines/{line['id']}", json={"estimate": 2},
                            headers={**officer, "If-Match": current.headers["ETag"]})

        assert early.status_code == 409 and late.status_code == 409

    def test_records_list_expenditures_settlements_and_overrides(self, client, officer, leader):
        line = approved_line(client, officer, leader, category="DAO_TAO")
        client.post(f"{API}/lines/{line['id']}/disbursements", headers=officer,
                    json={"amount": 7, "spent_on": "2025-04-02", "description": "Tài liệu"})

        records = client.get(f"{API}/lines/{line['id']}/records", headers=officer).get_json()

        assert [e["amount"] for e in records["expenditures"]] == [7]
        assert records["settlements"] == [] and records["overrides"] == []
