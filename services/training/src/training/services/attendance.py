"""Attendance per session and the completion rule (a configurable share of the sessions)."""

from __future__ import annotations

import uuid
from collections import Counter

from sqlalchemy.orm import Session

from contracts import training as events
from kit.errors import Conflict, RuleViolated
from kit.uow import UnitOfWork
from training import model, repository
from training.model import RegistrationStatus as R
from training.orm import Attendance, Registration, TrainingClass
from training.services import common


def record_attendance(uow: UnitOfWork, class_id: uuid.UUID, session_id: uuid.UUID, present: list[uuid.UUID],
                      absent: list[uuid.UUID]) -> list[Attendance]:
    with uow:
        training_class = common.get_class(uow.session, class_id, lock=True)
        if training_class.status not in model.ATTENDANCE_OPEN:
            raise Conflict(model.rule(f"Chỉ ghi điểm danh khi lớp đang diễn ra hoặc vừa kết thúc "
                                      f"(trạng thái {training_class.status})",
                                      f"attendance is recorded while a class runs or just ended "
                                      f"(status {training_class.status})"))
        if session_id not in {s.id for s in training_class.sessions}:
            raise model.SessionNotFound(session_id)
        _check_participants(uow.session, class_id, present, absent)
        rows = [_mark(uow.session, rid, session_id, True, uow) for rid in present]
        rows += [_mark(uow.session, rid, session_id, False, uow) for rid in absent]
        uow.publish(events.AttendanceRecorded(session_id=session_id, class_id=class_id, present=list(present),
                                              absent=list(absent), recorded_at=uow.now()))
        if training_class.status == model.ClassStatus.DA_KET_THUC:
            decide_completion(uow.session, training_class)
        uow.commit()
        return rows


def attendance_sheet(uow: UnitOfWork, class_id: uuid.UUID) -> tuple[TrainingClass, list[Registration], dict]:
    """The class, its confirmed participants, and {(registration_id, session_id): present}."""
    with uow:
        training_class = common.get_class(uow.session, class_id)
        participants = repository.class_registrations(uow.session, class_id, R.CONFIRMED)
        marks = {(a.registration_id, a.session_id): a.present for a in repository.attendance_of(uow.session, class_id)}
        return training_class, participants, marks


def decide_completion(session: Session, training_class: TrainingClass) -> list[Registration]:
    """Set `completed` on every confirmed participant from their attendance; returns the participants."""
    percent = common.settings(session).completion_percent
    present = Counter(a.registration_id for a in repository.attendance_of(session, training_class.id) if a.present)
    participants = repository.class_registrations(session, training_class.id, R.CONFIRMED)
    for registration in participants:
        registration.completed = model.completed(present[registration.id], len(training_class.sessions), percent)
    session.flush()
    return participants


def _check_participants(session: Session, class_id: uuid.UUID, present: list, absent: list) -> None:
    if set(present) & set(absent):
        raise RuleViolated(model.rule("Một học viên không thể vừa có mặt vừa vắng",
                                      "a participant cannot be both present and absent"))
    confirmed = {r.id for r in repository.class_registrations(session, class_id, R.CONFIRMED)}
    strangers = (set(present) | set(absent)) - confirmed
    if strangers:
        raise RuleViolated(model.rule("Có người không phải học viên đã xác nhận của lớp",
                                      f"not confirmed participants of this class: {sorted(map(str, strangers))}"))


def _mark(session: Session, registration_id: uuid.UUID, session_id: uuid.UUID, present: bool,
          uow: UnitOfWork) -> Attendance:
    row = repository.find_attendance(session, registration_id, session_id)
    if row is None:
        row = Attendance(registration_id=registration_id, session_id=session_id, present=present)
        session.add(row)
    row.present, row.recorded_at = present, uow.now()
    return row
