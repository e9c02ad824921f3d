"""budget.line: each budget line's estimate, approval and running totals disbursed and settled (integer VND)."""

from __future__ import annotations

from contracts import budget as events
from kit.uow import UnitOfWork
from reporting.orm import BudgetLineView


def apply_budget_line(uow: UnitOfWork, event) -> None:
    with uow:
        row = uow.session.get(BudgetLineView, event.line_id)
        if row is None:
            row = BudgetLineView(line_id=event.line_id, fiscal_year=event.fiscal_year, agency_id=event.agency_id,
                                 category=getattr(event, "category", ""), estimate=0, approved=0, disbursed=0,
                                 settled=0)
            uow.session.add(row)
        if isinstance(event, events.LineEstimated):
            row.category, row.estimate = event.category, event.estimate
        elif isinstance(event, events.LineApproved):
            row.approved = event.approved
        # Events of one line arrive in order (same key, same partition) and carry the line's running totals,
        # so the latest one is the truth, corrections downwards included; a redelivery is dropped by the inbox.
        elif isinstance(event, events.LineDisbursed):
            row.disbursed = event.disbursed_total
        elif isinstance(event, events.LineSettled):
            row.settled = event.settled_total
        uow.commit()
