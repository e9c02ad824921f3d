"""Inspections of one agency: schedule, notify, inspect, record, conclude; postpone or cancel."""

from __future__ import annotations

import uuid
from datetime import date

from contracts import inspections as events
from inspections import model, orm, repository
from inspections.model import INSPECTION_MOVES, InspectionStatus, PlanStatus
from inspections.services.common import active_agency, agency_scope, check_team, load, visible
from kit.errors import RuleViolated
from kit.uow import UnitOfWork

WORKING = (InspectionStatus.DANG_KIEM_TRA, InspectionStatus.DA_LAP_BIEN_BAN)


def schedule_inspection(uow: UnitOfWork, fields: dict) -> orm.Inspection:
    with uow:
        plan = load(uow, orm.Plan, fields["plan_id"]) if fields.get("plan_id") else None
        if fields["kind"] != "DOT_XUAT":
            model.ensure_plan_runs(plan)
            model.ensure_targeted(plan, fields["agency_id"])
        if fields.get("team_id"):
            team = load(uow, orm.Team, fields["team_id"])
            if plan is not None and team.plan_id != plan.id:
                raise RuleViolated("the team was established for another plan")
        active_agency(uow, fields["agency_id"])
        inspection = orm.Inspection(id=uuid.uuid4(), status=InspectionStatus.DU_KIEN, checklist=[], findings=[],
                                    **fields)
        uow.session.add(inspection)
        uow.session.flush()
        uow.publish(events.InspectionScheduled(
            inspection_id=inspection.id, plan_id=inspection.plan_id, agency_id=inspection.agency_id,
            form=inspection.form, kind=inspection.kind, scheduled_date=inspection.scheduled_date,
            scheduled_at=uow.now()))
        uow.commit()
        return inspection


def get_inspection(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID) -> orm.Inspection:
    with uow:
        return scored(uow, visible(uow, actor, orm.Inspection, inspection_id))


def list_inspections(uow: UnitOfWork, actor: model.Actor, where: repository.InspectionFilter, page: int,
                     page_size: int):
    with uow:
        where = repository.InspectionFilter(**{**vars(where), "only_agency_id": agency_scope(actor)})
        return repository.list_inspections(uow.session, where, page, page_size)


def notify(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, notice_doc: str,
           scheduled_date: date | None) -> orm.Inspection:
    return _act(uow, actor, inspection_id, "notify", notice_doc=notice_doc, scheduled_date=scheduled_date)


def start(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, conducted_date: date) -> orm.Inspection:
    with uow:
        inspection = _load_for(uow, actor, inspection_id)
        model.move("inspection", inspection, "start", INSPECTION_MOVES)
        inspection.conducted_date = conducted_date
        plan = repository.get(uow.session, orm.Plan, inspection.plan_id) if inspection.plan_id else None
        if plan is not None and plan.status == PlanStatus.DA_PHE_DUYET:
            plan.status = PlanStatus.DANG_THUC_HIEN
        uow.commit()
        return inspection


def record(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, record_doc: str,
           record_date: date) -> orm.Inspection:
    return _act(uow, actor, inspection_id, "record", record_doc=record_doc, record_date=record_date)


def conclude(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, *, conclusion_doc: str,
             conclusion_date: date, overall_result: str) -> orm.Inspection:
    with uow:
        inspection = _load_for(uow, actor, inspection_id)
        model.move("inspection", inspection, "conclude", INSPECTION_MOVES)
        if inspection.record_date and conclusion_date < inspection.record_date:
            raise RuleViolated("conclusion_date is before the record's date")
        inspection.conclusion_doc, inspection.conclusion_date = conclusion_doc, conclusion_date
        inspection.overall_result = overall_result
        if any(r.status != "DONG" for r in repository.recommendations_of(uow.session, inspection.id)):
            inspection.status = InspectionStatus.DANG_KHAC_PHUC
        uow.publish(events.InspectionConcluded(
            inspection_id=inspection.id, plan_id=inspection.plan_id, agency_id=inspection.agency_id,
            form=inspection.form, overall_result=overall_result, conclusion_doc=conclusion_doc,
            concluded_on=conclusion_date, concluded_at=uow.now()))
        uow.commit()
        return inspection


def postpone(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, reason: str) -> orm.Inspection:
    return _act(uow, actor, inspection_id, "postpone", status_note=reason)


def cancel(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, reason: str) -> orm.Inspection:
    with uow:
        inspection = _load_for(uow, actor, inspection_id)
        cancel_in(uow, inspection, reason)
        uow.commit()
        return inspection


def cancel_in(uow: UnitOfWork, inspection: orm.Inspection, reason: str) -> None:
    """Cancel inside an open unit of work (also used when the registry reports the agency gone)."""
    model.move("inspection", inspection, "cancel", INSPECTION_MOVES)
    inspection.status_note = reason
    uow.publish(events.InspectionCancelled(inspection_id=inspection.id, agency_id=inspection.agency_id,
                                           reason=reason, cancelled_at=uow.now()))


def set_checklist(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, results: list[dict]):
    with uow:
        inspection = _load_for(uow, actor, inspection_id)
        _ensure_working(inspection)
        known = {c.code for c in repository.criteria(uow.session)}
        unknown = sorted({r["criterion_code"] for r in results} - known)
        if unknown:
            raise RuleViolated(f"unknown or inactive criteria: {', '.join(unknown)}")
        current = {row.criterion_code: row for row in inspection.checklist}
        for result in results:
            row = current.get(result["criterion_code"])
            if row is None:
                inspection.checklist.append(orm.ChecklistResult(**result))
            else:
                row.result, row.score, row.note = result["result"], result.get("score"), result.get("note")
        uow.commit()
        return scored(uow, inspection)


def add_finding(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, fields: dict) -> orm.Finding:
    with uow:
        inspection = _load_for(uow, actor, inspection_id)
        _ensure_working(inspection)
        finding = orm.Finding(id=uuid.uuid4(), position=len(inspection.findings), **fields)
        inspection.findings.append(finding)
        uow.commit()
        return finding


def scored(uow: UnitOfWork, inspection: orm.Inspection) -> orm.Inspection:
    """Attach the weighted checklist score (criteria weights are reference data) for the response."""
    weights = {c.code: c.weight for c in repository.criteria(uow.session, active_only=False)}
    inspection.checklist_score = model.checklist_score(inspection.checklist, weights)
    return inspection


def _act(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID, action: str, **changes) -> orm.Inspection:
    with uow:
        inspection = _load_for(uow, actor, inspection_id)
        model.move("inspection", inspection, action, INSPECTION_MOVES)
        for name, value in changes.items():
            if value is not None:
                setattr(inspection, name, value)
        uow.commit()
        return inspection


def _load_for(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID) -> orm.Inspection:
    inspection = load(uow, orm.Inspection, inspection_id)
    check_team(uow, actor, inspection)
    return inspection


def _ensure_working(inspection: orm.Inspection) -> None:
    if inspection.status not in WORKING:
        raise model.LifecycleError("Chỉ ghi kết quả khi đang kiểm tra hoặc đã lập biên bản",
                                   "results are recorded only during the inspection or once its record is drawn up",
                                   inspection.status)



def close(uow: UnitOfWork, actor: model.Actor, inspection_id: uuid.UUID) -> orm.Inspection:
    with uow:
        inspection = _load_for(uow, actor, inspection_id)
        close_in(uow, inspection)
        uow.commit()
        return inspection


def close_in(uow: UnitOfWork, inspection: orm.Inspection) -> None:
    if any(r.status != "DONG" for r in repository.recommendations_of(uow.session, inspection.id)):
        raise model.LifecycleError("Còn kiến nghị chưa khắc phục xong", "recommendations are still open",
                                   inspection.status)
    model.move("inspection", inspection, "close", INSPECTION_MOVES)
