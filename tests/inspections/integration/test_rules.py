"""The rules the issue names, each refused with a clear error and nothing written."""

from datetime import date

from tests.inspections.conftest import ONSITE, REVIEW
from tests.support.service import outbox


class TestOnlyUnderAnApprovedPlan:
    def test_an_inspection_under_a_draft_plan_is_refused(self, province, runtime):
        agency = province.agency()
        plan = province.plan([(agency, ONSITE)])

        problem = province.call("POST", "/inspections", expect=422, plan_id=plan["id"], agency_id=str(agency),
                                form=ONSITE)

        assert "approved plan" in problem["detail"] and "kế hoạch đã phê duyệt" in problem["detail"]
        assert outbox(runtime, province.tenant, topic="inspections.inspection") == []

    def test_a_planned_inspection_without_a_plan_is_refused(self, province):
        problem = province.call("POST", "/inspections", expect=422, agency_id=str(province.agency()), form=ONSITE)

        assert "ad hoc" in problem["detail"]

    def test_a_planned_inspection_must_target_an_agency_of_the_plan(self, province):
        agency, outsider = province.agency(), province.agency(name="Sở ngoài kế hoạch")
        plan = province.approved_plan([(agency, ONSITE)])

        problem = province.call("POST", "/inspections", expect=422, plan_id=plan["id"], agency_id=str(outsider),
                                form=ONSITE)

        assert "not a target of the plan" in problem["detail"]

    def test_an_ad_hoc_check_needs_no_plan(self, province):
        inspection = province.inspection(None, province.agency(), REVIEW, kind="DOT_XUAT")

        assert inspection["status"] == "DU_KIEN" and inspection["plan_id"] is None

    def test_a_closed_plan_takes_no_new_inspection(self, province):
        agency = province.agency()
        plan = province.approved_plan([(agency, ONSITE)])
        province.call("POST", f"/plans/{plan['id']}/close")

        province.call("POST", "/inspections", expect=422, plan_id=plan["id"], agency_id=str(agency), form=ONSITE)

    def test_only_the_province_leader_approves(self, province):
        plan = province.plan([(province.agency(), ONSITE)])
        province.call("POST", f"/plans/{plan['id']}/submit")

        province.call("POST", f"/plans/{plan['id']}/approve", expect=403, approving_doc="726/KH-UBND")

    def test_a_draft_cannot_be_approved_before_it_is_submitted(self, province):
        plan = province.plan([(province.agency(), ONSITE)])

        problem = province.call("POST", f"/plans/{plan['id']}/approve", province.leader, expect=409,
                                approving_doc="726/KH-UBND")

        assert "only a submitted plan can be approved" in problem["detail"]

    def test_an_adjusted_plan_is_approved_again(self, province, runtime):
        first, second = province.agency(), province.agency(name="Sở Y tế")
        plan = province.approved_plan([(first, ONSITE)])
        province.call("POST", f"/plans/{plan['id']}/adjust", note="Bổ sung Sở Y tế")
        province.call("PATCH", f"/plans/{plan['id']}", targets=[
            {"agency_id": str(first), "planned_form": ONSITE}, {"agency_id": str(second), "planned_form": REVIEW}])
        province.call("POST", f"/plans/{plan['id']}/submit")

        approved = province.call("POST", f"/plans/{plan['id']}/approve", province.leader,
                                 approving_doc="900/KH-UBND ngày 01/6/2021")

        assert approved["status"] == "DA_PHE_DUYET" and len(approved["targets"]) == 2
        assert len(outbox(runtime, province.tenant, topic="inspections.plan")) == 2

    def test_an_approved_plan_cannot_be_edited_without_an_adjustment(self, province):
        plan = province.approved_plan([(province.agency(), ONSITE)])

        province.call("PATCH", f"/plans/{plan['id']}", expect=409, title="Sửa lén")

    def test_a_target_must_be_an_active_agency_of_the_province(self, province):
        gone = province.agency()
        province.dissolve(gone, date(2020, 12, 31))

        problem = province.call("POST", "/plans", expect=422, year=2021,
                                targets=[{"agency_id": str(gone), "planned_form": ONSITE}])

        assert "not an active agency" in problem["detail"]


class TestNoConclusionWithoutARecord:
    def test_concluding_before_the_record_is_refused_in_both_languages(self, province, runtime):
        agency = province.agency()
        inspection = province.inspection(province.approved_plan([(agency, ONSITE)]), agency)
        path = f"/inspections/{inspection['id']}"
        province.call("POST", f"{path}/notify", notice_doc="30/TB-SKHCN")
        province.call("POST", f"{path}/start", conducted_date="2021-07-15")

        problem = province.call("POST", f"{path}/conclude", expect=409, conclusion_doc="45/TB",
                                conclusion_date="2021-07-30", overall_result="DAT")

        assert problem["detail"].startswith("Không thể kết luận khi chưa có biên bản / cannot conclude without a "
                                            "record")
        assert province.call("GET", path)["status"] == "DANG_KIEM_TRA"
        assert outbox(runtime, province.tenant, topic="inspections.inspection")[-1].type.endswith("scheduled")

    def test_an_inspection_is_not_started_before_the_agency_is_notified(self, province):
        agency = province.agency()
        inspection = province.inspection(province.approved_plan([(agency, ONSITE)]), agency)

        problem = province.call("POST", f"/inspections/{inspection['id']}/start", expect=409,
                                conducted_date="2021-07-15")

        assert "notified" in problem["detail"]

    def test_a_postponed_inspection_resumes_with_a_new_notice_and_a_cancelled_one_stays_cancelled(self, province):
        agency = province.agency()
        plan = province.approved_plan([(agency, ONSITE)])
        postponed, cancelled = province.inspection(plan, agency), province.inspection(plan, agency)

        province.call("POST", f"/inspections/{postponed['id']}/postpone", reason="Trùng lịch")
        resumed = province.call("POST", f"/inspections/{postponed['id']}/notify", notice_doc="31/TB-SKHCN")
        province.call("POST", f"/inspections/{cancelled['id']}/cancel", reason="Đã kiểm tra đột xuất")

        assert resumed["status"] == "DA_THONG_BAO"
        province.call("POST", f"/inspections/{cancelled['id']}/notify", expect=409, notice_doc="32/TB")


class TestNoRemediationByAnotherAgency:
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


class TestInspectorsActOnlyOnTheirPlans:
    def test_an_inspector_not_on_the_team_is_refused_and_nothing_changes(self, province):
        agency = province.agency()
        plan = province.approved_plan([(agency, ONSITE)])
        province.team(plan, inspector="on-the-team")
        inspection = province.inspection(plan, agency)
        stranger = province.headers("inspector", sub="not-on-the-team")

        problem = province.call("POST", f"/inspections/{inspection['id']}/notify", stranger, expect=403,
                                notice_doc="30/TB")

        assert "not on the team" in problem["detail"]
        assert province.call("GET", f"/inspections/{inspection['id']}")["status"] == "DU_KIEN"

    def test_a_team_member_records_findings_and_the_team_is_checked_for_every_step(self, province):
        agency = province.agency()
        plan = province.approved_plan([(agency, ONSITE)])
        province.team(plan, inspector="on-the-team")
        inspection = province.inspection(plan, agency)
        member, stranger = (province.headers("inspector", sub=s) for s in ("on-the-team", "someone-else"))
        province.recorded(inspection, member)
        path = f"/inspections/{inspection['id']}"

        province.call("POST", f"{path}/findings", stranger, expect=403, type="DIEM_MANH", description="x")
        province.call("PUT", f"{path}/checklist", stranger, expect=403,
                      results=[{"criterion_code": "TC01", "result": "DAT"}])
        province.call("POST", f"{path}/recommendations", stranger, expect=403, description="x",
                      deadline="2021-12-31")
        province.call("POST", f"{path}/conclude", stranger, expect=403, conclusion_doc="x",
                      conclusion_date="2021-07-30", overall_result="DAT")
        finding = province.call("POST", f"{path}/findings", member, expect=201, type="DIEM_MANH",
                                description="Ứng dụng CNTT tốt", iso_clause="7.1.3")
        assert finding["iso_clause"] == "7.1.3"

    def test_a_team_needs_exactly_one_head(self, province):
        plan = province.plan([(province.agency(), ONSITE)])

        problem = province.call("POST", f"/plans/{plan['id']}/teams", expect=422, decision_no="15/QĐ-SKHCN",
                                decision_date="2021-06-01",
                                members=[{"full_name": "A", "role": "THANH_VIEN"}])

        assert "exactly one head" in problem["detail"]


def test_checklist_results_name_criteria_of_the_library(province):
    agency = province.agency()
    inspection = province.inspection(province.approved_plan([(agency, REVIEW)]), agency, REVIEW)
    province.recorded(inspection)

    problem = province.call("PUT", f"/inspections/{inspection['id']}/checklist", expect=422,
                            results=[{"criterion_code": "NOPE", "result": "DAT"}])

    assert "NOPE" in problem["detail"]


def test_the_criteria_library_carries_legal_basis_and_weight(province):
    criteria = province.call("GET", "/criteria")

    assert len(criteria) == 11 and all(c["legal_basis"] and c["weight"] > 0 for c in criteria)
    assert {c["verification_status"] for c in criteria} <= {"secondary", "unverified", "verified"}
