"""Plans and their teams through api/plans.py: approval by the province's leader, adjustment, targets, teams and
carrying a closed plan forward."""

from datetime import date

from tests.inspections.conftest import ONSITE, REVIEW
from tests.support.service import outbox


class TestApproval:
    """A draft is submitted, then approved by the province's leader; once approved it changes only through an
    adjustment."""

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


class TestTargets:
    """A plan's targets are active agencies of the province."""

    def test_a_target_must_be_an_active_agency_of_the_province(self, province):
        gone = province.agency()
        province.dissolve(gone, date(2020, 12, 31))

        problem = province.call("POST", "/plans", expect=422, year=2021,
                                targets=[{"agency_id": str(gone), "planned_form": ONSITE}])

        assert "not an active agency" in problem["detail"]


class TestTeams:
    """A team is established by decision with exactly one head."""

    def test_a_team_needs_exactly_one_head(self, province):
        plan = province.plan([(province.agency(), ONSITE)])

        problem = province.call("POST", f"/plans/{plan['id']}/teams", expect=422, decision_no="15/QĐ-SKHCN",
                                decision_date="2021-06-01",
                                members=[{"full_name": "A", "role": "THANH_VIEN"}])

        assert "exactly one head" in problem["detail"]


def test_a_closed_plan_is_carried_forward_into_a_new_draft(province):
    kept, gone = province.agency("SO", "Sở Nội vụ"), province.agency("SO", "Sở cũ")
    plan = province.approved_plan([(kept, ONSITE), (gone, REVIEW)])
    province.call("POST", f"/plans/{plan['id']}/close")
    province.dissolve(gone, date(2021, 12, 31))

    draft = province.call("POST", f"/plans/{plan['id']}/carry-forward", expect=201, year=2022)

    assert draft["status"] == "DU_THAO" and draft["year"] == 2022 and draft["approving_doc"] is None
    assert draft["carried_from_plan_id"] == plan["id"]
    assert [(t["agency_id"], t["planned_form"]) for t in draft["targets"]] == [(str(kept), ONSITE)]


class TestRefusals:
    """Each refusal keeps its status, problem type and text (Vietnamese first, then English)."""

    def test_a_plan_without_targets_is_not_submitted(self, province):
        plan = province.plan([])

        problem = province.call("POST", f"/plans/{plan['id']}/submit", expect=422)

        assert problem["detail"] == "Kế hoạch chưa có cơ quan được kiểm tra / the plan has no target agencies"
        assert problem["type"] == "urn:iso-hcc:problem:RuleViolated"

    def test_a_period_that_ends_before_it_starts_is_refused(self, province):
        problem = province.call("POST", "/plans", expect=422, year=2021, period_start="2021-06-01",
                                period_end="2021-03-01")

        assert problem["detail"] == "Ngày bắt đầu sau ngày kết thúc / period_start is after period_end"

    def test_a_closed_plan_takes_no_new_team(self, province):
        plan = province.approved_plan([(province.agency(), ONSITE)])
        province.call("POST", f"/plans/{plan['id']}/close")

        problem = province.call("POST", f"/plans/{plan['id']}/teams", expect=409, decision_no="15/QĐ-SKHCN",
                                decision_date="2021-06-01", members=[{"full_name": "A", "role": "TRUONG_DOAN"}])

        assert problem["detail"] == ("Kế hoạch đã tổng kết / the plan is closed "
                                     "(trạng thái hiện tại / current status: DA_TONG_KET)")
        assert problem["type"] == "urn:iso-hcc:problem:LifecycleError"

    def test_only_a_closed_plan_is_carried_forward_and_only_to_a_later_year(self, province):
        plan = province.approved_plan([(province.agency(), ONSITE)])

        running = province.call("POST", f"/plans/{plan['id']}/carry-forward", expect=409, year=2022)
        province.call("POST", f"/plans/{plan['id']}/close")
        backwards = province.call("POST", f"/plans/{plan['id']}/carry-forward", expect=422, year=2021)

        assert running["detail"] == ("Chỉ chuyển tiếp kế hoạch đã tổng kết / only a closed plan can be carried "
                                     "forward (trạng thái hiện tại / current status: DA_PHE_DUYET)")
        assert backwards["detail"] == ("Năm của kế hoạch mới phải sau năm của kế hoạch đã đóng / the new plan's year "
                                       "must come after the closed plan's year")
