"""Calendar feeds at secret per-person URLs: made by the person signed in (the token is shown once, only its hash
kept), revoked by them, read by a calendar client that knows only the URL (the token is the credential)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from kit import calendar as vn
from kit.errors import NotFound
from kit.uow import UnitOfWork
from notifications import repository
from notifications.documents import ical
from notifications.model.calendars import new_token, token_hash
from notifications.orm import CalendarToken
from notifications.services import schedule


@dataclass(frozen=True)
class Made:
    token: CalendarToken
    secret: str


def make(uow: UnitOfWork, subject: str, agency_id: uuid.UUID | None) -> Made:
    """A new secret URL for `subject`, covering `agency_id`'s deadlines (None: the whole province's)."""
    secret = new_token()
    with uow:
        token = CalendarToken(subject=subject, token_hash=token_hash(secret), agency_id=agency_id,
                              created_at=uow.now())
        uow.session.add(token)
        uow.commit()
        return Made(token, secret)


def list_mine(uow: UnitOfWork, subject: str) -> list[CalendarToken]:
    with uow:
        return repository.tokens_of(uow.session, subject)


def revoke(uow: UnitOfWork, subject: str, token_id: uuid.UUID) -> CalendarToken:
    """Revoke one of `subject`'s URLs (another person's answers 404); revoking twice changes nothing."""
    with uow:
        token = repository.find_token(uow.session, token_id)
        if token is None or token.subject != subject:
            raise NotFound("calendar_not_found", calendar_id=token_id)
        if token.revoked_at is None:
            token.revoked_at = uow.now()
        uow.commit()
        return token


def feed(uow: UnitOfWork, secret: str, now: datetime) -> bytes:
    """The feed a secret URL names: this year's and next year's deadlines; 404 for an unknown or revoked one."""
    with uow:
        token = repository.token_by_hash(uow.session, token_hash(secret))
        if token is None or token.revoked_at is not None:
            raise NotFound("calendar_not_found", calendar_id="…")
        agency_id = token.agency_id
    year = vn.day_of(now).year
    return ical.feed(schedule.deadlines(uow, [year, year + 1], agency_id), "ISO-HCC", now)
