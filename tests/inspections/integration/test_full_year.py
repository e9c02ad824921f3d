"""A full year for one province through the API: plan, team, document-review and on-site inspections,
conclusions, a recommendation through remediation to closure, and coverage figures that match the records."""

from contracts import registry as events
from tests.inspections.conftest import ONSITE, REVIEW
from tests.support.service import outbox


def test_a_province_runs_its_year_and_the_coverage_matches_the_records(province, runtime):
    sos = [province.agency("SO", f"Sở {n}") for n in range(10)]
    district = province.agency("UBND_HUYEN", "UBND huyện Châu Thành")
    commune = province.agency("UBND_XA", "UBND xã Mỹ Hòa",  # not obliged: outside the denominator
                              obligation=events.Obligation.KHUYEN_KHICH)
    obliged = [*sos, district]
    targets = [(a, ONSITE) for a in obliged[:8]] + [(a, REVIEW) for a in obliged[8:]] + [(commune, ONSITE)]
    plan = province.approved_plan(targets, title="Kế hoạch kiểm tra HTQLCL năm 2021",
                                  period_start="2021-03-01", period_end="2021-10-31")
    province.team(plan, inspector="an-giang.inspector")
    inspector = province.headers("inspector", sub="an-giang.inspector")

    for agency_id, form in targets:
        inspection = province.inspection(plan, agency_id, form, scheduled_date="2021-07-15")
        province.concluded(inspection, "DAT", headers=inspector)

    coverage = province.call("GET", f"/plans/{plan['id']}/coverage?as_of=2021-12-31")
    assert (coverage["obliged"], coverage["inspected_onsite"], coverage["inspected"]) == (11, 8, 11)
    assert coverage["onsite_percent"] == 72.7 and coverage["onsite_percent"] > 70
    assert coverage["inspected_percent"] == 100.0
    assert coverage["onsite_min_percent"] == 30 and coverage["meets_onsite_target"] is True
    year = province.call("GET", "/coverage?year=2021&as_of=2021-12-31")
    assert (year["obliged"], year["inspected_onsite"], year["inspected"]) == (11, 8, 11)
    assert province.call("GET", f"/plans/{plan['id']}")["status"] == "DANG_THUC_HIEN"
    types = [row.type for row in outbox(runtime, province.tenant)]
    assert types.count("inspections.plan.approved") == 1
    assert types.count("inspections.inspection.scheduled") == types.count("inspections.inspection.concluded") == 12


def test_a_recommendation_goes_through_remediation_to_closure(province, runtime):
    agency = province.agency("SO", "Sở Tư pháp")
    plan = province.approved_plan([(agency, ONSITE)])
    province.team(plan, inspector="inspector-1")
    inspector = province.headers("inspector", sub="inspector-1")
    inspection = province.inspection(plan, agency)
    province.started(inspection, inspector)
    path = f"/inspections/{inspection['id']}"
    checked = province.call("PUT", f"{path}/checklist", inspector, results=[
        {"criterion_code": "TC01", "result": "DAT"}, {"criterion_code": "TC06", "result": "KHONG_DAT",
                                                       "note": "chưa đánh giá nội bộ"},
        {"criterion_code": "TC09", "result": "KHONG_AP_DUNG"}])
    assert checked["checklist_score"] == 50
    finding = province.call("POST", f"{path}/findings", inspector, expect=201, type="KHONG_PHU_HOP",
                            description="Chưa tổ chức đánh giá nội bộ", iso_clause="9.2",
                            qd19_clause="Điều 4 khoản 4")
    province.call("POST", f"{path}/record", inspector, record_doc="BB-01/2021", record_date="2021-07-15")
    province.call("PUT", f"{path}/checklist", inspector, expect=409, results=[{"criterion_code": "TC06",
                                                                               "result": "DAT"}])
    recommendation = province.recommendation(inspection, headers=inspector)
    concluded = province.call("POST", f"{path}/conclude", inspector, conclusion_doc="45/TB-SKHCN",
                              conclusion_date="2021-07-30", overall_result="DAT_CO_KHUYEN_NGHI")
    assert concluded["status"] == "DANG_KHAC_PHUC" and concluded["findings"][0]["id"] == finding["id"]
    assert {r["criterion_code"]: r["result"] for r in concluded["checklist"]} == {
        "TC01": "DAT", "TC06": "KHONG_DAT", "TC09": "KHONG_AP_DUNG"}
    item, secretary = f"/recommendations/{recommendation['id']}", province.agency_officer(agency)

    province.call("POST", f"{item}/remediation", secretary, evidence="Báo cáo ĐGNB số 12/BC-STP")
    reopened = province.call("POST", f"{item}/reopen", inspector, reason="Thiếu biên bản xem xét lãnh đạo",
                             deadline="2021-11-30")
    province.call("POST", f"{item}/remediation", secretary, evidence="Bổ sung biên bản họp ngày 10/11/2021")
    closed = province.call("POST", f"{item}/accept", inspector, note="Đạt")

    assert reopened["status"] == "MO" and reopened["deadline"] == "2021-11-30"
    assert closed["status"] == "DONG" and closed["evidence"].startswith("Bổ sung")
    assert province.call("GET", path)["status"] == "DONG"
    types = [row.type for row in outbox(runtime, province.tenant, topic="inspections.recommendation")]
    assert types == ["inspections.recommendation.issued", "inspections.recommendation.remediation_submitted",
                     "inspections.recommendation.reopened", "inspections.recommendation.remediation_submitted",
                     "inspections.recommendation.closed"]
