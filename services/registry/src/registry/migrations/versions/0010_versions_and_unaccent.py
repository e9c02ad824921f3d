"""versions and unaccent: a province's setting and an obligation rule carry the `version` a change names in its
If-Match (issue 20, kit.preconditions; the agencies have theirs since 0001); and PostgreSQL's `unaccent`, with which
the agency search folds accents ("khoa hoc" finds "Sở Khoa học và Công nghệ"). SQLite folds with kit.db's
`iso_fold` instead: nothing to install there.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

VERSIONED = ("tenant_settings", "obligation_rules")


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")  # trusted: the database's owner may install it


def downgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table) as batch_op:
            batch_op.drop_column("version")
