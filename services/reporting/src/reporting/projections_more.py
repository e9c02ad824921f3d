"""Read models of training classes and budget lines (kept apart from the registry projections)."""

from __future__ import annotations

from contracts import budget as budget_events
from contracts import training as training_events
from kit.uow import UnitOfWork
from reporting.orm import BudgetLineView, TrainingClassView


def apply_training_class(uow: UnitOfWork, event) -> None:
    with uow:
        row = uow.session.get(TrainingClassView, event.class_id)
        if isinstance(event, training_events.ClassScheduled) and row is None:
            uow.session.add(TrainingClassView(class_id=event.class_id, year=event.year, course_type=event.course_type,
                                              first_day=event.first_day, last_day=event.last_day,
                                              status="SCHEDULED", participants=0, completed=0))
        elif isinstance(event, training_events.ClassFinished) and row is not None:
            row.status, row.participants, row.completed = "FINISHED", event.participants, event.completed
        elif isinstance(event, training_events.ClassCancelled) and row is not None:
            row.status = "CANCELLED"
        uow.commit()


def apply_budget_line(uow: UnitOfWork, event) -> None:
    with uow:
        row = uow.session.get(BudgetLineView, event.line_id)
        if row is None:
            row = BudgetLineView(line_id=event.line_id, fiscal_year=event.fiscal_year, agency_id=event.agency_id,
                                 category=getattr(event, "category", ""), estimate=0, approved=0, disbursed=0,
                                 settled=0)
            uow.session.add(row)
        if isinstance(event, budget_events.LineEstimated):
            row.category, row.estimate = event.category, event.estimate
        elif isinstance(event, budget_events.LineApproved):
            row.approved = event.approved
        # Events of one line arrive in order (same key, same partition) and carry the line's running totals,
        # so the latest one is the truth, corrections downwards included; a redelivery is dropped by the inbox.
        elif isinstance(event, budget_events.LineDisbursed):
            row.disbursed = event.disbursed_total
        elif isinstance(event, budget_events.LineSettled):
            row.settled = event.settled_total
        uow.commit()
