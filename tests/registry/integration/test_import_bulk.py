"""The bulk import writes exactly what the row-by-row path writes (issue 22): one workbook imported both ways, into
two provinces of a real PostgreSQL, gives the same agencies, outbox rows and audit rows, once the values that
differ by nature are set aside: the generated ids (agency and event ids, named here by the agency's name), the
province, the times (`time`, `registered_at`, `created_at`, `updated_at`, `at`) and the sequence numbers."""

from __future__ import annotations

import io
import uuid

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from kit.audit import AuditEntry
from registry.documents import xlsx
from registry.orm import Agency
from registry.services import spreadsheets, tenants
from tests.registry.integration.test_spreadsheets import AN_GIANG, sheet
from tests.support.service import outbox

HEADER = ["Tên cơ quan", "Loại cơ quan", "Cấp hành chính", "Cơ quan cấp trên", "Mã ĐVHC", "Hiệu lực từ",
          "Số TTHC", "Mức độ bắt buộc (ghi đè)", "Số QĐ/KH của tỉnh", "Ngày QĐ/KH"]
BY_NATURE = {"id", "time", "registered_at", "created_at", "updated_at", "at", "seq", "event_id", "tenant",
             "tenant_id", "ce_id", "ce_time", "ce_tenant"}


def workbook() -> bytes:
    """Parents after their children, an existing parent, overrides, unit codes in and out of force, rows that
    fail only when added (an unknown unit code, and the child of that row), and one refused before (a repeat)."""
    rows = [
        ["Chi cục Thủy sản", "CHI_CUC", "Tỉnh", "Sở Nông nghiệp và Môi trường", None, "01/07/2025", 3],
        ["Sở Nông nghiệp và Môi trường", "SO", "Tỉnh", "UBND tỉnh", None, "01/07/2025", 120],
        ["Ban quản lý Khu kinh tế", "BAN_QL", "Tỉnh", "UBND tỉnh", None, None, None, "BAT_BUOC", "12/KH-UBND",
         "15/03/2025"],
        ["UBND xã Không Có", "UBND_XA", "Xã", None, "99999", "01/07/2025", 2],
        ["Trạm Khuyến nông", "CHI_CUC", "Xã", "UBND xã Không Có", None, "01/07/2025", 1],
        *([f"UBND xã Số {n}", "UBND_XA", "Xã", None, AN_GIANG[n % 5], "01/07/2025", n % 50] for n in range(40)),
        ["Sở Nông nghiệp và Môi trường", "SO"],  # repeated: refused before anything is added
    ]
    return sheet(*rows, header=HEADER)


def province_with_its_head(runtime) -> str:
    slug = "bulk-" + uuid.uuid4().hex[:8]
    tenants.create_tenant(runtime.uow(slug), name="Tỉnh thử")
    spreadsheets.import_agencies(runtime.uow(slug), xlsx.read_rows(_one(["UBND tỉnh", "UBND_TINH"])))
    return slug


def _one(row: list) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Tên cơ quan", "Loại cơ quan"])
    sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def written(runtime, tenant: str, since: int) -> tuple[list, list, list]:
    """The province's agencies, outbox rows and audit rows after outbox sequence `since`, ids named by agency."""
    with runtime.session_factory() as session:
        agencies = list(session.scalars(select(Agency).where(Agency.tenant_id == tenant).order_by(Agency.name),
                                        execution_options={"cross_tenant": True}))
        audit = list(session.scalars(select(AuditEntry).where(AuditEntry.tenant_id == tenant,
                                                              AuditEntry.entity == "agencies")
                                     .order_by(AuditEntry.seq), execution_options={"cross_tenant": True}))
    names = {str(agency.id): f"<{agency.name}>" for agency in agencies}
    events = [row for row in outbox(runtime, tenant) if row.seq > since]
    columns = [{c.key: getattr(a, c.key) for c in Agency.__table__.columns} | {"obligation": a.obligation}
               for a in agencies]
    return (normalised(columns, names), normalised([vars_of(row) for row in events], names),
            normalised([vars_of(row) for row in audit][1:], names))  # [1:]: the head agency, imported first


def vars_of(row) -> dict:
    return {name: value for name, value in vars(row).items() if not name.startswith("_")}


def normalised(value, names: dict):
    if isinstance(value, dict):
        return {k: "<by nature>" if k in BY_NATURE else normalised(v, names) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalised(item, names) for item in value]
    text = str(value) if isinstance(value, uuid.UUID) else value
    return names.get(text, value) if isinstance(text, str) else value


@pytest.mark.parametrize("partial", [True, False])
def test_the_bulk_import_writes_the_agencies_events_and_audit_rows_of_the_row_by_row_path(runtime, partial):
    row_by_row, bulk = province_with_its_head(runtime), province_with_its_head(runtime)
    since = {tenant: max(row.seq for row in outbox(runtime, tenant)) for tenant in (row_by_row, bulk)}
    rows = xlsx.read_rows(workbook())[:None if partial else -1]  # all or nothing: only the rows added fail

    reference = spreadsheets.import_agencies(runtime.uow(row_by_row), rows, partial=partial, row_by_row=True)
    result = spreadsheets.import_agencies(runtime.uow(bulk), rows, partial=partial)

    assert result == reference
    assert [(e.row, e.code) for e in result.errors] == [
        (5, "unknown_unit_code"), (6, "parent_not_in_province"), *([(47, "name_repeated")] if partial else [])]
    assert result.imported == (43 if partial else 0)
    expected, actual = written(runtime, row_by_row, since[row_by_row]), written(runtime, bulk, since[bulk])
    for reference_rows, bulk_rows in zip(expected, actual, strict=True):
        assert len(bulk_rows) == len(reference_rows) == (44 if partial else 1) - (reference_rows is not expected[0])
        assert bulk_rows == reference_rows
