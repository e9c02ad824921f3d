"""The transactional outbox: rows written with the state change, published later by the relay."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

from sqlalchemy import JSON, BigInteger, Integer, String, Text, Uuid, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

import contracts
from kit.db import KitBase, UtcDateTime, utcnow

# SQLite autoincrements only a plain INTEGER primary key.
SEQ_TYPE = BigInteger().with_variant(Integer(), "sqlite")


class OutboxMessage(KitBase):
    __tablename__ = "outbox_messages"

    seq: Mapped[int] = mapped_column(SEQ_TYPE, primary_key=True, autoincrement=True)
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid, unique=True)
    tenant_id: Mapped[str] = mapped_column(String(64))
    topic: Mapped[str] = mapped_column(String(200))
    key: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    payload: Mapped[dict] = mapped_column(JSON)
    headers: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)


def backlog(session: Session) -> int:
    """Rows not published yet."""
    query = select(func.count()).select_from(OutboxMessage).where(OutboxMessage.published_at.is_(None))
    return session.execute(query).scalar_one()


def to_row(envelope: contracts.Envelope) -> OutboxMessage:
    return OutboxMessage(
        event_id=envelope.id,
        tenant_id=envelope.tenant,
        topic=envelope.topic,
        key=envelope.subject,
        type=envelope.type,
        version=envelope.version,
        payload=json.loads(contracts.encode(envelope)),
        headers={name: value.decode() for name, value in contracts.headers(envelope)},
        attempts=0,
    )


def to_wire(row: OutboxMessage) -> tuple[str, bytes, bytes, list[tuple[str, bytes]]]:
    """(topic, key, value, headers) exactly as they go to Kafka."""
    value = json.dumps(row.payload, ensure_ascii=False, separators=(",", ":")).encode()
    headers = [(name, text.encode()) for name, text in row.headers.items()]
    return row.topic, row.key.encode(), value, headers
