"""The inbox: ids of messages a consumer has already applied, written in the handler's transaction."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import String, Uuid, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kit.db import KitBase, UtcDateTime, utcnow


class ProcessedMessage(KitBase):
    __tablename__ = "processed_messages"

    consumer: Mapped[str] = mapped_column(String(100), primary_key=True)
    message_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    topic: Mapped[str] = mapped_column(String(200))
    processed_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


def seen(session: Session, consumer: str, message_id: uuid.UUID) -> bool:
    query = select(ProcessedMessage.message_id).where(
        ProcessedMessage.consumer == consumer, ProcessedMessage.message_id == message_id
    )
    return session.execute(query).first() is not None


def seen_among(session: Session, consumer: str, message_ids: list[uuid.UUID]) -> set[uuid.UUID]:
    """Which of `message_ids` the consumer has applied already: one query for a batch."""
    query = select(ProcessedMessage.message_id).where(
        ProcessedMessage.consumer == consumer, ProcessedMessage.message_id.in_(message_ids)
    )
    return set(session.scalars(query))


def mark(session: Session, marks: list) -> None:
    """Record the messages of `marks` (kit.uow.InboxMark, in the order applied) as applied, in one INSERT of the
    session's transaction. Their `processed_at` is now, just before the commit, one microsecond apart in the order
    applied: the order of application stays readable from it, as it is across transactions (tests/faults)."""
    at = utcnow()
    rows = [{**vars(m), "processed_at": at + timedelta(microseconds=n)} for n, m in enumerate(marks)]
    if rows:
        session.execute(insert(ProcessedMessage), rows)
