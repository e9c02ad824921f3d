"""Correcting the date of a step already on a quality system's record (docs/adr/0036-step-date-corrections.md):
the step's span of the history, the fields that repeat its date and the announcement it made move together, and
the correction is kept and published as an event of its own."""

from __future__ import annotations

import uuid
from datetime import date

from contracts import registry as events
from contracts.registry import QualitySystemStatus as Status
from contracts.registry import QualitySystemStep as Step
from kit.uow import UnitOfWork
from registry import repository
from registry.model import quality_system as rules
from registry.orm import Announcement, QualitySystem, StepDateCorrection
from registry.services.quality_systems import agency_of, current_system


def correct_step_date(uow: UnitOfWork, agency_id: uuid.UUID, *, step: Step, on: date, reason: str,
                      corrected_by: str) -> StepDateCorrection:
    with uow:
        agency = agency_of(uow, agency_id, lock=True)  # as every change of its quality system
        system = current_system(uow, agency_id)
        rules.check_agency_active(agency)
        old, announcement = (_correct_receipt if step == Step.RECEIVE else _correct_status)(uow, system, step, on)
        system.version += 1
        correction = StepDateCorrection(
            id=uuid.uuid4(), quality_system_id=system.id, agency_id=agency_id, step=step, old_date=old, new_date=on,
            reason=reason, corrected_by=corrected_by, corrected_at=uow.now())
        uow.session.add(correction)
        uow.publish(events.QualitySystemStepDateCorrected(
            quality_system_id=system.id, agency_id=agency_id, version=system.version, step=step,
            status=rules.STEP_STATUS.get(step), announcement_id=announcement.id if announcement else None,
            old_date=old, new_date=on, reason=reason, corrected_by=corrected_by, corrected_at=correction.corrected_at))
        uow.commit()
        return correction


def recorded_steps(uow: UnitOfWork, agency_id: uuid.UUID) -> list[dict]:
    """The steps of the current system whose date may be corrected, each with its date on record, oldest first."""
    with uow:
        system = current_system(uow, agency_id)
        spans = repository.status_spans(uow.session, system.id)
        steps = [{"step": step, "on": spans[index].starts_on} for step in rules.STEP_STATUS
                 if (index := _last_span(spans, step)) is not None]
        if (received := _received(uow, system)) is not None:
            steps.append({"step": Step.RECEIVE, "on": received.received_on})
        return sorted(steps, key=lambda row: row["on"])


def list_corrections(uow: UnitOfWork, agency_id: uuid.UUID) -> list[StepDateCorrection]:
    with uow:
        agency_of(uow, agency_id)
        return repository.corrections_of(uow.session, agency_id)


def _correct_status(uow: UnitOfWork, system: QualitySystem, step: Step, on: date):
    """Move the step's span (the newest of its status) and what repeats its date; (old date, its announcement)."""
    spans = repository.status_spans(uow.session, system.id)
    index = _last_span(spans, step)
    if index is None:
        raise rules.step_not_recorded(step)
    span, old = spans[index], spans[index].starts_on
    earlier = [s.starts_on for s in spans[:index] if s.status != Status.CHUA_XAY_DUNG]  # putting on record: any day
    later = spans[index + 1].starts_on if index + 1 < len(spans) else None
    announcement = _announcement_of(uow, system, old) if step == Step.ANNOUNCE else None
    if announcement is not None and announcement.received_on is not None:
        later = min(filter(None, (later, announcement.received_on)))
    rules.check_corrected_date(old, on, earlier[-1] if earlier else None, later)
    span.starts_on = on
    if index:
        spans[index - 1].ends_before = on
    if span.ends_before is None:
        system.status_since = on
    _move_repeated_dates(system, step, old, on)
    if announcement is not None:
        announcement.decision_date = on
    return old, announcement


def _move_repeated_dates(system: QualitySystem, step: Step, old: date, on: date) -> None:
    """The system's own fields that say the step's date."""
    field = {Step.APPLY: "first_applied_on", Step.CHANGE_SCOPE: "scope_changed_on",
             Step.ANNOUNCE: "transition_completed_on"}.get(step)
    if field is not None and getattr(system, field) == old:
        setattr(system, field, on)


def _correct_receipt(uow: UnitOfWork, system: QualitySystem, step: Step, on: date):
    announcement = _received(uow, system)
    if announcement is None:
        raise rules.step_not_recorded(step)
    old = announcement.received_on
    rules.check_corrected_date(old, on, announcement.decision_date, None)
    announcement.received_on = on
    return old, announcement


def _last_span(spans, step: Step) -> int | None:
    found = [index for index, span in enumerate(spans) if span.status == rules.STEP_STATUS.get(step)]
    return found[-1] if found else None


def _announcement_of(uow: UnitOfWork, system: QualitySystem, decided: date) -> Announcement | None:
    """The newest announcement of the system decided on `decided` (the one the announcing step made)."""
    found = [n for n in repository.announcements_of(uow.session, system.agency_id)
             if n.quality_system_id == system.id and n.decision_date == decided]
    return found[-1] if found else None


def _received(uow: UnitOfWork, system: QualitySystem) -> Announcement | None:
    """The system's announcement received last (the receipt a correction of `receive` moves)."""
    found = [n for n in repository.announcements_of(uow.session, system.agency_id)
             if n.quality_system_id == system.id and n.received_on is not None]
    return max(found, key=lambda n: (n.received_on, n.created_at)) if found else None
