"""inspections.plan: the approved yearly plans and how many agencies they target."""

from __future__ import annotations

from contracts import inspections as events
from kit.uow import UnitOfWork
from reporting.orm import PlanView


def apply_plan(uow: UnitOfWork, event: events.PlanApproved) -> None:
    with uow:
        if uow.session.get(PlanView, event.plan_id) is None:
            uow.session.add(PlanView(plan_id=event.plan_id, year=event.year, targets=len(event.target_agency_ids),
                                     onsite_min_percent=event.onsite_min_percent))
        uow.commit()
