"""Pure rules: transitions, overlap, completion share, season and certificate numbers."""

from datetime import UTC, datetime

import pytest

from kit.errors import Conflict, RuleViolated
from training import model


def span(day, start, end):
    return datetime(2026, 6, day, start, tzinfo=UTC), datetime(2026, 6, day, end, tzinfo=UTC)


class TestTransitions:
    def test_a_planned_class_opens_and_a_running_one_cannot_be_cancelled(self):
        model.ensure_transition("DU_KIEN", "MO_DANG_KY")

        with pytest.raises(Conflict):
            model.ensure_transition("DANG_DIEN_RA", "HUY")

    def test_settled_and_cancelled_are_final(self):
        assert model.TRANSITIONS[model.ClassStatus.DA_QUYET_TOAN] == set()
        assert model.TRANSITIONS[model.ClassStatus.HUY] == set()


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


def test_rule_messages_speak_vietnamese_then_english():
    assert str(model.DoubleBooked("Lớp A")).startswith("Người này đã đăng ký lớp trùng lịch: Lớp A / ")
