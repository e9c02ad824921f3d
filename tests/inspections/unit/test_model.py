"""Rules of the model on plain objects: lifecycles, messages, team membership, the checklist score."""

from types import SimpleNamespace as Obj

import pytest

from inspections import model
from inspections.model import INSPECTION_MOVES, PLAN_MOVES, Actor
from kit.errors import Conflict, Forbidden, RuleViolated


def test_an_inspection_walks_its_lifecycle_in_order():
    inspection = Obj(status="DU_KIEN")

    for action in ("notify", "start", "record", "conclude", "close"):
        model.move("inspection", inspection, action, INSPECTION_MOVES)

    assert inspection.status == "DONG"


def test_concluding_without_a_record_says_why_in_vietnamese_then_english():
    with pytest.raises(Conflict, match="^Không thể kết luận khi chưa có biên bản / cannot conclude without a record"):
        model.move("inspection", Obj(status="DANG_KIEM_TRA"), "conclude", INSPECTION_MOVES)


@pytest.mark.parametrize("status", ["DA_LAP_BIEN_BAN", "DA_KET_LUAN", "DONG", "HUY"])
def test_an_inspection_past_its_visit_cannot_be_cancelled(status):
    with pytest.raises(Conflict):
        model.move("inspection", Obj(status=status), "cancel", INSPECTION_MOVES)


def test_a_plan_is_approved_only_after_submission_and_adjusted_only_while_running():
    plan = Obj(status="DU_THAO")
    with pytest.raises(Conflict):
        model.move("plan", plan, "approve", PLAN_MOVES)
    for action in ("submit", "approve", "adjust", "submit", "approve", "close"):
        model.move("plan", plan, action, PLAN_MOVES)
    assert plan.status == "DA_TONG_KET"


def test_only_a_running_plan_takes_planned_inspections():
    model.ensure_plan_runs(Obj(status="DANG_THUC_HIEN"))
    for plan in (None, Obj(status="DU_THAO"), Obj(status="DA_TONG_KET")):
        with pytest.raises(RuleViolated, match="ad hoc"):
            model.ensure_plan_runs(plan)


def test_managers_act_on_any_plan_and_inspectors_only_on_their_team():
    model.ensure_on_team(Actor("officer", frozenset({"province_officer"})), set())
    model.ensure_on_team(Actor("u1", frozenset({"inspector"})), {"u1"})
    with pytest.raises(Forbidden, match="not on the team"):
        model.ensure_on_team(Actor("u2", frozenset({"inspector"})), {"u1"})


def test_a_team_has_exactly_one_head():
    model.ensure_single_head([{"role": "TRUONG_DOAN"}, {"role": "THANH_VIEN"}])
    for members in ([], [{"role": "TRUONG_DOAN"}, {"role": "TRUONG_DOAN"}]):
        with pytest.raises(RuleViolated):
            model.ensure_single_head(members)


def test_the_checklist_score_weighs_applicable_criteria_only():
    results = [Obj(criterion_code="A", result="DAT"), Obj(criterion_code="B", result="KHONG_DAT"),
               Obj(criterion_code="C", result="KHONG_AP_DUNG")]

    assert model.checklist_score(results, {"A": 30, "B": 10, "C": 60}) == 75
    assert model.checklist_score(results[2:], {"C": 60}) is None
