"""Pure rules: the class lifecycle, who acts for which agency, overlap, completion share, season, numbers."""

import uuid
from datetime import UTC, datetime

import pytest

from kit.access import NO_AGENCY
from kit.auth import Principal
from kit.errors import Conflict, Forbidden, RuleViolated
from kit.messages import render
from training import model
from training.messages import MESSAGES

AGENCY = uuid.UUID("0192f3a4-7c1e-7a10-9b2e-3f4a5b6c7d01")


def span(day, start, end):
    return datetime(2026, 6, day, start, tzinfo=UTC), datetime(2026, 6, day, end, tzinfo=UTC)


class TestTransitions:
    def test_a_planned_class_opens_and_a_running_one_cannot_be_cancelled(self):
        assert model.CLASS.next("MO_DANG_KY", "DU_KIEN") == model.ClassStatus.MO_DANG_KY

        with pytest.raises(Conflict):
            model.CLASS.next("HUY", "DANG_DIEN_RA")

    def test_settled_and_cancelled_are_final(self):
        assert model.TRANSITIONS[model.ClassStatus.DA_QUYET_TOAN] == set()
        assert model.TRANSITIONS[model.ClassStatus.HUY] == set()

    def test_a_closed_list_may_reopen(self):
        assert model.CLASS.next("MO_DANG_KY", "CHOT_DANH_SACH") == "MO_DANG_KY"

    def test_a_refused_move_is_a_transition_refused_naming_both_statuses(self):
        with pytest.raises(model.TransitionRefused) as refused:
            model.CLASS.next("HUY", "DA_KET_THUC")

        assert refused.value.status == 409
        assert (refused.value.params["current"], refused.value.params["to"]) == ("DA_KET_THUC", "HUY")

    def test_a_stored_status_outside_the_lifecycle_is_refused(self):
        with pytest.raises(model.TransitionRefused):
            model.CLASS.next("MO_DANG_KY", "DONE")

    def test_cancelling_needs_a_reason_and_nothing_else_does(self):
        model.ensure_reason("MO_DANG_KY", None)

        with pytest.raises(RuleViolated):
            model.ensure_reason("HUY", "  ")

    @pytest.mark.parametrize("status", ["DU_KIEN", "MO_DANG_KY", "CHOT_DANH_SACH"])
    def test_a_class_changes_until_it_starts(self, status):
        model.ensure_editable(status)

    @pytest.mark.parametrize("status", ["DANG_DIEN_RA", "DA_KET_THUC", "DA_QUYET_TOAN", "HUY"])
    def test_a_started_or_closed_class_no_longer_changes(self, status):
        with pytest.raises(Conflict):
            model.ensure_editable(status)

    def test_capacity_cannot_drop_below_the_confirmed_places(self):
        model.ensure_capacity(3, 3)

        with pytest.raises(RuleViolated):
            model.ensure_capacity(2, 3)

    def test_settling_needs_the_actual_cost(self):
        model.ensure_cost_actual(0)

        with pytest.raises(RuleViolated):
            model.ensure_cost_actual(None)


class TestActor:
    @pytest.mark.parametrize("role", ["province_admin", "province_officer", "province_leader", "inspector"])
    def test_province_staff_act_for_the_whole_province(self, role):
        actor = model.Actor.of(Principal("u", "t", frozenset({role}), agency_id=str(AGENCY)))

        assert actor.is_province and actor.agency_id is None

    def test_an_agency_officer_acts_for_their_agency(self):
        actor = model.Actor.of(Principal("u", "t", frozenset({"agency_officer"}), agency_id=str(AGENCY)))

        assert not actor.is_province and actor.agency_id == AGENCY and actor.subject == "u"

    def test_an_agency_officer_without_a_claim_acts_for_no_agency(self):
        actor = model.Actor.of(Principal("u", "t", frozenset({"agency_officer"})))

        assert actor.agency_id == NO_AGENCY and not actor.scope.allows(AGENCY)


class TestActingAgency:
    def test_province_staff_name_the_agency(self):
        assert model.nominating_agency(model.Actor("u"), AGENCY) == AGENCY

        with pytest.raises(RuleViolated):
            model.nominating_agency(model.Actor("u"), None)

    def test_an_agency_officer_acts_for_their_own_agency_only(self):
        officer = model.Actor("u", AGENCY)

        assert model.requesting_agency(officer, None) == model.requesting_agency(officer, AGENCY) == AGENCY
        with pytest.raises(Forbidden):
            model.requesting_agency(officer, uuid.uuid4())


class TestRegistration:
    def test_nominations_only_while_the_class_is_open(self):
        model.ensure_open_for_registration("MO_DANG_KY")

        with pytest.raises(model.NotOpenForRegistration):
            model.ensure_open_for_registration("CHOT_DANH_SACH")

    def test_an_on_site_class_is_for_its_agency(self):
        model.ensure_on_site_agency(None, AGENCY)
        model.ensure_on_site_agency(AGENCY, AGENCY)

        with pytest.raises(RuleViolated):
            model.ensure_on_site_agency(AGENCY, uuid.uuid4())

    def test_agencies_withdraw_until_the_list_closes_and_the_province_until_the_class_starts(self):
        model.ensure_cancellable("CHOT_DANH_SACH", by_province=True)

        with pytest.raises(model.CancellationClosed):
            model.ensure_cancellable("CHOT_DANH_SACH", by_province=False)
        with pytest.raises(model.CancellationClosed):
            model.ensure_cancellable("DANG_DIEN_RA", by_province=True)


class TestAttendance:
    def test_attendance_is_open_while_the_class_runs_and_once_it_ended(self):
        model.ensure_attendance_open("DANG_DIEN_RA")
        model.ensure_attendance_open("DA_KET_THUC")

        with pytest.raises(Conflict):
            model.ensure_attendance_open("CHOT_DANH_SACH")

    def test_nobody_is_both_present_and_absent(self):
        with pytest.raises(RuleViolated, match="present_and_absent"):
            model.ensure_participants([AGENCY], [AGENCY], {AGENCY})

    def test_only_confirmed_participants_are_marked(self):
        stranger = uuid.uuid4()

        with pytest.raises(RuleViolated) as refused:
            model.ensure_participants([AGENCY], [stranger], {AGENCY})

        assert refused.value.params == {"participants": [str(stranger)]}


class TestSessions:
    def test_touching_sessions_do_not_overlap(self):
        assert not model.overlaps([span(1, 1, 4)], [span(1, 4, 6)])

    def test_sessions_sharing_an_hour_overlap(self):
        assert model.overlaps([span(1, 1, 4)], [span(2, 1, 4), span(1, 3, 5)])

    def test_a_class_without_sessions_is_refused(self):
        with pytest.raises(RuleViolated):
            model.ensure_sessions([])


class TestCompletion:
    @pytest.mark.parametrize(("present", "total", "percent", "done"), [
        (4, 5, 80, True), (3, 5, 80, False), (2, 3, 67, False), (2, 3, 66, True), (0, 0, 80, False)])
    def test_completion_is_a_share_of_the_sessions(self, present, total, percent, done):
        assert model.completed(present, total, percent) is done


class TestSeason:
    def test_may_to_october_holds_june_but_not_december(self):
        assert model.in_season({6, 7}, 5, 10) and not model.in_season({12}, 5, 10)

    def test_a_season_may_wrap_around_the_new_year(self):
        assert model.in_season({12, 1}, 11, 2) and not model.in_season({6}, 11, 2)


def test_certificate_numbers_follow_the_provinces_template():
    assert model.certificate_number("{seq:04d}/{year}/GCN-ISO", seq=7, year=2026) == "0007/2026/GCN-ISO"


def test_certificates_wait_for_the_class_to_finish():
    model.ensure_certifiable("DA_QUYET_TOAN")

    with pytest.raises(Conflict):
        model.ensure_certifiable("DANG_DIEN_RA")


def test_a_request_is_decided_once():
    model.ensure_pending("SUBMITTED")

    with pytest.raises(Conflict):
        model.ensure_pending("DECLINED")


def test_rule_messages_speak_vietnamese_then_english():
    assert render(model.DoubleBooked("Lớp A"), MESSAGES).startswith("Người này đã đăng ký lớp trùng lịch: Lớp A / ")
