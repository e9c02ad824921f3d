"""An agency import that runs after its upload was answered (docs/adr/0025-imports-as-jobs.md)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Boolean, Index, Integer, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import UtcDateTime, utcnow
from kit.tenancy import TenantScoped
from registry.orm.base import Base


class ImportJob(TenantScoped, Base):
    """One uploaded workbook and how far its import got. Written by statements only, never added to a session:
    a job is not a business change, so the audit trail keeps the agencies it adds, not the job (as kit keeps
    idempotency keys out of it). `claimed_at`: when a worker last claimed it or reported progress; a job
    `running` with an old one belonged to a process that died, and is taken again."""

    __tablename__ = "import_jobs"
    __table_args__ = (Index("ix_import_jobs_status_claimed_at", "status", "claimed_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    status: Mapped[str] = mapped_column(String(16))
    partial: Mapped[bool] = mapped_column(Boolean)
    workbook: Mapped[bytes | None] = mapped_column(LargeBinary)  # emptied once the job is over
    total_rows: Mapped[int] = mapped_column(Integer)
    rows_done: Mapped[int] = mapped_column(Integer, default=0)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    actor: Mapped[str | None] = mapped_column(String(200))
    request_id: Mapped[str | None] = mapped_column(String(64))
    result: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
