"""Classes: schedule, change, move through the lifecycle; the province's settings and course types."""

from __future__ import annotations

import uuid

from contracts import training as events
from kit.errors import Conflict, RuleViolated
from kit.uow import UnitOfWork
from training import model, repository
from training.model import ClassStatus as S
from training.orm import ClassSession, TenantSettings, TrainingClass
from training.services import common
from training.services.registrations import lapse_all, promote_waiting

EDITABLE = ("title", "audience", "venue", "capacity", "provider", "trainers", "cost_estimate")


def list_course_types(uow: UnitOfWork) -> list:
    with uow:
        return repository.list_course_types(uow.session)


def get_settings(uow: UnitOfWork) -> common.EffectiveSettings:
    with uow:
        return common.settings(uow.session)


def update_settings(uow: UnitOfWork, fields: dict) -> common.EffectiveSettings:
    with uow:
        own = repository.find_tenant_settings(uow.session)
        if own is None:
            current = common.settings(uow.session)
            own = TenantSettings(**{name: getattr(current, name) for name in common.SETTING_FIELDS})
            uow.session.add(own)
        for name, value in fields.items():
            setattr(own, name, value)
        uow.session.flush()
        result = common.settings(uow.session)
        uow.commit()
        return result


def schedule_class(uow: UnitOfWork, fields: dict, *, on_site_agency_id: uuid.UUID | None = None) -> TrainingClass:
    with uow:
        training_class = new_class(uow, fields, on_site_agency_id)
        uow.commit()
        return _view(uow, training_class)


def new_class(uow: UnitOfWork, fields: dict, on_site_agency_id: uuid.UUID | None) -> TrainingClass:
    """Add a planned class and its `scheduled` event to the open unit of work."""
    common.ensure_course_type(uow.session, fields["course_type"])
    spans = [(s["starts_at"], s["ends_at"]) for s in fields["sessions"]]
    model.ensure_sessions(spans)
    sessions = [ClassSession(**s) for s in sorted(fields["sessions"], key=lambda s: s["starts_at"])]
    year = fields.get("year") or sessions[0].starts_at.year
    training_class = TrainingClass(**{**fields, "sessions": sessions, "year": year}, status=S.DU_KIEN,
                                   on_site_agency_id=on_site_agency_id)
    uow.session.add(training_class)
    uow.session.flush()
    uow.publish(events.ClassScheduled(
        class_id=training_class.id, year=year, title=training_class.title, course_type=training_class.course_type,
        capacity=training_class.capacity, first_day=spans_day(sessions[0]), last_day=spans_day(sessions[-1]),
        session_count=len(sessions), cost_estimate=training_class.cost_estimate,
        on_site_agency_id=on_site_agency_id, scheduled_at=uow.now()))
    return training_class


def spans_day(session: ClassSession):
    return session.starts_at.date()


def get_class(uow: UnitOfWork, class_id: uuid.UUID) -> TrainingClass:
    with uow:
        return _view(uow, common.get_class(uow.session, class_id))


def list_classes(uow: UnitOfWork, where: repository.ClassFilter, page: int, page_size: int) -> repository.Page:
    with uow:
        found = repository.list_classes(uow.session, where, page, page_size)
        for training_class in found.items:
            _view(uow, training_class)
        return found


def update_class(uow: UnitOfWork, class_id: uuid.UUID, fields: dict) -> TrainingClass:
    with uow:
        training_class = common.get_class(uow.session, class_id, lock=True)
        if training_class.status not in (S.DU_KIEN, S.MO_DANG_KY, S.CHOT_DANH_SACH):
            raise Conflict(model.rule(f"Lớp ở trạng thái {training_class.status} không sửa được",
                                      f"a class in {training_class.status} can no longer change"))
        confirmed = repository.confirmed_count(uow.session, class_id)
        if fields.get("capacity", confirmed) < confirmed:
            raise RuleViolated(model.rule(f"Sĩ số không được nhỏ hơn số đã xác nhận ({confirmed})",
                                          f"capacity cannot go below the {confirmed} confirmed places"))
        for name in EDITABLE:
            if name in fields:
                setattr(training_class, name, fields[name])
        promote_waiting(uow, training_class)
        uow.commit()
        return _view(uow, training_class)


def change_status(uow: UnitOfWork, class_id: uuid.UUID, wanted: str, *, reason: str | None = None,
                  cost_actual: int | None = None) -> TrainingClass:
    with uow:
        training_class = common.get_class(uow.session, class_id, lock=True)
        model.ensure_transition(training_class.status, wanted)
        model.ensure_reason(wanted, reason)
        training_class.status, training_class.status_reason = wanted, reason
        if cost_actual is not None:
            training_class.cost_actual = cost_actual
        AFTER.get(wanted, lambda *_: None)(uow, training_class)
        uow.commit()
        return _view(uow, training_class)


def _view(uow: UnitOfWork, training_class: TrainingClass) -> TrainingClass:
    """Add what the API shows beside the columns: whether it falls in the season, confirmed places."""
    settings = common.settings(uow.session)
    months = {s.starts_at.astimezone(model.LOCAL).month for s in training_class.sessions}
    training_class.in_season = model.in_season(months, settings.season_start_month, settings.season_end_month)
    training_class.confirmed = repository.confirmed_count(uow.session, training_class.id)
    return training_class


def _opened(uow: UnitOfWork, training_class: TrainingClass) -> None:
    uow.publish(events.ClassOpened(class_id=training_class.id, opened_at=uow.now()))


def _cancelled(uow: UnitOfWork, training_class: TrainingClass) -> None:
    uow.publish(events.ClassCancelled(class_id=training_class.id, reason=training_class.status_reason,
                                      cancelled_at=uow.now()))
    lapse_all(uow, training_class)


def _finished(uow: UnitOfWork, training_class: TrainingClass) -> None:
    from training.services.attendance import decide_completion

    participants = decide_completion(uow.session, training_class)
    uow.publish(events.ClassFinished(
        class_id=training_class.id, course_type=training_class.course_type, participants=len(participants),
        completed=sum(1 for r in participants if r.completed), finished_at=uow.now()))


def _settled(uow: UnitOfWork, training_class: TrainingClass) -> None:
    if training_class.cost_actual is None:
        raise RuleViolated(model.rule("Quyết toán phải có chi phí thực tế (VND)",
                                      "settling a class needs its actual cost (VND)"))
    uow.publish(events.ClassSettled(
        class_id=training_class.id, year=training_class.year, course_type=training_class.course_type,
        cost_estimate=training_class.cost_estimate, cost_actual=training_class.cost_actual, settled_at=uow.now()))


AFTER = {S.MO_DANG_KY: _opened, S.HUY: _cancelled, S.DA_KET_THUC: _finished, S.DA_QUYET_TOAN: _settled}
