"""Attendance per session and the completion rule (a configurable share of the sessions)."""

from __future__ import annotations

import uuid
from collections import Counter

from sqlalchemy.orm import Session

from contracts import training as events
from kit import preconditions
from kit.uow import UnitOfWork
from training import model, repository
from training.documents import table
from training.documents.attendance import attendance_document
from training.documents.attendance import attendance_sheet as sheet
from training.model import RegistrationStatus as R
from training.orm import Attendance, ClassSession, Registration, TrainingClass
from training.services import settings


def session_attendance(uow: UnitOfWork, class_id: uuid.UUID, session_id: uuid.UUID) -> dict:
    """One session's attendance list with its version (the ETag a correction sends back)."""
    with uow:
        training_class = repository.get_class(uow.session, class_id)
        return _list_of(uow, _session(training_class, session_id))


def record_attendance(uow: UnitOfWork, class_id: uuid.UUID, session_id: uuid.UUID, present: list[uuid.UUID],
                      absent: list[uuid.UUID], *, expected: int | None = None) -> dict:
    """Record the session's list made from its version `expected` (412 when someone recorded it since; a route
    always names one, the demo's seeding none); the class stays locked meanwhile, as for every change of it."""
    with uow:
        training_class = repository.get_class(uow.session, class_id, lock=True)
        session = _session(training_class, session_id)
        uow.session.refresh(session)
        if expected is not None:
            preconditions.check(session.version, expected)
        model.ensure_attendance_open(training_class.status)
        confirmed = {r.id for r in repository.class_registrations(uow.session, class_id, R.CONFIRMED)}
        model.ensure_participants(present, absent, confirmed)
        for registration_id in present:
            _mark(uow, registration_id, session_id, True)
        for registration_id in absent:
            _mark(uow, registration_id, session_id, False)
        session.changed()
        uow.publish(events.AttendanceRecorded(session_id=session_id, class_id=class_id, present=list(present),
                                              absent=list(absent), recorded_at=uow.now()))
        if training_class.status == model.ClassStatus.DA_KET_THUC:
            decide_completion(uow.session, training_class)
        uow.session.flush()
        answer = _list_of(uow, session)
        uow.commit()
        return answer


def attendance_sheet(uow: UnitOfWork, class_id: uuid.UUID, fmt: str) -> tuple[bytes, str]:
    """The attendance sheet of the class's confirmed participants: (body, media type) as `fmt`, a table (xlsx) or
    the official document (docx, pdf)."""
    with uow:
        training_class = repository.get_class(uow.session, class_id)
        participants = repository.class_registrations(uow.session, class_id, R.CONFIRMED)
        marks = {(a.registration_id, a.session_id): a.present for a in repository.attendance_of(uow.session, class_id)}
        names = repository.agency_names(uow.session)
        if fmt == "xlsx":
            return table.render(sheet(training_class, participants, marks, names))
        province = repository.province_name(uow.session, training_class.tenant_id) or training_class.tenant_id
        document = attendance_document(training_class, participants, marks, names, province)
    return table.render_official([document], fmt)


def decide_completion(session: Session, training_class: TrainingClass) -> list[Registration]:
    """Set `completed` on every confirmed participant from their attendance; returns the participants."""
    percent = settings.effective(session).completion_percent
    present = Counter(a.registration_id for a in repository.attendance_of(session, training_class.id) if a.present)
    participants = repository.class_registrations(session, training_class.id, R.CONFIRMED)
    for registration in participants:
        registration.completed = model.completed(present[registration.id], len(training_class.sessions), percent)
    session.flush()
    return participants


def _session(training_class: TrainingClass, session_id: uuid.UUID) -> ClassSession:
    found = next((s for s in training_class.sessions if s.id == session_id), None)
    if found is None:
        raise model.SessionNotFound(session_id)
    return found


def _list_of(uow: UnitOfWork, session: ClassSession) -> dict:
    rows = repository.session_attendance(uow.session, session.id)
    return {"class_id": session.class_id, "session_id": session.id, "version": session.version, "rows": rows}


def _mark(uow: UnitOfWork, registration_id: uuid.UUID, session_id: uuid.UUID, present: bool) -> Attendance:
    row = repository.find_attendance(uow.session, registration_id, session_id)
    if row is None:
        row = Attendance(registration_id=registration_id, session_id=session_id, present=present)
        uow.session.add(row)
    row.present, row.recorded_at = present, uow.now()
    return row
