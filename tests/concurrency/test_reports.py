"""A report is in exactly one state: the leader's approve and send-back racing on one report (issue 20)."""

from __future__ import annotations

from tests.concurrency.province import REPORTING
from tests.concurrency.race import THREADS, race

# What each action leaves, and whether the report then names an approver.
AFTER = {"approve": ("DA_DUYET", True), "reject": ("DANG_LAP", False)}
BODIES = {"approve": {}, "reject": {"reason": "Bổ sung số liệu kiểm tra"}}  # sending back says why


def test_a_report_approved_and_returned_at_once_ends_in_exactly_one_state(stack, province):
    leader = province.leader
    actions = ["approve", "reject"] * (THREADS // 2)

    def decide(report, client, index):
        return client.post(f"{REPORTING}/reports/{report['id']}/{actions[index]}", json=BODIES[actions[index]],
                           headers=leader).status_code

    rounds = race(stack, THREADS, decide, prepare=lambda number: province.report_awaiting_approval(2010 + number))

    violations = []
    for done in rounds:
        report = province.get(f"{REPORTING}/reports/{done.context['id']}", leader)
        winners = [actions[i] for i, status in enumerate(done.results) if status == 200]
        refused = [status for status in done.results if status != 200]
        state = (report["status"], report["approved_by"] is not None)
        if len(winners) != 1:
            violations.append(f"round {done.number}: {winners} all succeeded, ends {state}")
        elif state != AFTER[winners[0]]:
            violations.append(f"round {done.number}: {winners[0]} won but the report is {state}")
        if any(status != 409 for status in refused):
            violations.append(f"round {done.number}: refused with {sorted(refused)}, not 409")
    assert violations == [], f"{stack.mode}: {violations}"
