"""kit's `idempotency_keys`: the answers to POSTs sent with an `Idempotency-Key` (kit.idempotency, ADR 19)

One row per (province, caller, key): the request's fingerprint, the answer once there is one, and when the key was
reserved (keys live 24 hours). Under row-level security like every province's table; a caller bound to no province
keeps its keys under the empty tenant, which the same policy allows to a transaction bound to none.

Revision ID: kit_0003
Revises: kit_0002
"""

import sqlalchemy as sa
from alembic import op

from kit import rls
from kit.db import UtcDateTime

revision = "kit_0003"
down_revision = "kit_0002"
branch_labels = None
depends_on = None

TABLE = "idempotency_keys"


def upgrade() -> None:
    if TABLE not in sa.inspect(op.get_bind()).get_table_names():
        create_keys()
    rls.protect(op.get_bind(), [TABLE])


def downgrade() -> None:
    rls.unprotect(op.get_bind(), [TABLE])
    op.drop_index(op.f("ix_idempotency_keys_created_at"), table_name=TABLE)
    op.drop_table(TABLE)


def create_keys() -> None:
    op.create_table(
        TABLE,
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("headers", sa.JSON(), nullable=True),
        sa.Column("body", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("tenant_id", "subject", "key", name=op.f("pk_idempotency_keys")),
    )
    op.create_index(op.f("ix_idempotency_keys_created_at"), TABLE, ["created_at"], unique=False)
