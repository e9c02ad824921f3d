"""inspections.plan: the approved yearly plans, how many agencies they target and their on-site target, as their
newest approval says (an adjusted plan is approved again under the same id)."""

from __future__ import annotations

from contracts import inspections as events
from kit.uow import UnitOfWork
from reporting.orm import PlanView


def apply_plan(uow: UnitOfWork, event: events.PlanApproved) -> None:
    with uow:
        plan = uow.session.get(PlanView, event.plan_id)
        if plan is None:
            plan = PlanView(plan_id=event.plan_id)
            uow.session.add(plan)
        elif plan.approved_at is not None and plan.approved_at > event.approved_at:
            return  # an older approval delivered after a newer one
        plan.year, plan.targets = event.year, len(event.target_agency_ids)
        plan.onsite_min_percent, plan.approved_at = event.onsite_min_percent, event.approved_at
        uow.commit()
