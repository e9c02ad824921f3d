"""training.class: classes scheduled, then finished (with participants and completions) or cancelled."""

from __future__ import annotations

from contracts import training as events
from kit.uow import UnitOfWork
from reporting.model.codes import ClassState
from reporting.orm import TrainingClassView


def apply_training_class(uow: UnitOfWork, event) -> None:
    with uow:
        row = uow.session.get(TrainingClassView, event.class_id)
        if isinstance(event, events.ClassScheduled) and row is None:
            uow.session.add(TrainingClassView(class_id=event.class_id, year=event.year, course_type=event.course_type,
                                              first_day=event.first_day, last_day=event.last_day,
                                              status=ClassState.SCHEDULED, participants=0, completed=0))
        elif isinstance(event, events.ClassFinished) and row is not None:
            row.status, row.participants, row.completed = ClassState.FINISHED, event.participants, event.completed
        elif isinstance(event, events.ClassCancelled) and row is not None:
            row.status = ClassState.CANCELLED
        uow.commit()
