"""Inspections through api/inspections.py: only under an approved plan (or ad hoc), in lifecycle order, by the
plan's team, against the criteria library."""

from tests.inspections.conftest import ONSITE, REVIEW
from tests.support.service import outbox


class TestOnlyUnderAnApprovedPlan:
    """A planned inspection needs an approved plan that targets the agency; an ad hoc one needs none."""

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


class TestNoConclusionWithoutARecord:
    """Notice, inspection, record, conclusion: in that order."""

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

    def test_a_postponement_with_a_new_date_moves_the_visit_and_tells_the_other_services(self, province, runtime):
        agency = province.agency()
        inspection = province.inspection(province.approved_plan([(agency, ONSITE)]), agency)

        moved = province.call("POST", f"/inspections/{inspection['id']}/postpone", reason="Cơ quan sáp nhập",
                              new_date="2027-01-15")
        kept = province.call("POST", f"/inspections/{inspection['id']}/notify", notice_doc="33/TB-SKHCN")
        [event] = outbox(runtime, province.tenant, event_type="inspections.inspection.rescheduled")

        assert (moved["status"], moved["scheduled_date"]) == ("HOAN", "2027-01-15")
        assert kept["scheduled_date"] == "2027-01-15"
        assert event.key == inspection["id"]
        assert (event.payload["data"]["scheduled_date"], event.payload["data"]["reason"]) == ("2027-01-15",
                                                                                     "Cơ quan sáp nhập")


class TestInspectorsActOnlyOnTheirPlans:
    """An inspector acts only on inspections of a plan whose team lists them."""

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
        province.started(inspection, member)
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


def test_checklist_results_name_criteria_of_the_library(province):
    agency = province.agency()
    inspection = province.inspection(province.approved_plan([(agency, REVIEW)]), agency, REVIEW)
    province.started(inspection)

    problem = province.call("PUT", f"/inspections/{inspection['id']}/checklist", expect=422,
                            results=[{"criterion_code": "NOPE", "result": "DAT"}])

    assert "NOPE" in problem["detail"]


class TestRefusals:
    """Each refusal keeps its status, problem type and text (Vietnamese first, then English)."""

    def test_findings_wait_for_the_inspection_to_start(self, province):
        agency = province.agency()
        inspection = province.inspection(province.approved_plan([(agency, ONSITE)]), agency)

        problem = province.call("POST", f"/inspections/{inspection['id']}/findings", expect=409, type="DIEM_MANH",
                                description="x")

        assert problem["detail"] == ("Chỉ ghi kết quả khi đang kiểm tra: biên bản đã lập thì bảng kiểm và phát hiện "
                                     "không sửa được nữa / results are recorded only during the inspection: once the "
                                     "record is drawn up they are locked (trạng thái hiện tại / current status: "
                                     "DU_KIEN)")
        assert problem["type"] == "urn:iso-hcc:problem:LifecycleError"

    def test_an_inspection_with_an_open_recommendation_is_not_closed(self, province):
        agency = province.agency()
        inspection = province.inspection(province.approved_plan([(agency, ONSITE)]), agency)
        province.recorded(inspection)
        province.recommendation(inspection)

        problem = province.call("POST", f"/inspections/{inspection['id']}/close", expect=409)

        assert problem["detail"] == ("Còn kiến nghị chưa khắc phục xong / recommendations are still open "
                                     "(trạng thái hiện tại / current status: DA_LAP_BIEN_BAN)")
        assert problem["type"] == "urn:iso-hcc:problem:LifecycleError"

    def test_a_conclusion_does_not_predate_the_record(self, province):
        agency = province.agency()
        inspection = province.recorded(province.inspection(province.approved_plan([(agency, ONSITE)]), agency))

        problem = province.call("POST", f"/inspections/{inspection['id']}/conclude", expect=422,
                                conclusion_doc="45/TB", conclusion_date="2021-07-01", overall_result="DAT")

        assert problem["detail"] == ("Ngày kết luận trước ngày lập biên bản / conclusion_date is before the record's "
                                     "date")

    def test_the_team_belongs_to_the_inspections_plan(self, province):
        agency = province.agency()
        plan, other = province.approved_plan([(agency, ONSITE)]), province.approved_plan([(agency, ONSITE)])
        team = province.team(other)

        problem = province.call("POST", "/inspections", expect=422, plan_id=plan["id"], team_id=team["id"],
                                agency_id=str(agency), form=ONSITE)

        assert problem["detail"] == ("Đoàn kiểm tra được thành lập cho kế hoạch khác / the team was established for "
                                     "another plan")
