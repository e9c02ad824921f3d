"""Classes: schedule, change, move through the lifecycle; the course types."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from contracts import training as events
from kit import preconditions
from kit.pagination import Page
from kit.uow import UnitOfWork
from training import model, repository
from training.model import ClassStatus as S
from training.orm import ClassSession, TrainingClass
from training.services import settings
from training.services.attendance import decide_completion
from training.services.registrations import lapse_all, promote_waiting

EDITABLE = ("title", "audience", "venue", "capacity", "provider", "trainers", "cost_estimate")


def list_course_types(uow: UnitOfWork) -> list:
    with uow:
        return repository.list_course_types(uow.session)


def ensure_course_type(session: Session, code: str) -> None:
    if repository.find_course_type(session, code) is None:
        raise model.UnknownCourseType(code)


def schedule_class(uow: UnitOfWork, fields: dict, *, on_site_agency_id: uuid.UUID | None = None) -> TrainingClass:
    with uow:
        training_class = new_class(uow, fields, on_site_agency_id)
        uow.commit()
        return _view(uow, training_class)


def new_class(uow: UnitOfWork, fields: dict, on_site_agency_id: uuid.UUID | None) -> TrainingClass:
    """Add a planned class and its `scheduled` event to the open unit of work."""
    ensure_course_type(uow.session, fields["course_type"])
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
        capacity=training_class.capacity, first_day=sessions[0].starts_at.date(),
        last_day=sessions[-1].starts_at.date(), session_count=len(sessions),
        cost_estimate=training_class.cost_estimate, on_site_agency_id=on_site_agency_id, scheduled_at=uow.now()))
    return training_class


def get_class(uow: UnitOfWork, class_id: uuid.UUID) -> TrainingClass:
    with uow:
        return _view(uow, repository.get_class(uow.session, class_id))


def list_classes(uow: UnitOfWork, *, page: int, page_size: int, **where) -> Page:
    """A page of the province's classes, filtered by `year`, `course_type` and `status`."""
    with uow:
        found = repository.list_classes(uow.session, repository.ClassFilter(**where), page, page_size)
        for training_class in found.items:
            _view(uow, training_class)
        return found


def update_class(uow: UnitOfWork, class_id: uuid.UUID, fields: dict, *, expected: int) -> TrainingClass:
    """Change the class made from version `expected` (412 when it changed since)."""
    with uow:
        training_class = repository.get_class(uow.session, class_id, lock=True)
        preconditions.check(training_class.version, expected)
        model.ensure_editable(training_class.status)
        confirmed = repository.confirmed_count(uow.session, class_id)
        model.ensure_capacity(fields.get("capacity", confirmed), confirmed)
        for name in EDITABLE:
            if name in fields:
                setattr(training_class, name, fields[name])
        training_class.changed()
        promote_waiting(uow, training_class)
        uow.commit()
        return _view(uow, training_class)


def change_status(uow: UnitOfWork, class_id: uuid.UUID, wanted: str, *, reason: str | None = None,
                  cost_actual: int | None = None) -> TrainingClass:
    with uow:
        training_class = repository.get_class(uow.session, class_id, lock=True)
        status = model.CLASS.next(wanted, training_class.status)
        model.ensure_reason(status, reason)
        training_class.status, training_class.status_reason = status, reason
        if cost_actual is not None:
            training_class.cost_actual = cost_actual
        training_class.changed()
        AFTER.get(status, lambda *_: None)(uow, training_class)
        uow.commit()
        return _view(uow, training_class)


def _view(uow: UnitOfWork, training_class: TrainingClass) -> TrainingClass:
    """Add what the API shows beside the columns: whether it falls in the season, confirmed places."""
    current = settings.effective(uow.session)
    months = {s.starts_at.astimezone(model.LOCAL).month for s in training_class.sessions}
    training_class.in_season = model.in_season(months, current.season_start_month, current.season_end_month)
    training_class.confirmed = repository.confirmed_count(uow.session, training_class.id)
    return training_class


def _opened(uow: UnitOfWork, training_class: TrainingClass) -> None:
    uow.publish(events.ClassOpened(class_id=training_class.id, opened_at=uow.now()))


def _cancelled(uow: UnitOfWork, training_class: TrainingClass) -> None:
    uow.publish(events.ClassCancelled(class_id=training_class.id, reason=training_class.status_reason,
                                      cancelled_at=uow.now()))
    lapse_all(uow, training_class)


def _finished(uow: UnitOfWork, training_class: TrainingClass) -> None:
    participants = decide_completion(uow.session, training_class)
    uow.publish(events.ClassFinished(
        class_id=training_class.id, course_type=training_class.course_type, participants=len(participants),
        completed=sum(1 for r in participants if r.completed), finished_at=uow.now()))


def _settled(uow: UnitOfWork, training_class: TrainingClass) -> None:
    model.ensure_cost_actual(training_class.cost_actual)
    uow.publish(events.ClassSettled(
        class_id=training_class.id, year=training_class.year, course_type=training_class.course_type,
        cost_estimate=training_class.cost_estimate, cost_actual=training_class.cost_actual, settled_at=uow.now()))


AFTER = {S.MO_DANG_KY: _opened, S.HUY: _cancelled, S.DA_KET_THUC: _finished, S.DA_QUYET_TOAN: _settled}
