"""classes, their sessions (their attendance lists) and the province's settings carry a version, raised by every
change: their ETag, so that of two people editing one record the second is refused rather than silently
overwritten; and a person is booked at most once per class (a unique index over the registrations not cancelled)
(issue 20)

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

from kit import rls

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

VERSIONED = ("classes", "class_sessions", "tenant_settings")
NOT_CANCELLED = sa.text("status <> 'CANCELLED'")
# A person booked twice before the index existed keeps the first place (the lower queue number).
CANCEL_REPEATS = sa.text(
    "UPDATE registrations SET status = 'CANCELLED', cancel_reason = :reason WHERE status <> 'CANCELLED' AND EXISTS "
    "(SELECT 1 FROM registrations AS first WHERE first.tenant_id = registrations.tenant_id AND first.class_id = "
    "registrations.class_id AND first.person_id = registrations.person_id AND first.status <> 'CANCELLED' AND "
    "first.queue_no < registrations.queue_no)")
REASON = "Đăng ký trùng người trong cùng lớp / the same person registered twice in the class"


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    bind = op.get_bind()
    rls.set_tenant(bind, None, cross_tenant=True)  # every province's rows (the tables force row-level security)
    bind.execute(CANCEL_REPEATS, {"reason": REASON})
    op.create_index("uq_registrations_person_once", "registrations", ["tenant_id", "class_id", "person_id"],
                    unique=True, postgresql_where=NOT_CANCELLED, sqlite_where=NOT_CANCELLED)


def downgrade() -> None:
    op.drop_index("uq_registrations_person_once", table_name="registrations")
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
