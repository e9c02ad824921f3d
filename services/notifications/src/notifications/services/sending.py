"""Sending the notices' e-mails: at most once per notice and recipient.

The guarantee, exactly: a delivery (one per notice and recipient: a unique idempotency key, and a unique
notice and address) is handed to the SMTP server only by the transaction that moves it from PENDING to SENDING
and writes BEFORE_SEND in the send log, committed before the send. After the send, a second transaction writes
what happened (SENT, or a failure) and moves it on. So:
- a delivery is never handed over twice by this service, whatever crashes or runs twice (two schedulers, a
  redelivered event, a run repeated: they find it SENDING or SENT, or lose the row lock);
- a process that dies between its send and the second commit leaves the delivery SENDING; after the lease
  (model.deliveries.LEASE) it is moved to UNCERTAIN with a send-log entry, visible in the notices list, and not
  sent again by itself: it may have been delivered (not twice silently; once, or not at all, and then said);
- a failure known to have happened before the server took the message (refused with a 4xx, no connection) is
  tried again with a growing pause, up to model.deliveries.MAX_ATTEMPTS; a 5xx refusal fails it for good.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Protocol

from kit.uow import UnitOfWork
from notifications import repository
from notifications.documents import email
from notifications.model import deliveries
from notifications.model.deliveries import Status, Step
from notifications.orm import Delivery, SendLog
from notifications.services.smtp import Outcome

BATCH = 100


class Mailer(Protocol):
    sender: str

    def send(self, message: EmailMessage) -> Outcome: ...


@dataclass(frozen=True)
class Options:
    """How a pass sends. `lease`: how long a claim may stay SENDING before it is taken for abandoned (its process
    died mid-send). `after_send(delivery_id, outcome)`: called once the SMTP exchange is over and before its
    outcome is committed (the fault tests kill the process there, tests/faults/killable.py)."""

    lease: timedelta = deliveries.LEASE
    after_send: Callable[[uuid.UUID, Outcome], None] | None = None


@dataclass
class Sent:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    uncertain: int = 0


def send_due(uow: UnitOfWork, mailer: Mailer, now: datetime, options: Options = Options()) -> Sent:
    """Send the province's deliveries due at `now` (after marking the abandoned claims uncertain)."""
    tally = Sent(uncertain=mark_abandoned(uow, now, options.lease))
    with uow:
        due = repository.deliveries_to_send(uow.session, now, BATCH)
    for delivery_id in due:
        message = claim(uow, delivery_id, mailer.sender, now)
        if message is not None:
            outcome = mailer.send(message)
            if options.after_send is not None:
                options.after_send(delivery_id, outcome)
            record(uow, delivery_id, outcome, now, tally)
    return tally


def claim(uow: UnitOfWork, delivery_id: uuid.UUID, sender: str, now: datetime) -> EmailMessage | None:
    """Move a due delivery to SENDING with BEFORE_SEND in the log, committed; its message, or None when another
    run took it first."""
    with uow:
        delivery = repository.find_delivery(uow.session, delivery_id, lock=True)
        if delivery is None or delivery.status != Status.PENDING or delivery.next_attempt_at > now:
            return None
        notice = repository.find_notice_by_id(uow.session, delivery.notice_id)
        delivery.status, delivery.attempts, delivery.claimed_at = Status.SENDING, delivery.attempts + 1, now
        _log(uow, delivery, Step.BEFORE_SEND, None, None)
        message = email.upkeep_reminder(sender=sender, recipient=delivery.recipient,
                                        recipient_name=delivery.recipient_name, agency_name=notice.agency_name,
                                        year=notice.year, deadline=notice.deadline, days=notice.lead_days,
                                        key=delivery.idempotency_key)
        uow.commit()
        return message


def record(uow: UnitOfWork, delivery_id: uuid.UUID, outcome: Outcome, now: datetime, tally: Sent) -> None:
    """What the send did, in the log and the delivery's status."""
    with uow:
        delivery = repository.find_delivery(uow.session, delivery_id, lock=True)
        if outcome.sent:
            delivery.status, delivery.sent_at, delivery.last_error = Status.SENT, now, None
            _log(uow, delivery, Step.SENT, outcome.code, None)
            tally.sent += 1
        elif outcome.uncertain:
            delivery.status, delivery.last_error = Status.UNCERTAIN, outcome.detail[:500]
            _log(uow, delivery, Step.UNCERTAIN, outcome.code, outcome.detail)
            tally.uncertain += 1
        elif outcome.permanent or deliveries.permanent(outcome.code):
            delivery.status, delivery.last_error = Status.FAILED, outcome.detail[:500]
            _log(uow, delivery, Step.PERMANENT_FAILURE, outcome.code, outcome.detail)
            tally.failed += 1
        else:
            _retry_or_give_up(uow, delivery, outcome, now, tally)
        uow.commit()


def mark_abandoned(uow: UnitOfWork, now: datetime, lease: timedelta = deliveries.LEASE) -> int:
    """Deliveries left SENDING past their lease (their process died mid-send) become UNCERTAIN."""
    with uow:
        abandoned = repository.stale_claims(uow.session, now - lease)
        for delivery in abandoned:
            delivery.status = Status.UNCERTAIN
            delivery.last_error = "abandoned while sending / bỏ dở khi đang gửi"
            _log(uow, delivery, Step.UNCERTAIN, None, f"still SENDING since {delivery.claimed_at}")
        uow.commit()
        return len(abandoned)


def _retry_or_give_up(uow: UnitOfWork, delivery: Delivery, outcome: Outcome, now: datetime, tally: Sent) -> None:
    delivery.last_error = outcome.detail[:500]
    again = deliveries.next_attempt(delivery.attempts, now)
    if again is None:
        delivery.status = Status.FAILED
        _log(uow, delivery, Step.GAVE_UP, outcome.code, outcome.detail)
        tally.failed += 1
    else:
        delivery.status, delivery.next_attempt_at = Status.PENDING, again
        _log(uow, delivery, Step.TEMPORARY_FAILURE, outcome.code, outcome.detail)
        tally.retried += 1


def _log(uow: UnitOfWork, delivery: Delivery, step: Step, code: int | None, detail: str | None) -> None:
    uow.session.add(SendLog(delivery_id=delivery.id, attempt=delivery.attempts, step=step, smtp_code=code,
                            detail=detail))
