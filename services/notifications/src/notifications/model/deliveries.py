"""How one e-mail to one recipient moves, and what an SMTP answer means for it. Pure.

PENDING: to send (again at `next_attempt_at`, after a temporary failure). SENDING: claimed, the send log says
"before"; a delivery still SENDING after its lease means its process died while sending: it becomes UNCERTAIN and
is never sent again by itself (it may have reached the server). SENT, FAILED (a permanent refusal, or too many
temporary ones) and UNCERTAIN are final.
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime, timedelta
from enum import StrEnum


class Status(StrEnum):
    PENDING = "PENDING"
    SENDING = "SENDING"
    SENT = "SENT"
    FAILED = "FAILED"
    UNCERTAIN = "UNCERTAIN"


class Step(StrEnum):
    """The send log's entries."""

    BEFORE_SEND = "BEFORE_SEND"
    SENT = "SENT"
    TEMPORARY_FAILURE = "TEMPORARY_FAILURE"
    PERMANENT_FAILURE = "PERMANENT_FAILURE"
    GAVE_UP = "GAVE_UP"
    UNCERTAIN = "UNCERTAIN"


MAX_ATTEMPTS = 6
FIRST_BACKOFF = timedelta(minutes=1)
LEASE = timedelta(minutes=10)  # far longer than one SMTP exchange (its timeout is 30 s)


def idempotency_key(notice_id: uuid.UUID, recipient: str) -> str:
    """One key per notice and recipient (the address compared case-blind), unique in the table."""
    return hashlib.sha256(f"{notice_id}:{recipient.strip().lower()}".encode()).hexdigest()


def permanent(code: int | None) -> bool:
    """An SMTP 5xx reply refuses for good; a 4xx or no reply (a connection that failed) may pass later."""
    return code is not None and 500 <= code <= 599


def next_attempt(attempts: int, now: datetime) -> datetime | None:
    """After `attempts` failed tries: when to try again (1, 2, 4, 8, 16 minutes), or None: give up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return now + FIRST_BACKOFF * 2 ** (attempts - 1)
