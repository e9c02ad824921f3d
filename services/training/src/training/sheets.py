"""Printable lists of a class, as XLSX or PDF: the attendance sheet and the certificate list (Vietnamese headings)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
ROLE_NAMES = {"THU_KY_ISO": "Thư ký ISO", "DAI_DIEN_LANH_DAO": "Đại diện lãnh đạo", "LANH_DAO": "Lãnh đạo",
              "CHUYEN_GIA_DANH_GIA_NOI_BO": "Chuyên gia đánh giá nội bộ", "CAN_BO": "Cán bộ"}


@dataclass(frozen=True)
class Table:
    sheet_name: str
    title: str
    heads: list
    rows: list
    note: str | None = None
    widths_mm: tuple = ()


def render(table: Table, fmt: str) -> tuple[bytes, str]:
    """(body, media type) of the table as `xlsx` or `pdf`."""
    if fmt == "pdf":
        from training import pdf

        return pdf.render(table), pdf.PDF
    return _book(table), XLSX


def attendance_sheet(training_class, participants, marks: dict, agency_names: dict) -> Table:
    sessions = training_class.sessions
    heads = ["STT", "Họ và tên", "Chức vụ", "Cơ quan", "Vai trò trong HTQLCL"]
    heads += [_session_label(s) for s in sessions] + ["Số buổi có mặt", "Hoàn thành"]
    rows = []
    for number, r in enumerate(participants, 1):
        present = [marks.get((r.id, s.id)) for s in sessions]
        rows.append([number, r.full_name, r.position or "", agency_names.get(r.agency_id) or str(r.agency_id),
                     ROLE_NAMES.get(r.qms_role, r.qms_role), *["x" if p else ("v" if p is False else "")
                                                                for p in present],
                     sum(1 for p in present if p), {True: "Đạt", False: "Chưa đạt"}.get(r.completed, "")])
    return Table("Điểm danh", f"DANH SÁCH ĐIỂM DANH: {training_class.title}", heads, rows,
                 note="x: có mặt; v: vắng", widths_mm=(10, 45, 32, 50, 28))


def certificate_list(training_class, pairs, agency_names: dict) -> Table:
    heads = ["STT", "Số chứng nhận", "Họ và tên", "Chức vụ", "Cơ quan", "Ngày cấp"]
    rows = [[n, c.number, r.full_name, r.position or "", agency_names.get(r.agency_id) or str(r.agency_id),
             c.issued_at.astimezone(LOCAL).strftime("%d/%m/%Y")] for n, (c, r) in enumerate(pairs, 1)]
    return Table("Chứng nhận", f"DANH SÁCH CẤP CHỨNG NHẬN: {training_class.title}", heads, rows,
                 widths_mm=(10, 40, 50, 40, 80, 25))


def _session_label(session) -> str:
    start = session.starts_at.astimezone(LOCAL)
    return f"{start:%d/%m/%Y} {'Sáng' if start.hour < 12 else 'Chiều'}"


def _book(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = table.sheet_name
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(table.heads)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for row in table.rows:
        sheet.append(row)
    if table.note:
        sheet.append([])
        sheet.append([table.note])
    for index, width in enumerate([6, 28, 24, 36, 22], 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
