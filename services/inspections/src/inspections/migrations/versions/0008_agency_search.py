"""agency search: PostgreSQL's `unaccent`, with which the inspection list finds an agency by part of its name
whatever the accents ("so khoa hoc" finds "Sở Khoa học và Công nghệ"); SQLite folds with kit.db's `iso_fold`.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")  # trusted: the database's owner may install it


def downgrade() -> None:
    """The extension stays: other objects of the database may use it."""
