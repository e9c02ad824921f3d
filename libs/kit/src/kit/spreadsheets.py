"""Cells every spreadsheet the platform writes goes through, so that text typed by a user is never run as a formula.

An officer can type `=HYPERLINK("http://evil", "Bấm vào đây")` as a full name; the training sheet or the budget
workbook then carried it as a live formula to whoever opened the export (CSV/formula injection, OWASP). openpyxl
turns any str starting with `=` into a formula cell; Excel and LibreOffice also run text starting with `+ - @` or a
tab or CR once someone edits the cell.

Of the two OWASP remedies we take the one that keeps the text exact: the cell's data type is set to string and the
cell carries Excel's `quotePrefix` style ("the text shown is the text typed", the flag a leading `'` sets when typed
in Excel). Prefixing the text itself with a `'` would also be safe, but it changes the value: the registry's export is
meant to be imported back, and a name `'=ABC` would come back with the quote. A string cell is never evaluated on
opening, and the quote prefix keeps it text when someone edits it.

Control characters other than tab, CR and LF are dropped: openpyxl refuses them (an error, so a 500 for the
download), and no sheet needs them. openpyxl is imported only by `append`, which makes cells: the other functions
take its sheet and cells.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable

RISKY_FIRST = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")  # openpyxl's ILLEGAL_CHARACTERS_RE


def clean(value: object) -> object:
    """The value as it can be stored: text without the control characters a workbook cannot hold."""
    return _ILLEGAL.sub("", value) if isinstance(value, str) else value


def risky(value: object) -> bool:
    """Whether a spreadsheet program could read this text as a formula."""
    return isinstance(value, str) and value.startswith(RISKY_FIRST)


def neutralise(cell) -> None:
    """Make one openpyxl cell holding text a plain, quote-prefixed string cell when its text could be a formula."""
    if cell.data_type == "f" or risky(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def append(sheet, values: Iterable) -> list:
    """`sheet.append(values)`, every text cell cleaned and made safe; the row's cells, for styling. Write rows of
    user text only through this."""
    from openpyxl.cell import WriteOnlyCell

    # The cells are made before they join the sheet: finding them afterwards as `sheet[sheet.max_row]` costs a
    # scan of every cell of the sheet (openpyxl computes max_row), which made a 10,000-row export quadratic.
    cells = [WriteOnlyCell(sheet, clean(value)) for value in values]
    for cell in cells:
        neutralise(cell)
    sheet.append(cells)
    return cells


def put(sheet, row: int, column: int, value: object):
    """`sheet.cell(row, column, value)`, made safe like `append`; the cell, for styling."""
    cell = sheet.cell(row=row, column=column, value=clean(value))
    neutralise(cell)
    return cell


def save(book) -> bytes:
    """The workbook's .xlsx bytes, after `guard`: how every writer ends."""
    guard(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def guard(book) -> None:
    """Neutralise every cell of every sheet of a workbook, just before it is saved: the net under `append`."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                neutralise(cell)
