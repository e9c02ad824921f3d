"""Two officers spending on the same line at the same moment cannot together exceed what was approved."""

from __future__ import annotations

import threading
import uuid
from datetime import date

from budget.services import lines
from kit.errors import DomainError
from tests.budget.conftest import API, approved_line


def test_concurrent_disbursements_never_take_the_total_over_the_approved_amount(client, officer, leader, runtime,
                                                                                tenant):
    line = approved_line(client, officer, leader, approved=100_000_000, category="DAO_TAO")
    start, outcomes = threading.Barrier(6), []

    def spend() -> None:
        start.wait()
        try:
            lines.disburse(runtime.uow(tenant), uuid.UUID(line["id"]), lines.Spending(
                amount=30_000_000, spent_on=date(2025, 3, 1), description="Đợt chi"))
            outcomes.append("ok")
        except DomainError:
            outcomes.append("refused")

    threads = [threading.Thread(target=spend) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["ok"] * 3 + ["refused"] * 3
    assert client.get(f"{API}/lines/{line['id']}", headers=officer).get_json()["disbursed"] == 90_000_000
