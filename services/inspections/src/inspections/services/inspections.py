"""Inspections of one agency: schedule, notify, inspect, record, conclude, close; postpone or cancel."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from contracts import inspections as events
from contracts.inspections import InspectionKind
from inspections import model, orm, repository
from inspections.model import INSPECTION, InspectionStatus, PlanStatus, allowed
from inspections.services import plans, teams
from kit import preconditions
from kit.access import AgencyScope
from kit.errors import RuleViolated
from kit.uow import UnitOfWork


@dataclass(frozen=True)
class Conducted:
    """How a past inspection went: its documents, the day it was carried out (notified, inspected and recorded
    then) and the day of its conclusion."""

    notice_doc: str
    record_doc: str
    conducted_date: date
    conclusion_doc: str
    conclusion_date: date
    overall_result: str


def schedule_inspection(uow: UnitOfWork, actor: model.Actor, fields: dict) -> orm.Inspection:
    with uow:
        inspection = _schedule(uow, actor, fields)
        uow.commit()
        return inspection


def carry_out(uow: UnitOfWork, actor: model.Actor, fields: dict, done: Conducted) -> orm.Inspection:
    """An inspection whose steps all took place (a past one brought in at once, as the demo does): scheduled,
    notified, started, recorded and concluded in one unit of work, with the checks and events of the commands."""
    with uow:
        inspection = _schedule(uow, actor, fields)
        teams.ensure_on_team(uow, actor, inspection)
        _move(inspection, "notify", notice_doc=done.notice_doc, scheduled_date=done.conducted_date)
        _start(uow, inspection, done.conducted_date)
        _move(inspection, "record", record_doc=done.record_doc, record_date=done.conducted_date)
        _conclude(uow, inspection, done.conclusion_doc, done.conclusion_date, done.overall_result)
        uow.commit()
        return inspection


def _schedule(uow: UnitOfWork, actor: model.Actor, fields: dict) -> orm.Inspection:
    # the plan locked: not closed or reopened for adjustment while an inspection is scheduled under it
    plan = repository.get(uow.session, orm.Plan, fields["plan_id"], lock=True) if fields.get("plan_id") else None
    if plan is not None:
        allowed.check_plan("schedule_inspection", plan, actor)
    if fields["kind"] != InspectionKind.DOT_XUAT:
        model.ensure_plan_runs(plan)
        model.ensure_targeted(plan, fields["agency_id"])
    if fields.get("team_id"):
        team = repository.get(uow.session, orm.Team, fields["team_id"])
        if plan is not None and team.plan_id != plan.id:
            raise RuleViolated("team_of_another_plan", team_id=team.id, plan_id=plan.id)
    model.ensure_active(repository.find(uow.session, orm.Agency, fields["agency_id"]), fields["agency_id"],
                        fields.get("scheduled_date"))
    inspection = orm.Inspection(id=uuid.uuid4(), status=InspectionStatus.DU_KIEN, checklist=[], findings=[],
                                **fields)
    uow.session.add(inspection)
    uow.session.flush()
    uow.session.refresh(inspection, ["agency"])  # so the answer names the agency
    uow.publish(events.InspectionScheduled(
        inspection_id=inspection.id, plan_id=inspection.plan_id, agency_id=inspection.agency_id,
        form=inspection.form, kind=inspection.kind, scheduled_date=inspection.scheduled_date,
        scheduled_at=uow.now()))
    return inspection


def get_inspection(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID) -> orm.Inspection:
    """An agency officer sees only their agency's inspections (another agency's is not found); the inspection
    comes with the actions `actor` may take on it now (`actions`)."""
    with uow:
        inspection = repository.get(uow.session, orm.Inspection, inspection_id)
        AgencyScope.of(actor.roles, actor.agency_id).ensure(
            inspection.agency_id, model.not_found, "inspection", inspection_id)
        inspection.actions = allowed.inspection_actions(inspection, actor, teams.context(uow, inspection))
        return _scored(uow, inspection)


# How a list of inspections may be ordered (repository.list_inspections says how each sorts).
ORDERS = ("oldest", "newest", "agency")


def list_inspections(uow: UnitOfWork, actor: model.Actor, filters: dict, page: int, page_size: int):
    """`filters`: any of plan_id, agency_id, status, form, year, q, and the `order` (ORDERS); an agency officer
    lists only their agency's."""
    with uow:
        where = repository.InspectionFilter(**filters,
                                            only_agency_id=AgencyScope.of(actor.roles, actor.agency_id).agency_id)
        return repository.list_inspections(uow.session, where, page, page_size)


def notify(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, notice_doc: str,
           scheduled_date: date | None) -> orm.Inspection:
    return _act(uow, actor, inspection_id, "notify", notice_doc=notice_doc, scheduled_date=scheduled_date)


def start(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, conducted_date: date) -> orm.Inspection:
    """The first inspection that starts puts its approved plan in progress."""
    with uow:
        inspection = _load_for(uow, actor, inspection_id, "start")
        _start(uow, inspection, conducted_date)
        uow.commit()
        return inspection


def _start(uow: UnitOfWork, inspection: orm.Inspection, conducted_date: date) -> None:
    inspection.status = INSPECTION.next("start", inspection.status)
    inspection.conducted_date = conducted_date
    plan = repository.find(uow.session, orm.Plan, inspection.plan_id, lock=True) if inspection.plan_id else None
    if plan is not None and plan.status == PlanStatus.DA_PHE_DUYET:
        plan.status = PlanStatus.DANG_THUC_HIEN
        plans.changed(plan)


def record(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, record_doc: str,
           record_date: date) -> orm.Inspection:
    return _act(uow, actor, inspection_id, "record", record_doc=record_doc, record_date=record_date)


def conclude(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, *, conclusion_doc: str,
             conclusion_date: date, overall_result: str) -> orm.Inspection:
    """Concluded with recommendations still open, the inspection goes on to their remediation."""
    with uow:
        inspection = _load_for(uow, actor, inspection_id, "conclude")
        _conclude(uow, inspection, conclusion_doc, conclusion_date, overall_result)
        uow.commit()
        return inspection


def _conclude(uow: UnitOfWork, inspection: orm.Inspection, conclusion_doc: str, conclusion_date: date,
              overall_result: str) -> None:
    inspection.status = INSPECTION.next("conclude", inspection.status)
    if inspection.record_date and conclusion_date < inspection.record_date:
        raise RuleViolated("conclusion_before_record", conclusion_date=conclusion_date,
                           record_date=inspection.record_date)
    inspection.conclusion_doc, inspection.conclusion_date = conclusion_doc, conclusion_date
    inspection.overall_result = overall_result
    if model.any_open(repository.recommendations_of(uow.session, inspection.id)):
        inspection.status = InspectionStatus.DANG_KHAC_PHUC
    uow.publish(events.InspectionConcluded(
        inspection_id=inspection.id, plan_id=inspection.plan_id, agency_id=inspection.agency_id,
        form=inspection.form, overall_result=overall_result, conclusion_doc=conclusion_doc,
        concluded_on=conclusion_date, concluded_at=uow.now()))


def close(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID) -> orm.Inspection:
    with uow:
        inspection = _load_for(uow, actor, inspection_id, "close")
        inspection.status = INSPECTION.next("close", inspection.status)
        uow.commit()
        return inspection


def postpone(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, reason: str,
             new_date: date | None = None) -> orm.Inspection:
    """Postponed (HOAN) with its reason; a new visit date moves the inspection to it and tells the other services
    (`inspections.inspection.rescheduled`)."""
    with uow:
        inspection = _load_for(uow, actor, inspection_id, "postpone")
        _move(inspection, "postpone", status_note=reason, scheduled_date=new_date)
        if new_date is not None:
            uow.publish(events.InspectionRescheduled(inspection_id=inspection.id, agency_id=inspection.agency_id,
                                                     scheduled_date=new_date, reason=reason,
                                                     rescheduled_at=uow.now()))
        uow.commit()
        return inspection


def cancel(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, reason: str) -> orm.Inspection:
    with uow:
        inspection = _load_for(uow, actor, inspection_id, "cancel")
        cancel_in(uow, inspection, reason)
        uow.commit()
        return inspection


def cancel_in(uow: UnitOfWork, inspection: orm.Inspection, reason: str) -> None:
    """Cancel inside an open unit of work, `inspection` locked and its version raised (also used when the
    registry reports the agency gone)."""
    inspection.status = INSPECTION.next("cancel", inspection.status)
    inspection.status_note = reason
    uow.publish(events.InspectionCancelled(inspection_id=inspection.id, agency_id=inspection.agency_id,
                                           reason=reason, cancelled_at=uow.now()))


def set_checklist(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, results: list[dict], *,
                  expected: int):
    """Made from version `expected` of the inspection (the checklist's If-Match): another version is refused."""
    with uow:
        inspection = _load_for(uow, actor, inspection_id, "record_results", expected)
        known = {c.code for c in repository.criteria(uow.session)}
        unknown = sorted({r["criterion_code"] for r in results} - known)
        if unknown:
            raise RuleViolated("unknown_criteria", codes=unknown)
        current = {row.criterion_code: row for row in inspection.checklist}
        for result in results:
            row = current.get(result["criterion_code"])
            if row is None:
                inspection.checklist.append(orm.ChecklistResult(**result))
            else:
                row.result, row.score, row.note = result["result"], result.get("score"), result.get("note")
        uow.commit()
        return _scored(uow, inspection)


def add_finding(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, fields: dict) -> orm.Finding:
    with uow:
        inspection = _load_for(uow, actor, inspection_id, "record_results")
        finding = orm.Finding(id=uuid.uuid4(), position=len(inspection.findings), **fields)
        inspection.findings.append(finding)
        uow.commit()
        return finding


def _scored(uow: UnitOfWork, inspection: orm.Inspection) -> orm.Inspection:
    """Attach the weighted checklist score (criteria weights are reference data) for the response."""
    weights = {c.code: c.weight for c in repository.criteria(uow.session, active_only=False)}
    inspection.checklist_score = model.checklist_score(inspection.checklist, weights)
    return inspection


def _act(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, action: str, **changes) -> orm.Inspection:
    with uow:
        inspection = _load_for(uow, actor, inspection_id, action)
        _move(inspection, action, **changes)
        uow.commit()
        return inspection


def _move(inspection: orm.Inspection, action: str, **changes) -> None:
    inspection.status = INSPECTION.next(action, inspection.status)
    for name, value in changes.items():
        if value is not None:
            setattr(inspection, name, value)


def changed(inspection: orm.Inspection) -> None:
    """The inspection changed (its status, documents, checklist or findings): its version, the ETag, goes up."""
    inspection.version += 1


def _load_for(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, action: str,
              expected: int | None = None) -> orm.Inspection:
    """The inspection, locked for a change (two moves of it take turns, the second checking the status the first
    left; its plan, when the move changes it, is locked after it), `action` checked (`allowed`), its version
    raised; made from version `expected` when a PUT names one (a stale If-Match is a 412 before any rule is read,
    as RFC 9110 section 13.2.2 orders preconditions before the method)."""
    inspection = repository.get(uow.session, orm.Inspection, inspection_id, lock=True)
    if expected is not None:
        preconditions.check(inspection.version, expected)
    allowed.check_inspection(action, inspection, actor, teams.context(uow, inspection))
    changed(inspection)
    return inspection
