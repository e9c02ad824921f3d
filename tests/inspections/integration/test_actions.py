"""The `actions` a plan, an inspection and a recommendation carry on a read, on the real service: what each role
may do now, and for plans every listed action is accepted by its command and every other one refused, unchanged."""

from __future__ import annotations

import pytest

from tests.inspections.conftest import ONSITE

PLAN_CALLS = {  # action -> (path under the plan, body); `edit` is a PATCH
    "edit": ("", {"title": "Kế hoạch sửa"}),
    "submit": ("/submit", {"proposing_doc": "120/TTr-SKHCN"}),
    "approve": ("/approve", {"approving_doc": "726/KH-UBND"}),
    "adjust": ("/adjust", {"note": "Bổ sung cơ quan"}),
    "close": ("/close", {}),
    "carry_forward": ("/carry-forward", {"year": 2022}),
    "form_team": ("/teams", {"decision_no": "15/QĐ-SKHCN", "decision_date": "2021-06-01",
                             "members": [{"full_name": "Nguyễn Văn A", "role": "TRUONG_DOAN"}]}),
    "schedule_inspection": (None, {"form": ONSITE, "kind": "DOT_XUAT"}),
}
STEPS = {  # a plan's status -> the steps that reach it from a draft with a target
    "DU_THAO": [], "TRINH_UBND": ["submit"], "DA_PHE_DUYET": ["submit", "approve"],
    "DIEU_CHINH": ["submit", "approve", "adjust"], "DA_TONG_KET": ["submit", "approve", "close"],
}
ROLES = ("province_officer", "province_leader", "inspector")


def take(province, plan: dict, agency, action: str, headers: dict, expect: int | None = None):
    """`action` on the plan by `headers` through its route; returns the response's status code."""
    path, body = PLAN_CALLS[action]
    if path is None:
        url, body = "/api/v1/inspections/inspections", {**body, "plan_id": plan["id"], "agency_id": str(agency)}
    else:
        url = f"/api/v1/inspections/plans/{plan['id']}{path}"
    method = "PATCH" if action == "edit" else "POST"
    if method == "PATCH":
        headers = {**headers, "If-Match": province.etag(f"/plans/{plan['id']}")}
    return province.client.open(url, method=method, json=body, headers=headers).status_code


def plan_in(province, status: str) -> tuple[dict, object]:
    agency = province.agency()
    plan = province.plan([(agency, ONSITE)])
    for step in STEPS[status]:
        headers = province.leader if step == "approve" else province.officer
        assert take(province, plan, agency, step, headers) == 200
    return plan, agency


@pytest.mark.parametrize("status", list(STEPS))
def test_a_plan_lists_what_each_role_may_do_and_its_commands_agree(province, status):
    for role in ROLES:
        headers = province.headers(role, sub=f"{role}-1")
        plan, agency = plan_in(province, status)
        listed = province.call("GET", f"/plans/{plan['id']}", headers)["actions"]
        version = province.call("GET", f"/plans/{plan['id']}")["version"]

        for action in set(PLAN_CALLS) - set(listed):
            assert take(province, plan, agency, action, headers) >= 400, (status, role, action)
        assert province.call("GET", f"/plans/{plan['id']}")["version"] == version  # nothing was changed
        for action in listed:
            fresh, fresh_agency = plan_in(province, status)
            assert take(province, fresh, fresh_agency, action, headers) in (200, 201), (status, role, action)


@pytest.mark.parametrize("status", list(STEPS))
def test_a_plan_lists_the_kinds_of_inspection_it_takes_and_scheduling_agrees(province, status):
    plan, agency = plan_in(province, status)
    kinds = province.call("GET", f"/plans/{plan['id']}")["inspection_kinds"]

    assert kinds == (["DINH_KY", "DOT_XUAT"] if status == "DA_PHE_DUYET" else ["DOT_XUAT"])
    for kind in ("DINH_KY", "DOT_XUAT"):
        answer = province.client.post("/api/v1/inspections/inspections", headers=province.officer, json={
            "plan_id": plan["id"], "agency_id": str(agency), "form": ONSITE, "kind": kind})
        assert (answer.status_code == 201) is (kind in kinds), (status, kind, answer.get_json())


def test_the_list_of_plans_carries_each_plans_actions(province):
    draft = province.plan([(province.agency(), ONSITE)])
    empty = province.plan([], title="Kế hoạch chưa có cơ quan")

    items = {p["id"]: p["actions"] for p in province.call("GET", "/plans?year=2021")["items"]}

    assert items[draft["id"]] == ["edit", "submit", "form_team", "schedule_inspection"]
    assert items[empty["id"]] == ["edit", "form_team", "schedule_inspection"]  # nothing to submit yet


class TestInspection:
    def test_the_team_inspector_and_the_officer_may_move_it_others_only_read_it(self, province):
        agency = province.agency()
        plan = province.approved_plan([(agency, ONSITE)])
        province.team(plan, inspector="inspector-1")
        inspection = province.inspection(plan, agency)
        path = f"/inspections/{inspection['id']}"

        def actions(headers):
            return province.call("GET", path, headers)["actions"]

        assert actions(province.officer) == ["notify", "postpone", "cancel"]
        assert actions(province.headers("inspector", sub="inspector-1")) == ["notify"]
        assert actions(province.headers("inspector", sub="inspector-2")) == []  # not on the team
        assert actions(province.agency_officer(agency)) == []
        assert actions(province.leader) == []

    def test_it_offers_to_close_only_once_every_recommendation_is_closed(self, province):
        agency = province.agency()
        inspection = province.inspection(province.approved_plan([(agency, ONSITE)]), agency)
        province.recorded(inspection)
        recommendation = province.recommendation(inspection)
        path = f"/inspections/{inspection['id']}"
        province.call("POST", f"{path}/conclude", conclusion_doc="45/TB-SKHCN", conclusion_date="2021-07-30",
                      overall_result="DAT_CO_KHUYEN_NGHI")

        assert "close" not in province.call("GET", path)["actions"]
        province.call("POST", f"{path}/close", expect=409)
        province.call("POST", f"/recommendations/{recommendation['id']}/remediation",
                      province.agency_officer(agency), evidence="Đã ban hành quy trình")
        province.call("POST", f"/recommendations/{recommendation['id']}/accept")
        assert province.call("GET", path)["status"] == "DONG"  # the last one closed it


class TestRecommendation:
    def test_it_names_the_finding_it_answers_and_who_may_answer_it(self, province):
        agency = province.agency()
        plan = province.approved_plan([(agency, ONSITE)])
        province.team(plan, inspector="inspector-1")
        inspection = province.inspection(plan, agency)
        province.started(inspection)
        finding = province.call("POST", f"/inspections/{inspection['id']}/findings", expect=201,
                                type="KHONG_PHU_HOP", description="Chưa đánh giá nội bộ năm 2021", iso_clause="9.2")
        province.call("POST", f"/inspections/{inspection['id']}/record", record_doc="BB-01/2021",
                      record_date="2021-07-15")
        issued = province.call("POST", f"/inspections/{inspection['id']}/recommendations", expect=201,
                               description="Tổ chức đánh giá nội bộ", deadline="2021-10-31",
                               finding_id=finding["id"])
        path = f"/recommendations/{issued['id']}"

        read = province.call("GET", path, province.agency_officer(agency))

        assert issued["finding"]["description"] == "Chưa đánh giá nội bộ năm 2021"
        assert read["finding"] == {"id": finding["id"], "type": "KHONG_PHU_HOP",
                                   "description": "Chưa đánh giá nội bộ năm 2021", "iso_clause": "9.2"}
        assert read["actions"] == ["submit"]
        assert province.call("GET", path, province.headers("inspector", sub="inspector-1"))["actions"] == []
        province.call("POST", f"{path}/remediation", province.agency_officer(agency), evidence="Đã đánh giá")
        assert province.call("GET", path, province.headers("inspector", sub="inspector-1"))["actions"] == [
            "accept", "reopen"]
        assert province.call("GET", path, province.headers("inspector", sub="inspector-2"))["actions"] == []
        assert province.call("GET", path, province.agency_officer(agency))["actions"] == []

    def test_one_without_a_finding_names_none(self, province):
        agency = province.agency()
        inspection = province.inspection(province.approved_plan([(agency, ONSITE)]), agency)
        province.recorded(inspection)

        issued = province.recommendation(inspection)

        assert issued["finding"] is None
        assert province.call("GET", f"/recommendations/{issued['id']}")["finding"] is None
