"""Files attached to the registry's records; their bytes are in the object store (kit.attachments, ADR 31)."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.attachments import StoredFile
from kit.db import TimestampMixin
from kit.tenancy import TenantScoped
from registry.orm.base import Base


class Attachment(TenantScoped, StoredFile, TimestampMixin, Base):
    """One file of a record (`record_kind`, `record_id`) of `agency_id`."""

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_record", "record_kind", "record_id"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    agency_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("agencies.id"), index=True)
    record_kind: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[uuid.UUID] = mapped_column(Uuid)
