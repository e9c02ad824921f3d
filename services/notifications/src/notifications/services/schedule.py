"""The schedule of the yearly upkeep: each applying agency's deadline, and the reminders due now turned into
notices with one delivery per recipient (the agency's current ISO secretaries with an e-mail)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from kit.uow import UnitOfWork
from notifications import repository
from notifications.model import deliveries, schedule, upkeep
from notifications.orm import Delivery, Notice
from notifications.services.settings import rules_of

UPKEEP_REMINDER = "UPKEEP_REMINDER"


@dataclass(frozen=True)
class Recipient:
    officer_id: uuid.UUID
    full_name: str | None
    email: str | None


@dataclass(frozen=True)
class Deadline:
    """One agency's upkeep deadline of one year, as a person reads it."""

    agency_id: uuid.UUID
    agency_name: str
    year: int
    deadline: date
    deadline_at: datetime
    done: bool
    lead_days: tuple[int, ...]
    recipients: tuple[Recipient, ...]


def plan(uow: UnitOfWork, now: datetime) -> int:
    """Turn the reminder due at `now` into a notice for each applying agency whose upkeep of the year is not done
    and that has none for it yet, with a delivery to each of its current ISO secretaries; while the reminder is the
    one due, a secretary heard of since its notice was made (an appointment whose event came late) gets a delivery
    of it too. Returns how many notices were made. Running it again makes none and addresses no one twice."""
    with uow:
        reminder = schedule.due_reminder(rules_of(uow.session), now)
        if reminder is None:
            return 0
        made = 0
        notices = repository.notices_of_reminder(uow.session, UPKEEP_REMINDER, reminder.year, reminder.lead_days)
        for owed in _owing(uow, reminder.year, agency_id=None):
            if owed.done:
                continue
            notice, addressed = notices.get(owed.agency_id, (None, set()))
            if notice is None:
                notice = Notice(id=uuid.uuid4(), kind=UPKEEP_REMINDER, agency_id=owed.agency_id,
                                agency_name=owed.agency_name, year=reminder.year, lead_days=reminder.lead_days,
                                deadline=reminder.deadline, due_at=reminder.due_at, created_at=now)
                uow.session.add(notice)
                uow.session.flush()  # the notice before its deliveries (they refer to it)
                made += 1
            _address(uow, notice, owed.recipients, addressed, now)
        uow.commit()
        return made


def deadlines(uow: UnitOfWork, years: list[int], agency_id: uuid.UUID | None = None) -> list[Deadline]:
    """The upkeep deadlines of the applying agencies (one agency's, with `agency_id`) in `years`."""
    with uow:
        return [owed for year in years for owed in _owing(uow, year, agency_id)]


def _owing(uow: UnitOfWork, year: int, agency_id: uuid.UUID | None) -> list[Deadline]:
    rules = rules_of(uow.session)
    statuses = repository.statuses_by_agency(uow.session)
    records = repository.upkeep_of_year(uow.session, year)
    secretaries = repository.current_secretaries(uow.session)
    owed = []
    for agency in repository.active_agencies(uow.session, agency_id):
        if not upkeep.applying(statuses.get(agency.id, ())):
            continue
        types, complete = records.get(agency.id, (set(), False))
        recipients = tuple(Recipient(officer.id, officer.full_name, officer.email)
                           for officer in secretaries.get(agency.id, ()))
        owed.append(Deadline(agency_id=agency.id, agency_name=agency.name, year=year, deadline=rules.deadline(year),
                             deadline_at=rules.deadline_at(year), done=upkeep.upkeep_done(types, complete),
                             lead_days=rules.lead_days, recipients=recipients))
    return owed


def _address(uow: UnitOfWork, notice: Notice, recipients: tuple[Recipient, ...], addressed: set[str],
             now: datetime) -> None:
    """One delivery per distinct address not `addressed` yet (two secretaries sharing an office address get one
    e-mail); `addressed`: the notice's addresses, in lower case, which this adds to."""
    for recipient in recipients:
        if not recipient.email or recipient.email.strip().lower() in addressed:
            continue
        addressed.add(recipient.email.strip().lower())
        uow.session.add(Delivery(notice_id=notice.id, recipient=recipient.email.strip(),
                                 recipient_name=recipient.full_name,
                                 idempotency_key=deliveries.idempotency_key(notice.id, recipient.email),
                                 status=deliveries.Status.PENDING, attempts=0, next_attempt_at=now))
