"""The inbox: ids of messages a consumer has already applied, written in the handler's transaction."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import String, Uuid, select
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
