"""Files attached to the registry's records; their bytes are in the object store (kit.attachments, ADR 31)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import TimestampMixin, UtcDateTime
from kit.tenancy import TenantScoped
from registry.orm.base import Base


class Attachment(TenantScoped, TimestampMixin, Base):
    """One file of a record (`record_kind`, `record_id`) of `agency_id`. `deleted_at`: hidden from then on, its
    object removed by the purge once the grace period is over (`purged_at`)."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_record", "record_kind", "record_id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agencies.id"), index=True)
    record_kind: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    object_key: Mapped[str] = mapped_column(String(400))
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by: Mapped[str | None] = mapped_column(String(200))
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    deleted_by: Mapped[str | None] = mapped_column(String(200))
    purged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
