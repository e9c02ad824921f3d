"""Registrations: agencies nominate people; capacity, the waitlist in order, no double booking, cancellation.

Every change of a class's places runs under a row lock on the class (SELECT ... FOR UPDATE), so concurrent
nominations and cancellations queue up on it and the waitlist is promoted exactly once, in order.
"""

from __future__ import annotations

import uuid

from sqlalchemy.exc import IntegrityError

from contracts import training as events
from kit.errors import RuleViolated
from kit.pagination import Page
from kit.uow import UnitOfWork
from training import model, repository
from training.model import Actor
from training.model import RegistrationStatus as R
from training.orm import OfficerReplica, Registration, TrainingClass
from training.services import compliance


def nominate(uow: UnitOfWork, class_id: uuid.UUID, fields: dict, actor: Actor) -> Registration:
    agency_id = model.nominating_agency(actor, fields.pop("agency_id", None))
    with uow:
        repository.lock_person(uow.session, uow.tenant, fields["person_id"])
        training_class = repository.get_class(uow.session, class_id, lock=True)
        _check_agency(uow, agency_id, fields.get("officer_id"))
        model.ensure_open_for_registration(training_class.status)
        model.ensure_on_site_agency(training_class.on_site_agency_id, agency_id)
        _check_bookings(uow, training_class, fields["person_id"])
        queue_no = repository.next_queue_no(uow.session, class_id)
        registration = Registration(**fields, id=uuid.uuid4(), class_id=class_id, agency_id=agency_id,
                                    nominated_by=actor.subject, queue_no=queue_no)
        _place(uow, training_class, registration)
        uow.session.add(registration)
        _booked_once(uow)
        uow.commit()
        return registration


def cancel(uow: UnitOfWork, registration_id: uuid.UUID, actor: Actor, reason: str | None) -> Registration:
    with uow:
        registration = _get(uow, registration_id, actor)
        training_class = repository.get_class(uow.session, registration.class_id, lock=True)
        uow.session.refresh(registration)
        if registration.status == R.CANCELLED:
            return registration
        model.ensure_cancellable(training_class.status, actor.is_province)
        registration.status, registration.cancel_reason = R.CANCELLED, reason
        uow.publish(events.RegistrationCancelled(
            registration_id=registration.id, class_id=registration.class_id, agency_id=registration.agency_id,
            reason=reason, cancelled_at=uow.now()))
        uow.session.flush()
        promote_waiting(uow, training_class)
        uow.commit()
        return registration


def promote_waiting(uow: UnitOfWork, training_class: TrainingClass) -> list[Registration]:
    """Fill free places from the waitlist, first come first served. The caller holds the class lock."""
    if training_class.status not in model.BEFORE_START:
        return []
    free = training_class.capacity - repository.confirmed_count(uow.session, training_class.id)
    waiting = repository.class_registrations(uow.session, training_class.id, R.WAITLISTED)[:max(free, 0)]
    for registration in waiting:
        registration.status = R.CONFIRMED
        uow.publish(events.RegistrationPromoted(registration_id=registration.id, class_id=registration.class_id,
                                                agency_id=registration.agency_id, promoted_at=uow.now()))
    uow.session.flush()
    return waiting


def lapse_all(uow: UnitOfWork, training_class: TrainingClass) -> None:
    """A cancelled class cancels its confirmed and waitlisted registrations, with the class's reason."""
    for registration in repository.class_registrations(uow.session, training_class.id, *model.ACTIVE):
        registration.status, registration.cancel_reason = R.CANCELLED, training_class.status_reason
        uow.publish(events.RegistrationCancelled(
            registration_id=registration.id, class_id=registration.class_id, agency_id=registration.agency_id,
            reason=training_class.status_reason, cancelled_at=uow.now()))


def get_registration(uow: UnitOfWork, registration_id: uuid.UUID, actor: Actor) -> Registration:
    with uow:
        return _get(uow, registration_id, actor)


def list_registrations(uow: UnitOfWork, actor: Actor, *, page: int, page_size: int,
                       class_id: uuid.UUID | None = None, agency_id: uuid.UUID | None = None,
                       status: str | None = None) -> Page:
    """A page of registrations in queue order per class; an agency officer's are their agency's only."""
    where = repository.RegistrationFilter(class_id=class_id, status=status,
                                          agency_id=agency_id if actor.is_province else actor.agency_id)
    with uow:
        return repository.list_registrations(uow.session, where, page, page_size)


def _get(uow: UnitOfWork, registration_id: uuid.UUID, actor: Actor) -> Registration:
    """Another agency's registration answers 404 to an agency officer, as another province's would."""
    found = repository.find_registration(uow.session, registration_id)
    if found is None:
        raise model.RegistrationNotFound(registration_id)
    actor.scope.ensure(found.agency_id, model.RegistrationNotFound, registration_id)
    return found


def _check_agency(uow: UnitOfWork, agency_id: uuid.UUID, officer_id: uuid.UUID | None) -> None:
    compliance.ensure_known_agency(uow, agency_id)
    officer = uow.session.get(OfficerReplica, officer_id) if officer_id else None
    if officer is not None and officer.agency_id != agency_id:
        raise RuleViolated("officer_of_another_agency")


def _check_bookings(uow: UnitOfWork, training_class: TrainingClass, person_id: str) -> None:
    mine = [(s.starts_at, s.ends_at) for s in training_class.sessions]
    for _registration, other in repository.person_bookings(uow.session, person_id):
        if other.id == training_class.id:
            raise model.AlreadyRegistered()
        if model.overlaps(mine, [(s.starts_at, s.ends_at) for s in other.sessions]):
            raise model.DoubleBooked(other.title)


# The unique index over a class's registrations not cancelled, as PostgreSQL and SQLite name it in their errors.
PERSON_ONCE = ("uq_registrations_person_once", "registrations.person_id")


def _booked_once(uow: UnitOfWork) -> None:
    """Write the registration; the index refuses a person booked twice in the class (a backstop of the check made
    under the class lock), answered as that check answers."""
    try:
        uow.session.flush()
    except IntegrityError as exc:
        if any(name in str(exc.orig) for name in PERSON_ONCE):
            raise model.AlreadyRegistered() from exc
        raise


def _place(uow: UnitOfWork, training_class: TrainingClass, registration: Registration) -> None:
    waiting = repository.class_registrations(uow.session, training_class.id, R.WAITLISTED)
    confirmed = repository.confirmed_count(uow.session, training_class.id)
    if confirmed < training_class.capacity and not waiting:
        registration.status = R.CONFIRMED
        uow.publish(events.RegistrationConfirmed(
            registration_id=registration.id, class_id=registration.class_id, agency_id=registration.agency_id,
            full_name=registration.full_name, qms_role=registration.qms_role, officer_id=registration.officer_id,
            confirmed_at=uow.now()))
        return
    registration.status = R.WAITLISTED
    uow.publish(events.RegistrationWaitlisted(
        registration_id=registration.id, class_id=registration.class_id, agency_id=registration.agency_id,
        position=len(waiting) + 1, waitlisted_at=uow.now()))
