"""A province succession: predecessors merged into a successor from an effective date, with the plan executed for
their agencies. Platform-wide (not tenant-scoped): the platform admin executes it across provinces."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kit.db import UtcDateTime, utcnow
from registry.orm.base import Base


class ProvinceSuccession(Base):
    """`steps`: one per predecessor agency, {agency_id, tenant, name, agency_type, action, into,
    successor_agency_id, done}, in execution order; `status` EXECUTING until every step is done, then DONE (an
    interrupted execution resumes where it stopped when executed again)."""

    __tablename__ = "province_successions"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    successor: Mapped[str] = mapped_column(String(64), ForeignKey("tenants.id"), index=True)
    predecessors: Mapped[list] = mapped_column(JSON)
    effective_date: Mapped[date] = mapped_column(Date)
    legal_basis: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    steps: Mapped[list] = mapped_column(JSON)
    counts: Mapped[dict] = mapped_column(JSON)
    executed_by: Mapped[str | None] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
