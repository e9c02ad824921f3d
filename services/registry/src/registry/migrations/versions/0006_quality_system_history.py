"""quality_system_history: the status and standard version of every quality system over time, so that the summary
and the flags answer as of any date (issue 18)

The backfill rebuilds what the existing rows still tell, per system, in date order:
- applying (DANG_AP_DUNG) from `first_applied_on`, when known and the system went past applying;
- announced (DA_CONG_BO) from each of its announcements' decision dates, on the announcement's standard version
  (the periods of re-announcement pending or of transition between them are not on record; they count the same
  in the figures, as applying and announced);
- its current status and standard version from `status_since`, open.
Steps dated on or after `status_since` are dropped (the current status holds from then); the applying span takes the
standard version of the first announcement, else the current one. Building (DANG_XAY_DUNG) before applying is not
on record, so such a system counts from the date it applied.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

from kit import rls
from kit.db import UtcDateTime, utcnow

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

BEFORE_APPLYING = ("CHUA_XAY_DUNG", "DANG_XAY_DUNG", "DANG_AP_DUNG")


def upgrade() -> None:
    history = op.create_table(
        "quality_system_history",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("quality_system_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("standard_version", sa.String(length=40), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_before", sa.Date(), nullable=True),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"],
                                name=op.f("fk_quality_system_history_agency_id_agencies")),
        sa.ForeignKeyConstraint(["quality_system_id"], ["quality_systems.id"],
                                name=op.f("fk_quality_system_history_quality_system_id_quality_systems")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_system_history")),
    )
    with op.batch_alter_table("quality_system_history", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quality_system_history_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_quality_system_history_quality_system_id"), ["quality_system_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_quality_system_history_tenant_id"), ["tenant_id"], unique=False)
    rls.protect(op.get_bind(), ["quality_system_history"])
    rows = [row for system in _systems() for row in _spans(system)]
    if rows:
        op.bulk_insert(history, rows)


def downgrade() -> None:
    rls.unprotect(op.get_bind(), ["quality_system_history"])
    op.drop_table("quality_system_history")


SYSTEMS = sa.table("quality_systems", sa.column("id", sa.Uuid()), sa.column("agency_id", sa.Uuid()),
                   sa.column("tenant_id", sa.String()), sa.column("status", sa.String()),
                   sa.column("standard_version", sa.String()), sa.column("status_since", sa.Date()),
                   sa.column("first_applied_on", sa.Date()))
ANNOUNCEMENTS = sa.table("announcements", sa.column("quality_system_id", sa.Uuid()),
                         sa.column("decision_date", sa.Date()), sa.column("standard_version", sa.String()),
                         sa.column("created_at", UtcDateTime()))


def _systems() -> list[dict]:
    connection = op.get_bind()
    systems = [dict(row._mapping, announcements=[]) for row in connection.execute(sa.select(SYSTEMS))]
    by_id = {system["id"]: system for system in systems}
    announcements = sa.select(ANNOUNCEMENTS.c.quality_system_id, ANNOUNCEMENTS.c.decision_date,
                              ANNOUNCEMENTS.c.standard_version)
    for row in connection.execute(announcements.order_by(ANNOUNCEMENTS.c.decision_date,
                                                          ANNOUNCEMENTS.c.created_at)):
        by_id[row.quality_system_id]["announcements"].append((row.decision_date, row.standard_version))
    return systems


def _spans(system: dict) -> list[dict]:
    """The system's spans from the steps still on record (see the module's docstring)."""
    since = system["status_since"]
    steps = [(day, "DA_CONG_BO", standard) for day, standard in system["announcements"] if day < since]
    applied = system["first_applied_on"]
    if applied is not None and applied < since and system["status"] not in BEFORE_APPLYING:
        first_standard = steps[0][2] if steps else system["standard_version"]
        steps = [(applied, "DANG_AP_DUNG", first_standard), *(s for s in steps if s[0] >= applied)]
    steps.append((since, system["status"], system["standard_version"]))
    # Of two steps the same day, the later one holds that day.
    steps = [step for step, after in zip(steps, [*steps[1:], None], strict=True) if after is None or after[0] > step[0]]
    ends = [after[0] for after in steps[1:]] + [None]
    now = utcnow()
    return [{"id": uuid.uuid4(), "quality_system_id": system["id"], "agency_id": system["agency_id"],
             "tenant_id": system["tenant_id"], "status": status, "standard_version": standard, "starts_on": day,
             "ends_before": end, "created_at": now, "updated_at": now}
            for (day, status, standard), end in zip(steps, ends, strict=True)]
