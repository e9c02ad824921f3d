"""Yearly inspection plans: draft, submit, approve, adjust, close, carry forward."""

from __future__ import annotations

import uuid

from contracts import inspections as events
from contracts.registry import AgencyStatus
from inspections import model, orm, repository
from inspections.model import ONSITE_TARGET, PLAN, Actor, PlanStatus, allowed
from kit import preconditions
from kit.errors import RuleViolated
from kit.uow import UnitOfWork


def create_plan(uow: UnitOfWork, fields: dict, targets: list[dict]) -> orm.Plan:
    with uow:
        if ONSITE_TARGET not in fields:
            fields[ONSITE_TARGET] = repository.setting_value(uow.session, ONSITE_TARGET)
        plan = orm.Plan(id=uuid.uuid4(), status=PlanStatus.DU_THAO, **fields)
        _check_period(plan)
        plan.targets = _targets(uow, targets, plan.period_start)
        uow.session.add(plan)
        uow.commit()
        return plan


def update_plan(uow: UnitOfWork, actor: Actor, plan_id: uuid.UUID, fields: dict, targets: list[dict] | None, *,
                expected: int) -> orm.Plan:
    """Made from version `expected` of the plan (its If-Match): another version is refused (412)."""
    with uow:
        plan = _changing(uow, plan_id, expected)
        allowed.check_plan("edit", plan, actor)
        for name, value in fields.items():
            setattr(plan, name, value)
        _check_period(plan)
        if targets is not None:
            plan.targets.clear()
            uow.session.flush()
            plan.targets = _targets(uow, targets)
        uow.commit()
        return plan


def get_plan(uow: UnitOfWork, actor: Actor, plan_id: uuid.UUID) -> orm.Plan:
    """The plan with the actions `actor` may take on it now (`actions`)."""
    with uow:
        return with_actions(repository.get(uow.session, orm.Plan, plan_id), actor)


def list_plans(uow: UnitOfWork, actor: Actor, year: int | None, status: str | None, page: int, page_size: int):
    with uow:
        found = repository.list_plans(uow.session, year, status, page, page_size)
        for plan in found.items:
            with_actions(plan, actor)
        return found


def with_actions(plan: orm.Plan, actor: Actor) -> orm.Plan:
    plan.actions = allowed.plan_actions(plan, actor)
    plan.inspection_kinds = model.schedulable_kinds(plan)
    return plan


def submit_plan(uow: UnitOfWork, actor: Actor, plan_id: uuid.UUID, proposing_doc: str | None) -> orm.Plan:
    with uow:
        plan = _changing(uow, plan_id)
        allowed.check_plan("submit", plan, actor)
        plan.status = PLAN.next("submit", plan.status)
        plan.proposing_doc = proposing_doc or plan.proposing_doc
        uow.commit()
        return plan


def approve_plan(uow: UnitOfWork, actor: Actor, plan_id: uuid.UUID, approving_doc: str) -> orm.Plan:
    with uow:
        plan = _changing(uow, plan_id)
        allowed.check_plan("approve", plan, actor)
        plan.status = PLAN.next("approve", plan.status)
        plan.approving_doc, plan.approved_at = approving_doc, uow.now()
        uow.publish(events.PlanApproved(
            plan_id=plan.id, year=plan.year, approving_doc=approving_doc, approved_at=plan.approved_at,
            target_agency_ids=[t.agency_id for t in plan.targets], onsite_min_percent=plan.onsite_min_percent))
        uow.commit()
        return plan


def adjust_plan(uow: UnitOfWork, actor: Actor, plan_id: uuid.UUID, note: str) -> orm.Plan:
    return _move(uow, actor, plan_id, "adjust", adjustment_note=note)


def close_plan(uow: UnitOfWork, actor: Actor, plan_id: uuid.UUID) -> orm.Plan:
    return _move(uow, actor, plan_id, "close")


def carry_forward(uow: UnitOfWork, actor: Actor, plan_id: uuid.UUID, year: int) -> orm.Plan:
    """A new draft for `year` with the closed plan's targets (agencies still active), documents and statuses reset."""
    with uow:
        source = repository.get(uow.session, orm.Plan, plan_id, lock=True)  # not reopened meanwhile
        allowed.check_plan("carry_forward", source, actor)
        if year <= source.year:
            raise RuleViolated("carried_to_an_earlier_year", year=year, from_year=source.year)
        active = {a.id for a in repository.agencies(uow.session) if a.status == AgencyStatus.HOAT_DONG}
        plan = orm.Plan(id=uuid.uuid4(), year=year, title=source.title, status=PlanStatus.DU_THAO,
                        onsite_min_percent=source.onsite_min_percent, coverage_basis=source.coverage_basis,
                        carried_from_plan_id=source.id)
        plan.targets = [orm.PlanTarget(agency_id=t.agency_id, position=i, planned_form=t.planned_form,
                                       planned_month=t.planned_month)
                        for i, t in enumerate(t for t in source.targets if t.agency_id in active)]
        uow.session.add(plan)
        uow.commit()
        return plan


def is_titled(uow: UnitOfWork, title: str) -> bool:
    """Whether the province has a plan of that title (the demo data adds each of its plans once)."""
    with uow:
        return repository.plan_titled(uow.session, title) is not None


def changed(plan: orm.Plan) -> None:
    """The plan changed (its fields, its targets, its status): its version, the ETag, goes up by one."""
    plan.version += 1


def _changing(uow: UnitOfWork, plan_id: uuid.UUID, expected: int | None = None) -> orm.Plan:
    """The plan, locked for a change (two changes of one plan take turns, the second checking the status the first
    left) and with its version raised; made from version `expected` when a PATCH names one."""
    plan = repository.get(uow.session, orm.Plan, plan_id, lock=True)
    if expected is not None:
        preconditions.check(plan.version, expected)
    changed(plan)
    return plan


def _move(uow: UnitOfWork, actor: Actor, plan_id: uuid.UUID, action: str, **changes) -> orm.Plan:
    with uow:
        plan = _changing(uow, plan_id)
        allowed.check_plan(action, plan, actor)
        plan.status = PLAN.next(action, plan.status)
        for name, value in changes.items():
            setattr(plan, name, value)
        uow.commit()
        return plan


def _targets(uow: UnitOfWork, targets: list[dict], since=None) -> list[orm.PlanTarget]:
    """`since`: the plan's first day, on which an agency that has ended since may still be valid."""
    seen = set()
    rows = []
    for position, target in enumerate(targets):
        if target["agency_id"] in seen:
            raise RuleViolated("agency_listed_twice", agency_id=target["agency_id"])
        seen.add(target["agency_id"])
        model.ensure_active(repository.find(uow.session, orm.Agency, target["agency_id"]), target["agency_id"],
                            since)
        rows.append(orm.PlanTarget(position=position, **target))
    return rows


def _check_period(plan: orm.Plan) -> None:
    if plan.period_start and plan.period_end and plan.period_start > plan.period_end:
        raise RuleViolated("period_reversed", period_start=plan.period_start, period_end=plan.period_end)
    for day in (plan.period_start, plan.period_end):
        if day and day.year != plan.year:
            raise RuleViolated("period_outside_year", day=day, year=plan.year)

