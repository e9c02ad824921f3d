"""Attendance per session and the completion rule (a configurable share of the sessions)."""

from __future__ import annotations

import uuid
from collections import Counter

from sqlalchemy.orm import Session

from contracts import training as events
from kit.uow import UnitOfWork
from training import model, repository
from training.documents import table
from training.documents.attendance import attendance_sheet as sheet
from training.model import RegistrationStatus as R
from training.orm import Attendance, Registration, TrainingClass
from training.services import settings


def record_attendance(uow: UnitOfWork, class_id: uuid.UUID, session_id: uuid.UUID, present: list[uuid.UUID],
                      absent: list[uuid.UUID]) -> list[Attendance]:
    with uow:
        training_class = repository.get_class(uow.session, class_id, lock=True)
        model.ensure_attendance_open(training_class.status)
        if session_id not in {s.id for s in training_class.sessions}:
            raise model.SessionNotFound(session_id)
        confirmed = {r.id for r in repository.class_registrations(uow.session, class_id, R.CONFIRMED)}
        model.ensure_participants(present, absent, confirmed)
        rows = [_mark(uow, rid, session_id, True) for rid in present]
        rows += [_mark(uow, rid, session_id, False) for rid in absent]
        uow.publish(events.AttendanceRecorded(session_id=session_id, class_id=class_id, present=list(present),
                                              absent=list(absent), recorded_at=uow.now()))
        if training_class.status == model.ClassStatus.DA_KET_THUC:
            decide_completion(uow.session, training_class)
        uow.commit()
        return rows


def attendance_sheet(uow: UnitOfWork, class_id: uuid.UUID, fmt: str) -> tuple[bytes, str]:
    """The printable attendance sheet of the class's confirmed participants: (body, media type) as `fmt`."""
    with uow:
        training_class = repository.get_class(uow.session, class_id)
        participants = repository.class_registrations(uow.session, class_id, R.CONFIRMED)
        marks = {(a.registration_id, a.session_id): a.present for a in repository.attendance_of(uow.session, class_id)}
        printable = sheet(training_class, participants, marks, repository.agency_names(uow.session))
    return table.render(printable, fmt)


def decide_completion(session: Session, training_class: TrainingClass) -> list[Registration]:
    """Set `completed` on every confirmed participant from their attendance; returns the participants."""
    percent = settings.effective(session).completion_percent
    present = Counter(a.registration_id for a in repository.attendance_of(session, training_class.id) if a.present)
    participants = repository.class_registrations(session, training_class.id, R.CONFIRMED)
    for registration in participants:
        registration.completed = model.completed(present[registration.id], len(training_class.sessions), percent)
    session.flush()
    return participants


def _mark(uow: UnitOfWork, registration_id: uuid.UUID, session_id: uuid.UUID, present: bool) -> Attendance:
    row = repository.find_attendance(uow.session, registration_id, session_id)
    if row is None:
        row = Attendance(registration_id=registration_id, session_id=session_id, present=present)
        uow.session.add(row)
    row.present, row.recorded_at = present, uow.now()
    return row
