"""kit's tables: the outbox, the inbox and the append-only audit log, with row-level security

The first revision of kit's own branch. Databases made before the branch existed already have these tables (each
service's first migrations created them): every step here is skipped where its table is there already, and the
trigger and the policies are written again, which changes nothing.

Revision ID: kit_0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from kit import rls
from kit.db import UtcDateTime

revision = "kit_0001"
down_revision = None
branch_labels = ("kit",)
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
APPEND_ONLY = """
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
"""
# Kit's tables that hold one province's rows; the inbox has no tenant column (message ids are global).
TENANT_TABLES = ("outbox_messages", "audit_log")


def upgrade() -> None:
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    if "outbox_messages" not in existing:
        create_outbox()
    if "processed_messages" not in existing:
        create_inbox()
    if "audit_log" not in existing:
        create_audit_log()
    if op.get_bind().dialect.name == "postgresql":
        op.execute(APPEND_ONLY)
    rls.protect(op.get_bind(), TENANT_TABLES)


def downgrade() -> None:
    rls.unprotect(op.get_bind(), TENANT_TABLES)
    for table in ("audit_log", "processed_messages", "outbox_messages"):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_log_append_only()")


def create_outbox() -> None:
    op.create_table(
        "outbox_messages",
        sa.Column("seq", SEQ, autoincrement=True, nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("published_at", UtcDateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_outbox_messages")),
        sa.UniqueConstraint("event_id", name=op.f("uq_outbox_messages_event_id")),
    )
    op.create_index(op.f("ix_outbox_messages_published_at"), "outbox_messages", ["published_at"], unique=False)


def create_inbox() -> None:
    op.create_table(
        "processed_messages",
        sa.Column("consumer", sa.String(length=100), nullable=False),
        sa.Column("message_id", sa.Uuid(), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("processed_at", UtcDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("consumer", "message_id", name=op.f("pk_processed_messages")),
    )


def create_audit_log() -> None:
    op.create_table(
        "audit_log",
        sa.Column("seq", SEQ, autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("at", UtcDateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=True),
        sa.Column("request_id", sa.String(length=64), nullable=True),
        sa.Column("entity", sa.String(length=100), nullable=False),
        sa.Column("entity_id", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=8), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_log")),
    )
    for column in ("entity", "entity_id", "tenant_id"):
        op.create_index(op.f(f"ix_audit_log_{column}"), "audit_log", [column], unique=False)
