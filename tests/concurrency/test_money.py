"""Money never exceeds its approval: disbursements racing on one approved budget line (issue 20, Concurrency)."""

from __future__ import annotations

from tests.concurrency.province import BUDGET
from tests.concurrency.race import THREADS, race

APPROVED = 1_000_000
EACH = 600_000  # two of them exceed the approval: exactly one may pass


def test_simultaneous_disbursements_never_exceed_the_approved_amount(stack, province):
    officer = province.officer

    def disburse(line, client, index):
        return client.post(f"{BUDGET}/lines/{line['id']}/disbursements", headers=officer, json={
            "amount": EACH, "spent_on": "2025-03-01", "description": f"Đợt chi {index + 1}"}).status_code

    rounds = race(stack, THREADS, disburse, prepare=lambda _: province.approved_line(APPROVED))

    violations = []
    for done in rounds:
        line = province.get(f"{BUDGET}/lines/{done.context['id']}")
        accepted = done.results.count(201)
        if line["disbursed"] > line["approved"]:
            violations.append(f"round {done.number}: {line['disbursed']} disbursed of {line['approved']} approved")
        if accepted != 1 or line["disbursed"] != EACH * accepted:
            violations.append(f"round {done.number}: answers {sorted(done.results)}, {line['disbursed']} disbursed")
    assert violations == [], f"{stack.mode}: {violations}"
