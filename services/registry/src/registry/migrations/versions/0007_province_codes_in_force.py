"""the 30 province codes in force under QĐ 19/2025/QĐ-TTg that 0002 did not seed (DOMAIN.md 4.3, codes [C2]), so
that a new province's `official_code` is checked against the whole list (docs/adr/0014-administrative-codes.md)

Revision ID: 0007
Revises: 0006
"""

import uuid
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

CITIES = {"01": "Thành phố Hà Nội", "31": "Thành phố Hải Phòng", "46": "Thành phố Huế", "48": "Thành phố Đà Nẵng",
          "92": "Thành phố Cần Thơ"}
PROVINCES = {"04": "Cao Bằng", "08": "Tuyên Quang", "11": "Điện Biên", "12": "Lai Châu", "14": "Sơn La",
             "15": "Lào Cai", "19": "Thái Nguyên", "20": "Lạng Sơn", "22": "Quảng Ninh", "24": "Bắc Ninh",
             "25": "Phú Thọ", "37": "Ninh Bình", "38": "Thanh Hóa", "40": "Nghệ An", "42": "Hà Tĩnh",
             "44": "Quảng Trị", "51": "Quảng Ngãi", "52": "Gia Lai", "56": "Khánh Hòa", "66": "Đắk Lắk",
             "75": "Đồng Nai", "80": "Tây Ninh", "82": "Đồng Tháp", "86": "Vĩnh Long", "96": "Cà Mau"}


def _rows() -> list[dict]:
    units = [(code, name, "THANH_PHO_TW") for code, name in CITIES.items()]
    units += [(code, f"Tỉnh {name}", "TINH") for code, name in PROVINCES.items()]
    return [{"id": uuid.uuid4(), "scheme": "QD19_2025", "code": code, "level": "TINH", "unit_type": unit_type,
             "name": name, "parent_code": None, "valid_from": date(2025, 7, 1), "valid_to": None, "tenant_id": None,
             "legal_basis_code": "QD19-2025"} for code, name, unit_type in units]


def upgrade() -> None:
    typed = {"id": sa.Uuid(), "valid_from": sa.Date(), "valid_to": sa.Date()}  # SQLite (embedded) binds these
    units = sa.table("administrative_units", *(sa.column(c, typed.get(c, sa.String())) for c in (
        "id", "scheme", "code", "level", "unit_type", "name", "parent_code", "valid_from", "valid_to", "tenant_id",
        "legal_basis_code")))
    op.bulk_insert(units, _rows())


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM administrative_units WHERE scheme = 'QD19_2025' AND level = 'TINH' "
                       "AND code IN :codes").bindparams(
        sa.bindparam("codes", [*CITIES, *PROVINCES], expanding=True)))
