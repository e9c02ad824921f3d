"""The report's approval chain, due date and timeliness (model/report.py)."""

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest

from kit.errors import Conflict as KitConflict
from kit.lifecycle import MoveRefused
from reporting.model.report import (
    ACTIONS,
    EDITABLE,
    LABELS,
    REPORT,
    VISIBLE_NATIONALLY,
    Conflict,
    ReportStatus,
    due_date,
    on_time,
    period_label,
)

S = ReportStatus


class TestTheChain:
    @pytest.mark.parametrize("action, current, after", [
        ("send_for_approval", S.DRAFTING, S.AWAITING_APPROVAL),
        ("send_for_approval", S.RETURNED, S.AWAITING_APPROVAL),
        ("approve", S.AWAITING_APPROVAL, S.APPROVED),
        ("reject", S.AWAITING_APPROVAL, S.DRAFTING),
        ("submit", S.APPROVED, S.SUBMITTED),
        ("accept", S.SUBMITTED, S.ACCEPTED),
        ("return", S.SUBMITTED, S.RETURNED),
    ])
    def test_each_action_leads_from_where_it_is_possible_to_its_status(self, action, current, after):
        assert REPORT.next(action, current) == after

    def test_statuses_read_back_from_the_database_as_text_are_understood(self):
        assert REPORT.next("approve", "CHO_DUYET") == "DA_DUYET"

    def test_only_a_draft_or_a_returned_report_can_be_edited_and_editing_keeps_its_status(self):
        assert [s for s in S if REPORT.allows("edit", s)] == [S.DRAFTING, S.RETURNED]
        assert REPORT.next("edit", S.RETURNED) == S.RETURNED

    def test_a_refused_move_is_a_409_named_conflict_with_its_code_and_parameters(self):
        with pytest.raises(Conflict) as refused:
            REPORT.next("submit", S.DRAFTING)

        error = refused.value
        assert isinstance(error, MoveRefused) and isinstance(error, KitConflict) and error.status == 409
        assert type(error).__name__ == "Conflict" and error.code == "report_move_refused"
        assert (error.params["action"], error.params["current"]) == ("submit", "DANG_LAP")

    @pytest.mark.parametrize("action", sorted(ACTIONS))
    def test_no_action_is_possible_once_accepted(self, action):
        with pytest.raises(Conflict):
            REPORT.next(action, S.ACCEPTED)

    def test_every_action_and_status_can_be_told_in_both_languages(self):
        assert set(ACTIONS) == set(REPORT.moves) and set(LABELS) == set(S)

    def test_the_ministry_sees_reports_once_submitted_and_never_drafts(self):
        assert {S.SUBMITTED, S.ACCEPTED, S.RETURNED} == VISIBLE_NATIONALLY
        assert {S.DRAFTING, S.RETURNED} == EDITABLE


class TestDueDate:
    def test_a_report_is_due_on_the_regime_day_after_its_cut_off(self):
        assert due_date(15, 12, date(2021, 12, 14)) == date(2021, 12, 15)
        assert due_date(15, 12, date(2021, 12, 15)) == date(2021, 12, 15)

    def test_a_cut_off_after_this_years_due_day_is_due_next_year(self):
        assert due_date(15, 6, date(2021, 12, 14)) == date(2022, 6, 15)

    def test_a_regime_without_a_due_day_gives_no_due_date(self):
        assert due_date(None, 12, date(2021, 12, 14)) is None and due_date(15, None, date(2021, 12, 14)) is None


class TestTimeliness:
    def report(self, submitted_at=None, due=date(2021, 12, 15)):
        return SimpleNamespace(submitted_at=submitted_at, due_date=due, period_start=date(2021, 1, 1),
                               cutoff=date(2021, 12, 14))

    def test_submitted_on_or_before_the_due_date_is_on_time(self):
        assert on_time(self.report(datetime(2021, 12, 15, 23, tzinfo=UTC))) is True
        assert on_time(self.report(datetime(2021, 12, 16, tzinfo=UTC))) is False

    def test_unsubmitted_or_without_a_due_date_is_neither(self):
        assert on_time(self.report()) is None
        assert on_time(self.report(datetime(2021, 12, 1, tzinfo=UTC), due=None)) is None

    def test_the_period_reads_the_vietnamese_way(self):
        assert period_label(self.report()) == "01/01/2021 – 14/12/2021"
