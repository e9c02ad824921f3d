"""national indexes: the national view reads each flow once for every province (GROUP BY tenant_id), by date
alone; the indexes of 0009 lead with the province and serve one province's figures

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 12:00:00
"""

from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

# (index, table, columns, columns carried): the period's inspections by their dates, with the columns counted so
# that PostgreSQL answers from the index alone (reporting.repository.flows), re-announcements by decision date,
# recommendations by issue date and classes by their last day, across provinces.
INDEXES = (
    ("ix_inspections_scheduled_on", "inspections", ["scheduled_on"], ["tenant_id", "status"]),
    ("ix_inspections_concluded_on", "inspections", ["concluded_on"],
     ["tenant_id", "overall_result", "form", "agency_id"]),
    ("ix_announcements_decision_date", "announcements", ["decision_date"], []),
    ("ix_recommendations_issued_on", "recommendations", ["issued_on"], []),
    ("ix_training_classes_last_day", "training_classes", ["last_day"], []),
)


def upgrade() -> None:
    for name, table, columns, carried in INDEXES:
        op.create_index(name, table, columns, postgresql_include=carried)


def downgrade() -> None:
    for name, table, _columns, _carried in reversed(INDEXES):
        op.drop_index(name, table_name=table)
