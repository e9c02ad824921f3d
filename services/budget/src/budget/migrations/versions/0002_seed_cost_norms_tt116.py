"""seed the cost norms of Thông tư 116/2015/TT-BTC

Revision ID: 0002
Revises: 0001
"""

import json
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import op

DATA = Path(__file__).resolve().parent.parent / "data" / "cost_norms_tt116.json"
NORM_COLUMNS = ("code", "item", "agency_level", "has_framework_model", "unit", "value", "min_value", "max_value",
                "percent", "reference_item", "reference_level", "effective_from", "verification",
                "legal_basis_code", "note")

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def table(name: str, *columns: str) -> sa.Table:
    return sa.table(name, *(sa.column(column) for column in columns))


def upgrade() -> None:
    """Confirmed values of DOMAIN.md section 3, and empty rows (value null, NOT_FOUND) for an admin to fill."""
    data = json.loads(DATA.read_text())
    op.bulk_insert(table("legal_bases", "code", "document", "article", "clause", "summary", "verification"),
                   data["legal_bases"])
    op.bulk_insert(table("agency_level_rules", "agency_type", "agency_level", "legal_basis_code", "verification"),
                   data["agency_level_rules"])
    norms = sa.Table("cost_norms", sa.MetaData(), sa.Column("id", sa.Uuid()), sa.Column("version", sa.Integer()),
                     sa.Column("effective_from", sa.Date()), sa.Column("recorded_at", sa.DateTime(timezone=True)),
                     *(sa.Column(c) for c in NORM_COLUMNS if c != "effective_from"))
    op.bulk_insert(norms, [_norm(row) for row in data["cost_norms"]])


def _norm(row: dict) -> dict:
    values = {column: row.get(column) for column in NORM_COLUMNS}
    values.update(id=uuid.uuid4(), version=1, effective_from=date.fromisoformat(row["effective_from"]),
                  recorded_at=datetime.now(UTC))
    return values


def downgrade() -> None:
    op.execute("DELETE FROM cost_norms")
    op.execute("DELETE FROM agency_level_rules")
    op.execute("DELETE FROM legal_bases")
