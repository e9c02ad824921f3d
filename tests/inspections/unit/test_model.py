"""Rules of the model on plain objects: lifecycles, messages, who may act, the checklist score, coverage figures."""

import uuid
from datetime import date
from types import SimpleNamespace as Obj

import pytest

from inspections import model
from inspections.messages import MESSAGES
from inspections.model import INSPECTION, PLAN, RECOMMENDATION, LifecycleError, allowed
from inspections.model.allowed import Context
from kit.auth import Principal
from kit.errors import Conflict, DomainError, Forbidden, NotFound, RuleViolated
from kit.messages import render

A, B, C = (uuid.UUID(int=n) for n in (1, 2, 3))
CLOSER = Principal(subject="officer", tenant=None, roles=frozenset({"province_officer"}))


def actor(subject: str, *roles: str) -> Principal:
    return Principal(subject=subject, tenant=None, roles=frozenset(roles))


def walk(lifecycle, status: str, *actions: str) -> str:
    for action in actions:
        status = lifecycle.next(action, status)
    return status


def says(error: DomainError) -> str:
    return render(error, MESSAGES)


class TestLifecycles:
    def test_an_inspection_walks_its_lifecycle_in_order(self):
        assert walk(INSPECTION, "DU_KIEN", "notify", "start", "record", "conclude", "close") == "DONG"

    def test_concluding_without_a_record_says_why_in_vietnamese_then_english(self):
        with pytest.raises(Conflict) as error:
            INSPECTION.next("conclude", "DANG_KIEM_TRA")

        assert says(error.value).startswith("Không thể kết luận khi chưa có biên bản / cannot conclude without a "
                                            "record")

    @pytest.mark.parametrize("status", ["DA_LAP_BIEN_BAN", "DA_KET_LUAN", "DONG", "HUY"])
    def test_an_inspection_past_its_visit_cannot_be_cancelled(self, status):
        with pytest.raises(Conflict):
            INSPECTION.next("cancel", status)

    def test_a_plan_is_approved_only_after_submission_and_adjusted_only_while_running(self):
        with pytest.raises(Conflict):
            PLAN.next("approve", "DU_THAO")

        assert walk(PLAN, "DU_THAO", "submit", "approve", "adjust", "submit", "approve", "close") == "DA_TONG_KET"

    def test_a_postponed_inspection_is_notified_again(self):
        assert walk(INSPECTION, "DU_KIEN", "notify", "postpone", "notify") == "DA_THONG_BAO"

    def test_a_recommendation_goes_back_and_forth_until_accepted(self):
        assert walk(RECOMMENDATION, "MO", "submit", "reopen", "submit", "accept") == "DONG"

    @pytest.mark.parametrize(("lifecycle", "action", "allowed", "refused"), [
        (PLAN, "edit", ["DU_THAO", "DIEU_CHINH"], ["TRINH_UBND", "DA_PHE_DUYET", "DANG_THUC_HIEN", "DA_TONG_KET"]),
        (PLAN, "form_team", ["DU_THAO", "TRINH_UBND", "DA_PHE_DUYET", "DANG_THUC_HIEN", "DIEU_CHINH"],
         ["DA_TONG_KET"]),
        (PLAN, "carry_forward", ["DA_TONG_KET"], ["DU_THAO", "DA_PHE_DUYET", "DANG_THUC_HIEN", "DIEU_CHINH"]),
        (INSPECTION, "record_results", ["DANG_KIEM_TRA"],
         ["DU_KIEN", "DA_THONG_BAO", "DA_LAP_BIEN_BAN", "DA_KET_LUAN", "DANG_KHAC_PHUC", "DONG", "HOAN", "HUY"]),
        (INSPECTION, "issue_recommendation", ["DA_LAP_BIEN_BAN", "DA_KET_LUAN", "DANG_KHAC_PHUC"],
         ["DU_KIEN", "DA_THONG_BAO", "DANG_KIEM_TRA", "DONG", "HOAN", "HUY"]),
    ], ids=lambda v: v if isinstance(v, str) else None)
    def test_a_guard_keeps_the_status_where_it_allows_the_action(self, lifecycle, action, allowed, refused):
        for status in allowed:
            assert lifecycle.next(action, status) == status
        for status in refused:
            with pytest.raises(LifecycleError):
                lifecycle.next(action, status)

    def test_a_refused_move_is_a_lifecycle_error_with_its_parameters(self):
        with pytest.raises(LifecycleError) as error:
            RECOMMENDATION.next("accept", "MO")

        assert error.value.status == 409 and error.value.code == "move_refused"
        assert (error.value.lifecycle, error.value.action, error.value.current) == ("recommendation", "accept", "MO")


class TestClosingAnInspection:
    def test_it_closes_once_every_recommendation_is_closed(self):
        assert allowed.inspection_refusal("close", Obj(status="DANG_KHAC_PHUC"), CLOSER, Context()) is None

    @pytest.mark.parametrize("status", ["DA_LAP_BIEN_BAN", "DA_KET_LUAN", "DANG_KHAC_PHUC"])
    def test_an_open_recommendation_stops_it_whatever_the_inspections_status(self, status):
        with pytest.raises(LifecycleError) as error:
            allowed.check_inspection("close", Obj(status=status), CLOSER, Context(open_recommendations=True))

        assert error.value.code == "recommendations_open" and error.value.current == status

    def test_open_means_not_yet_closed(self):
        assert model.any_open([Obj(status="DONG"), Obj(status="MO")])
        assert not model.any_open([Obj(status="DONG")]) and not model.any_open([])


class TestRules:
    def test_only_a_running_plan_takes_planned_inspections(self):
        model.ensure_plan_runs(Obj(status="DANG_THUC_HIEN"))
        for plan in (None, Obj(status="DU_THAO"), Obj(status="DA_TONG_KET")):
            with pytest.raises(RuleViolated) as error:
                model.ensure_plan_runs(plan)

            assert "ad hoc" in says(error.value)

    def test_a_planned_inspection_targets_an_agency_of_the_plan(self):
        model.ensure_targeted(Obj(targets=[Obj(agency_id=A)]), A)
        with pytest.raises(RuleViolated) as error:
            model.ensure_targeted(Obj(targets=[Obj(agency_id=A)]), B)

        assert error.value.code == "agency_not_targeted" and error.value.params == {"agency_id": B}

    def test_only_an_agency_the_replica_holds_as_active_takes_part(self):
        model.ensure_active(Obj(status="HOAT_DONG"), A)
        for agency in (None, Obj(status="DA_GIAI_THE"), Obj(status="DA_SAP_NHAP")):
            with pytest.raises(RuleViolated) as error:
                model.ensure_active(agency, A)

            assert error.value.params == {"agency_id": A}

    def test_managers_act_on_any_plan_and_inspectors_only_on_their_team(self):
        model.ensure_on_team(actor("officer", "province_officer"), set())
        model.ensure_on_team(actor("u1", "inspector"), {"u1"})
        with pytest.raises(Forbidden) as error:
            model.ensure_on_team(actor("u2", "inspector"), {"u1"})

        assert "not on the team" in says(error.value)

    def test_inspecting_staff_are_the_managers_and_the_inspectors(self):
        assert {"province_admin", "province_officer", "inspector"} == model.INSPECTING_STAFF

    def test_a_team_has_exactly_one_head(self):
        model.ensure_single_head([{"role": "TRUONG_DOAN"}, {"role": "THANH_VIEN"}])
        for members in ([], [{"role": "TRUONG_DOAN"}, {"role": "TRUONG_DOAN"}]):
            with pytest.raises(RuleViolated):
                model.ensure_single_head(members)

    def test_an_unknown_object_is_not_found_by_kind_and_id(self):
        error = model.not_found("team", A)

        assert isinstance(error, NotFound) and error.params == {"kind": "team", "id": A}

    def test_the_checklist_score_weighs_applicable_criteria_only(self):
        results = [Obj(criterion_code="A", result="DAT"), Obj(criterion_code="B", result="KHONG_DAT"),
                   Obj(criterion_code="C", result="KHONG_AP_DUNG")]

        assert model.checklist_score(results, {"A": 30, "B": 10, "C": 60}) == 75
        assert model.checklist_score(results[2:], {"C": 60}) is None

    def test_a_recommendation_is_overdue_while_open_after_its_deadline(self):
        deadline, today = date(2021, 9, 30), date(2021, 10, 1)

        assert model.overdue(Obj(status="MO", deadline=deadline), today)
        assert model.overdue(Obj(status="DA_NOP_KHAC_PHUC", deadline=deadline), today)
        assert not model.overdue(Obj(status="DONG", deadline=deadline), today)
        assert not model.overdue(Obj(status="MO", deadline=today), today)


def agency(agency_id, valid_from=None, valid_to=None):
    return Obj(id=agency_id, valid_from=valid_from, valid_to=valid_to)


def inspection(agency_id, form="TRUC_TIEP_TAI_TRU_SO"):
    return Obj(agency_id=agency_id, form=form)


class TestCoverageFigures:
    def test_shares_of_the_counted_agencies_inspected_on_site_and_at_all(self):
        figures = model.coverage(2021, None, date(2021, 12, 31), "REGISTRY_OBLIGATION",
                                 [agency(A), agency(B), agency(C)], [inspection(A), inspection(B, "QUA_BAO_CAO_HO_SO")],
                                 30)

        assert (figures.obliged, figures.inspected, figures.inspected_onsite) == (3, 2, 1)
        assert (figures.inspected_percent, figures.onsite_percent) == (66.7, 33.3)
        assert figures.meets_onsite_target is True

    def test_an_inspection_of_an_agency_outside_the_pool_does_not_count(self):
        figures = model.coverage(2021, None, date(2021, 12, 31), "PLAN_TARGETS", [agency(A)],
                                 [inspection(A), inspection(B)], 50)

        assert (figures.obliged, figures.inspected_onsite, figures.onsite_percent) == (1, 1, 100.0)

    def test_no_target_means_no_verdict_and_no_agency_means_zero(self):
        figures = model.coverage(2021, A, date(2021, 12, 31), "PLAN_TARGETS", [], [], None)

        assert (figures.obliged, figures.onsite_percent, figures.meets_onsite_target) == (0, 0.0, None)
        assert figures.plan_id == A

    def test_an_agency_counts_from_its_first_to_its_last_valid_day_both_included(self):
        as_of = date(2025, 6, 30)

        assert model.counts(agency(A), as_of) and model.counts(agency(A, valid_from=as_of), as_of)
        assert not model.counts(agency(A, valid_from=date(2025, 7, 1)), as_of)
        assert model.counts(agency(A, valid_to=as_of), as_of)
        assert not model.counts(agency(A, valid_to=as_of), date(2025, 7, 1))

    def test_percentages_have_one_decimal(self):
        assert (model.percent(8, 11), model.percent(0, 0), model.percent(1, 1)) == (72.7, 0.0, 100.0)
