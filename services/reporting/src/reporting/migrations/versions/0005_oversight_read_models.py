"""oversight read models: inspection plans, recommendations, upkeep records, certificates

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("certificates",
    sa.Column("certificate_id", sa.Uuid(), nullable=False),
    sa.Column("agency_id", sa.Uuid(), nullable=False),
    sa.Column("officer_id", sa.Uuid(), nullable=True),
    sa.Column("course_type", sa.String(length=64), nullable=False),
    sa.Column("qualifies_roles", sa.JSON(), nullable=False),
    sa.Column("issued_on", sa.Date(), nullable=False),
    sa.Column("tenant_id", sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint("certificate_id", name=op.f("pk_certificates"))
    )
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_certificates_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_certificates_officer_id"), ["officer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_certificates_tenant_id"), ["tenant_id"], unique=False)

    op.create_table("inspection_plans",
    sa.Column("plan_id", sa.Uuid(), nullable=False),
    sa.Column("year", sa.Integer(), nullable=False),
    sa.Column("targets", sa.Integer(), nullable=False),
    sa.Column("onsite_min_percent", sa.Integer(), nullable=True),
    sa.Column("tenant_id", sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint("plan_id", name=op.f("pk_inspection_plans"))
    )
    with op.batch_alter_table("inspection_plans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inspection_plans_tenant_id"), ["tenant_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_inspection_plans_year"), ["year"], unique=False)

    op.create_table("maintenance_records",
    sa.Column("record_id", sa.Uuid(), nullable=False),
    sa.Column("agency_id", sa.Uuid(), nullable=False),
    sa.Column("activity_type", sa.String(length=40), nullable=False),
    sa.Column("activity_date", sa.Date(), nullable=False),
    sa.Column("tenant_id", sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint("record_id", name=op.f("pk_maintenance_records"))
    )
    with op.batch_alter_table("maintenance_records", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_maintenance_records_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_maintenance_records_tenant_id"), ["tenant_id"], unique=False)

    op.create_table("recommendations",
    sa.Column("recommendation_id", sa.Uuid(), nullable=False),
    sa.Column("agency_id", sa.Uuid(), nullable=False),
    sa.Column("deadline", sa.Date(), nullable=False),
    sa.Column("issued_on", sa.Date(), nullable=False),
    sa.Column("closures", sa.JSON(), nullable=False),
    sa.Column("tenant_id", sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint("recommendation_id", name=op.f("pk_recommendations"))
    )
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_recommendations_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_recommendations_tenant_id"), ["tenant_id"], unique=False)



def downgrade() -> None:
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recommendations_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_recommendations_agency_id"))

    op.drop_table("recommendations")
    with op.batch_alter_table("maintenance_records", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_maintenance_records_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_maintenance_records_agency_id"))

    op.drop_table("maintenance_records")
    with op.batch_alter_table("inspection_plans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inspection_plans_year"))
        batch_op.drop_index(batch_op.f("ix_inspection_plans_tenant_id"))

    op.drop_table("inspection_plans")
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificates_tenant_id"))
        batch_op.drop_index(batch_op.f("ix_certificates_officer_id"))
        batch_op.drop_index(batch_op.f("ix_certificates_agency_id"))

    op.drop_table("certificates")
