"""A periodic report as an XLSX workbook: the figures, then the counts by agency type and by administrative level."""

from __future__ import annotations

from kit import spreadsheets
from reporting.documents.lines import LINES, TYPE_HEADERS, title


def report_xlsx(report, province: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    spreadsheets.append(sheet, [f"{title(report)} – {province}"])
    sheet.append([f"Kỳ báo cáo: {report.period_start:%d/%m/%Y} – {report.cutoff:%d/%m/%Y}"])
    sheet.append(["Chỉ tiêu", "Giá trị"])
    for label, value in LINES:
        sheet.append([label, value(report.figures)])
    grouped = []
    for group_title, first, key in (("Theo loại cơ quan", "Loại cơ quan", "by_agency_type"),
                                    ("Theo cấp hành chính", "Cấp hành chính", "by_admin_level")):
        group = book.create_sheet(group_title)
        group.append([first, *TYPE_HEADERS[1:]])
        for kind, counts in report.figures.get(key, {}).items():
            spreadsheets.append(group, [kind, counts["total"], counts["obliged"], counts["applying"],
                                        counts["announced"], counts["on_2015"]])
        grouped.append(group[1])
    for row in (sheet[1], sheet[3], *grouped):
        for cell in row:
            cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 48
    return spreadsheets.save(book)
