"""A printable list as an XLSX workbook of one sheet."""

from __future__ import annotations

from kit import spreadsheets
from training.documents.table import Table

WIDTHS = (6, 28, 24, 36, 22)


def render(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = table.sheet_name
    spreadsheets.append(sheet, [table.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(table.heads)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, horizontal="center")
    for row in table.rows:
        spreadsheets.append(sheet, row)
    if table.note:
        sheet.append([])
        spreadsheets.append(sheet, [table.note])
    for index, width in enumerate(WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return spreadsheets.save(book)
