"""the provinces' names, from registry.tenant.created: the issuer named on certificates and attendance sheets in
the official layout (issue 25)

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("provinces",
                    sa.Column("tenant_id", sa.String(length=64), nullable=False),
                    sa.Column("name", sa.String(length=200), nullable=False),
                    sa.PrimaryKeyConstraint("tenant_id", name=op.f("pk_provinces")))


def downgrade() -> None:
    op.drop_table("provinces")
