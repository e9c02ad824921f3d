"""Vietnam's administrative divisions before and after 1/7/2025 from the packages `vietnam-provinces` and
`vietnamadminunits` (issue 19, docs/adr/0015-divisions-from-packages.md)

Adds `reference_sources` (each package's name, version, row count and load time), `source` on the units and the
successions (the package a row came from; the rows 0002 and 0007 typed keep None), `is_default` on the successions
(the one successor an old code converts to), and loads through `registry.reference.divisions`: the 3,321 communes
in force, the 53 old provinces, 696 districts and 10,035 communes before 1/7/2025 that 0002 did not type, and their
successions. A unit or succession already on record (the provinces of 0002 and 0007) is not loaded twice.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import logging
import uuid

import sqlalchemy as sa
from alembic import op

from kit.db import UtcDateTime, utcnow
from registry.reference import divisions

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

LOG = logging.getLogger("alembic.runtime.migration")
BASIS = {"code": divisions.BASIS_COMMUNES, "document": "Các nghị quyết của UBTVQH15 năm 2025 sắp xếp ĐVHC cấp xã",
         "article": None, "clause": None, "verification": "UNVERIFIED",
         "summary": "Sắp xếp đơn vị hành chính cấp xã của từng tỉnh từ 1/7/2025, cấp huyện kết thúc; bảng chuyển "
                    "đổi lấy từ gói vietnamadminunits, chưa đối chiếu từng nghị quyết"}
UNIT_COLUMNS = ("id", "scheme", "code", "level", "unit_type", "name", "parent_code", "valid_from", "valid_to",
                "tenant_id", "legal_basis_code", "source")
SUCCESSION_COLUMNS = ("id", "from_scheme", "from_code", "to_scheme", "to_code", "event_type", "effective_date",
                      "legal_basis_code", "is_default", "source")
TYPES = {"id": sa.Uuid(), "valid_from": sa.Date(), "valid_to": sa.Date(), "effective_date": sa.Date(),
         "is_default": sa.Boolean(), "loaded_at": UtcDateTime(), "row_count": sa.Integer()}


def upgrade() -> None:
    sources = op.create_table(
        "reference_sources",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("provides", sa.String(length=300), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("loaded_at", UtcDateTime(), nullable=False),
        sa.Column("notes", sa.String(length=500), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_reference_sources")),
    )
    with op.batch_alter_table("administrative_units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=40), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_administrative_units_source_reference_sources"),
                                    "reference_sources", ["source"], ["name"])
        batch_op.create_index(batch_op.f("ix_administrative_units_parent_code"), ["parent_code"], unique=False)
    with op.batch_alter_table("unit_successions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("is_default", sa.Boolean(), server_default=sa.true(), nullable=False))
        batch_op.add_column(sa.Column("source", sa.String(length=40), nullable=True))
        batch_op.create_foreign_key(batch_op.f("fk_unit_successions_source_reference_sources"),
                                    "reference_sources", ["source"], ["name"])
        batch_op.create_index(batch_op.f("ix_unit_successions_from_code"), ["from_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_unit_successions_to_code"), ["to_code"], unique=False)
    op.bulk_insert(_table("legal_bases", ("code", "document", "article", "clause", "summary", "verification")),
                   [BASIS])
    load(op.get_bind(), sources)


def load(connection: sa.Connection, sources: sa.Table) -> None:
    """Insert what the packages give and the reference does not hold yet, then record each package's share."""
    loaded = divisions.load()
    units = _new(connection, loaded.units, "administrative_units", ("scheme", "code"))
    successions = _new(connection, loaded.successions, "unit_successions",
                       ("from_scheme", "from_code", "to_scheme", "to_code"))
    rows = [*units, *successions]
    op.bulk_insert(sources, [source | {"row_count": sum(row["source"] == source["name"] for row in rows),
                                       "loaded_at": utcnow()} for source in loaded.sources])
    op.bulk_insert(_table("administrative_units", UNIT_COLUMNS), [row | {"id": uuid.uuid4()} for row in units])
    op.bulk_insert(_table("unit_successions", SUCCESSION_COLUMNS),
                   [row | {"id": uuid.uuid4()} for row in successions])
    LOG.info("administrative divisions: %d units, %d successions; %d commune codes of %s differ from %s",
             len(units), len(successions), len(loaded.mismatches), "vietnamadminunits", "vietnam-provinces")


def _new(connection: sa.Connection, rows: list[dict], table: str, key: tuple[str, ...]) -> list[dict]:
    held = set(connection.execute(sa.select(*(sa.column(name) for name in key)).select_from(sa.table(table))))
    return [row for row in rows if tuple(row[name] for name in key) not in held]


def _table(name: str, columns: tuple[str, ...]) -> sa.TableClause:
    return sa.table(name, *(sa.column(column, TYPES.get(column, sa.String())) for column in columns))


def downgrade() -> None:
    op.execute("DELETE FROM unit_successions WHERE source IS NOT NULL")
    op.execute("DELETE FROM administrative_units WHERE source IS NOT NULL")
    with op.batch_alter_table("unit_successions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_successions_to_code"))
        batch_op.drop_index(batch_op.f("ix_unit_successions_from_code"))
        batch_op.drop_constraint(batch_op.f("fk_unit_successions_source_reference_sources"), type_="foreignkey")
        batch_op.drop_column("source")
        batch_op.drop_column("is_default")
    with op.batch_alter_table("administrative_units", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_administrative_units_parent_code"))
        batch_op.drop_constraint(batch_op.f("fk_administrative_units_source_reference_sources"), type_="foreignkey")
        batch_op.drop_column("source")
    op.drop_table("reference_sources")
    op.execute(sa.text("DELETE FROM legal_bases WHERE code = :code").bindparams(code=divisions.BASIS_COMMUNES))
