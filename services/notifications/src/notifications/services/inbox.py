"""A person's notices in the app (the web UI's bell): the province's staff read every agency's, an agency's ISO
secretary only their agency's; what each person has read is their own, kept by their token's subject."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from kit.errors import NotFound
from kit.pagination import Page
from kit.uow import UnitOfWork
from notifications import repository
from notifications.model import inbox
from notifications.orm import Notice
from notifications.repository import InboxFilter


@dataclass(frozen=True)
class Reader:
    """Who reads: their subject, and the agency they are limited to (None: the whole province)."""

    subject: str
    agency_id: uuid.UUID | None = None

    def inbox(self, **filters) -> InboxFilter:
        return InboxFilter(self.subject, self.agency_id, **filters)


def list_notices(uow: UnitOfWork, reader: Reader, page: int, page_size: int, **filters) -> Page:
    """A page of the reader's notices, newest first, each with whether they read it; `filters`: those of
    InboxFilter (`unread`, `kind`, `year`)."""
    with uow:
        found = repository.inbox(uow.session, reader.inbox(**filters), page, page_size)
        reads = repository.read_at(uow.session, reader.subject, [notice.id for notice in found.items])
        return replace(found, items=[_item(notice, reads.get(notice.id)) for notice in found.items])


def unread(uow: UnitOfWork, reader: Reader) -> int:
    with uow:
        return repository.count_inbox(uow.session, reader.inbox(unread=True))


def read(uow: UnitOfWork, reader: Reader, notice_id: uuid.UUID) -> dict:
    """Mark one notice read (again: it keeps the first time); another agency's or province's answers 404."""
    with uow:
        notice = repository.find_notice_by_id(uow.session, notice_id)
        if notice is None or reader.agency_id not in (None, notice.agency_id):
            raise NotFound("notice_not_found", notice_id=notice_id)
        repository.mark_read(uow.session, reader.subject, [notice.id], uow.now())
        item = _item(notice, repository.read_at(uow.session, reader.subject, [notice.id])[notice.id])
        uow.commit()
        return item


def read_all(uow: UnitOfWork, reader: Reader) -> int:
    """Mark every notice the reader has not read yet read; returns how many."""
    with uow:
        ids = repository.inbox_ids(uow.session, reader.inbox(unread=True))
        marked = repository.mark_read(uow.session, reader.subject, ids, uow.now())
        uow.commit()
        return marked


def _item(notice: Notice, read_at: datetime | None) -> dict:
    vietnamese, english = inbox.texts(notice)
    return {"id": notice.id, "kind": notice.kind, "agency_id": notice.agency_id, "agency_name": notice.agency_name,
            "year": notice.year, "lead_days": notice.lead_days, "deadline": notice.deadline, "due_at": notice.due_at,
            "read": read_at is not None, "read_at": read_at, "text": vietnamese, "text_en": english,
            "link": inbox.link(notice)}
