"""Recommendations through api/recommendations.py: the agency answers its own, the team reviews the evidence,
and those open past their deadline are flagged once."""

from datetime import date

from tests.inspections.conftest import ONSITE, REVIEW
from tests.support.service import outbox


class TestNoRemediationByAnotherAgency:
    """Only the recommendation's own agency submits evidence, and only once it is asked to."""

    def test_another_agencys_officer_gets_404_and_nothing_changes(self, province, runtime):
        agency, other = province.agency(), province.agency(name="Sở khác")
        inspection = province.inspection(province.approved_plan([(agency, ONSITE)]), agency)
        province.recorded(inspection)
        recommendation = province.recommendation(inspection)

        province.call("POST", f"/recommendations/{recommendation['id']}/remediation",
                      province.agency_officer(other), expect=404, evidence="không phải của tôi")

        assert province.call("GET", f"/recommendations/{recommendation['id']}")["status"] == "MO"
        assert outbox(runtime, province.tenant, topic="inspections.recommendation")[-1].type.endswith("issued")

    def test_province_staff_do_not_submit_the_agencys_evidence(self, province):
        agency = province.agency()
        inspection = province.inspection(province.approved_plan([(agency, ONSITE)]), agency)
        province.recorded(inspection)
        recommendation = province.recommendation(inspection)

        province.call("POST", f"/recommendations/{recommendation['id']}/remediation", expect=403, evidence="x")

    def test_evidence_is_accepted_only_once_submitted(self, province):
        agency = province.agency()
        inspection = province.inspection(province.approved_plan([(agency, ONSITE)]), agency)
        province.recorded(inspection)
        recommendation = province.recommendation(inspection)

        problem = province.call("POST", f"/recommendations/{recommendation['id']}/accept", expect=409)

        assert "has not submitted" in problem["detail"]


def test_overdue_recommendations_are_flagged_once(province, runtime):
    agency = province.agency()
    plan = province.approved_plan([(agency, REVIEW)])
    inspection = province.inspection(plan, agency, REVIEW)
    province.recorded(inspection)
    late = province.recommendation(inspection, deadline=date(2021, 9, 30))
    province.recommendation(inspection, deadline=date(2021, 12, 31))

    first = province.call("POST", "/recommendations/flag-overdue", today="2021-10-15")
    again = province.call("POST", "/recommendations/flag-overdue", today="2021-10-16")
    listed = province.call("GET", "/recommendations?overdue_on=2021-10-15")

    assert [r["id"] for r in first] == [late["id"]] and again == []
    assert [r["id"] for r in listed["items"]] == [late["id"]] and listed["items"][0]["overdue_flagged_at"]
    assert listed["items"][0]["overdue"] is True
    assert [row.type for row in outbox(runtime, province.tenant, topic="inspections.recommendation")][-1] == \
        "inspections.recommendation.overdue_flagged"


def test_flagging_without_a_date_uses_today(province):
    agency = province.agency()
    inspection = province.recorded(province.inspection(province.approved_plan([(agency, REVIEW)]), agency, REVIEW))
    past = province.recommendation(inspection, deadline=date(2021, 9, 30))
    province.recommendation(inspection, deadline=date(2999, 12, 31))

    flagged = province.call("POST", "/recommendations/flag-overdue")

    assert [r["id"] for r in flagged] == [past["id"]]


class TestRefusals:
    """Each refusal keeps its status, problem type and text (Vietnamese first, then English)."""

    def test_a_recommendation_waits_for_the_record(self, province):
        agency = province.agency()
        inspection = province.inspection(province.approved_plan([(agency, ONSITE)]), agency)

        problem = province.call("POST", f"/inspections/{inspection['id']}/recommendations", expect=409,
                                description="x", deadline="2021-12-31")

        assert problem["detail"] == ("Chỉ kiến nghị sau khi đã lập biên bản / recommendations follow the record "
                                     "(trạng thái hiện tại / current status: DU_KIEN)")

    def test_its_deadline_and_finding_belong_to_the_inspection(self, province):
        agency = province.agency()
        plan = province.approved_plan([(agency, ONSITE)])
        inspection, other = province.recorded(province.inspection(plan, agency)), province.inspection(plan, agency)
        province.started(other)
        finding = province.call("POST", f"/inspections/{other['id']}/findings", expect=201, type="DIEM_MANH",
                                description="x")
        path = f"/inspections/{inspection['id']}/recommendations"

        early = province.call("POST", path, expect=422, description="x", deadline="2021-07-01")
        foreign = province.call("POST", path, expect=422, description="x", deadline="2021-12-31",
                                finding_id=finding["id"])

        assert early["detail"] == ("Thời hạn trước ngày lập biên bản kiểm tra / the deadline is before the "
                                   "inspection's record")
        assert foreign["detail"] == ("Phát hiện (finding_id) không thuộc cuộc kiểm tra này / finding_id does not name "
                                     "a finding of this inspection")

    def test_evidence_is_submitted_once_until_the_team_reopens_it(self, province):
        agency = province.agency()
        inspection = province.recorded(province.inspection(province.approved_plan([(agency, REVIEW)]), agency,
                                                           REVIEW))
        item = f"/recommendations/{province.recommendation(inspection)['id']}/remediation"
        province.call("POST", item, province.agency_officer(agency), evidence="Báo cáo")

        problem = province.call("POST", item, province.agency_officer(agency), expect=409, evidence="Lần nữa")

        assert problem["detail"] == ("Kiến nghị không ở trạng thái chờ khắc phục / the recommendation is not awaiting "
                                     "remediation (trạng thái hiện tại / current status: DA_NOP_KHAC_PHUC)")
        assert problem["type"] == "urn:iso-hcc:problem:LifecycleError"
