"""The lifecycle of a budget line and the amounts it may not exceed, without a database."""

from __future__ import annotations

import uuid

import pytest

from budget.model.lines import (
    LineStatus,
    Move,
    OverApproved,
    OverDisbursed,
    WrongStatus,
    after_disbursement,
    ensure_owner,
    ensure_within_approved,
    ensure_within_disbursed,
    moved,
)
from kit.errors import RuleViolated

LINE = uuid.uuid4()
ESTIMATED, APPROVED = LineStatus.LAP_DU_TOAN, LineStatus.DA_GIAO_DU_TOAN
RUNNING, SETTLED = LineStatus.DANG_THUC_HIEN, LineStatus.DA_QUYET_TOAN


class TestLifecycle:
    def test_an_estimate_is_revised_in_place_and_approved(self):
        assert moved(LINE, ESTIMATED, Move.REVISE) == ESTIMATED
        assert moved(LINE, ESTIMATED, Move.APPROVE) == APPROVED

    def test_spending_runs_an_approved_line_and_the_final_settlement_closes_it(self):
        assert moved(LINE, APPROVED, Move.DISBURSE) == RUNNING
        assert moved(LINE, RUNNING, Move.DISBURSE) == RUNNING
        assert moved(LINE, RUNNING, Move.SETTLE) == RUNNING
        assert moved(LINE, RUNNING, Move.CLOSE) == SETTLED

    @pytest.mark.parametrize("status, move", [
        (ESTIMATED, Move.DISBURSE), (ESTIMATED, Move.SETTLE), (APPROVED, Move.REVISE), (APPROVED, Move.APPROVE),
        (SETTLED, Move.DISBURSE), (SETTLED, Move.CLOSE), (SETTLED, Move.REVISE),
    ])
    def test_a_move_from_a_status_it_is_not_possible_from_is_a_conflict_naming_the_line(self, status, move):
        with pytest.raises(WrongStatus) as refused:
            moved(LINE, status, move)

        assert refused.value.status == 409
        assert refused.value.params == {"line_id": LINE, "status": status, "action": move}

    def test_an_actual_cost_on_an_estimate_keeps_it_estimated(self):
        assert after_disbursement(ESTIMATED) == ESTIMATED
        assert after_disbursement(APPROVED) == RUNNING
        assert after_disbursement(RUNNING) == RUNNING


class TestAmounts:
    def test_spending_up_to_the_approved_amount_is_allowed_and_one_dong_more_is_not(self):
        ensure_within_approved(100, 100)
        ensure_within_approved(10**12, None)  # not approved yet: the approval checks it

        with pytest.raises(OverApproved) as refused:
            ensure_within_approved(101, 100)

        assert refused.value.params == {"total": 101, "approved": 100}

    def test_settling_up_to_what_was_spent_is_allowed_and_one_dong_more_is_not(self):
        ensure_within_disbursed(100, 100)

        with pytest.raises(OverDisbursed) as refused:
            ensure_within_disbursed(101, 100)

        assert refused.value.params == {"total": 101, "disbursed": 100}


class TestOwner:
    def test_an_agency_line_names_its_agency_and_a_programme_line_names_none(self):
        ensure_owner("AGENCY", uuid.uuid4())
        ensure_owner("PROGRAMME", None)

    @pytest.mark.parametrize("owner, agency_id", [("AGENCY", None), ("PROGRAMME", uuid.uuid4())])
    def test_any_other_combination_is_refused(self, owner, agency_id):
        with pytest.raises(RuleViolated) as refused:
            ensure_owner(owner, agency_id)

        assert refused.value.code == "owner_and_agency_mismatch"
