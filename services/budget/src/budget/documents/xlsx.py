"""The plan-against-actual workbook in a Vietnamese layout: one sheet per grouping and one for the amounts
recorded over the cap. No database, no Flask; openpyxl is imported by the functions that use it, so the API
loads it only when a workbook is asked for. docs/budget-xlsx.md shows the layout."""

from __future__ import annotations

from collections.abc import Mapping

from budget.model.reports import Grouping, Report
from kit import spreadsheets

MONEY_FORMAT = '#,##0'
SHEETS = {Grouping.AGENCY: ("Theo cơ quan", "Cơ quan / chương trình"),
          Grouping.CATEGORY: ("Theo nội dung chi", "Nội dung chi"),
          Grouping.SOURCE: ("Theo nguồn kinh phí", "Nguồn kinh phí")}
HEADERS = ("STT", None, "Số dòng dự toán", "Dự toán", "Được giao", "Đã chi", "Đã quyết toán", "Số dòng vượt định mức")
OVERRIDE_HEADERS = ("STT", "Dự toán", "Cơ quan", "Nội dung chi", "Hành động", "Số tiền", "Định mức",
                    "Lý do", "Văn bản cho phép", "Người ghi nhận", "Thời điểm")
MIME_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(fiscal_year: int) -> str:
    return f"ke-hoach-thuc-hien-kinh-phi-{fiscal_year}.xlsx"


def workbook(province: str, fiscal_year: int, reports: list[Report], overrides: list,
             inherited: Mapping[str, str] | None = None) -> bytes:
    """The reports, one sheet each, then the (override, line) pairs recorded over the cap. `inherited`: {province:
    name} of the predecessors whose lines the reports hold (their rows say so in their labels)."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for report in reports:
        _report_sheet(book, province, report)
    _override_sheet(book, fiscal_year, overrides, inherited or {})
    return spreadsheets.save(book)


def _title(sheet, text: str, fiscal_year: int, width: int) -> None:
    from openpyxl.styles import Font

    spreadsheets.append(sheet, [text.upper()])
    sheet.append([f"Năm ngân sách {fiscal_year} — Thông tư 116/2015/TT-BTC — Đơn vị tính: đồng"])
    sheet.append([])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)


def _report_sheet(book, province: str, report: Report) -> None:
    from openpyxl.styles import Font

    name, group_header = SHEETS[report.by]
    sheet = book.create_sheet(name)
    _title(sheet, f"Kế hoạch và thực hiện kinh phí HTQLCL — {province}", report.fiscal_year, len(HEADERS))
    sheet.append([group_header if h is None else h for h in HEADERS])
    for number, row in enumerate(report.rows, 1):
        spreadsheets.append(sheet, [number, row.label, row.lines, row.estimate, row.approved, row.disbursed,
                                    row.settled, row.over_cap])
    total = report.total
    sheet.append([None, "Tổng cộng", total.lines, total.estimate, total.approved, total.disbursed, total.settled,
                  total.over_cap])
    _style(sheet, header_row=4, money_columns=(4, 5, 6, 7), widths=(6, 48, 14, 18, 18, 18, 18, 14))
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)


def _override_sheet(book, fiscal_year: int, overrides: list, inherited: Mapping[str, str]) -> None:
    sheet = book.create_sheet("Vượt định mức")
    _title(sheet, "Các khoản vượt định mức đã ghi nhận", fiscal_year, len(OVERRIDE_HEADERS))
    sheet.append(list(OVERRIDE_HEADERS))
    for number, (override, line) in enumerate(overrides, 1):
        spreadsheets.append(sheet, [number, line.title, _owner(line, inherited), line.category, override.action,
                                    override.amount, override.cap_amount, override.reason, override.document,
                                    override.recorded_by, override.created_at.strftime("%d/%m/%Y %H:%M")])
    _style(sheet, header_row=4, money_columns=(6, 7), widths=(6, 36, 30, 28, 12, 18, 18, 40, 28, 18, 18))


def _owner(line, inherited: Mapping[str, str]) -> str:
    owner = line.agency_name or "Chương trình của tỉnh"
    name = inherited.get(line.tenant_id)
    return f"{owner} (kế thừa từ {name})" if name else owner


def _style(sheet, *, header_row: int, money_columns: tuple[int, ...], widths: tuple[int, ...]) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for column in money_columns:
        for (cell,) in sheet.iter_rows(min_row=header_row + 1, min_col=column, max_col=column):
            cell.number_format = MONEY_FORMAT
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
