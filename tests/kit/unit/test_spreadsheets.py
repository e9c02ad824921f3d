"""Cells of user text written safely (kit.spreadsheets): never a formula, the text kept exactly."""

import io

import pytest
from openpyxl import Workbook, load_workbook

from kit import spreadsheets

RISKY = ['=HYPERLINK("http://example.com","Bấm")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _reopened(*rows):
    book = Workbook()
    for row in rows:
        spreadsheets.append(book.active, row)
    return load_workbook(io.BytesIO(spreadsheets.save(book))).active


@pytest.mark.parametrize("text", RISKY)
def test_text_that_a_spreadsheet_could_run_is_a_quote_prefixed_string_with_its_text_unchanged(text):
    cell = _reopened(["Họ tên", text])["B1"]

    assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", text, True)


def test_ordinary_text_and_numbers_are_left_as_they_are():
    sheet = _reopened(["Nguyễn Văn A", 1_000_000, -5])

    assert [c.value for c in sheet[1]] == ["Nguyễn Văn A", 1_000_000, -5]
    assert not sheet["A1"].quotePrefix and sheet["B1"].data_type == "n"


def test_control_characters_a_workbook_cannot_hold_are_dropped_instead_of_failing_the_download():
    assert _reopened(["Sở\x00 Tư\x1f pháp"])["A1"].value == "Sở Tư pháp"


def test_saving_neutralises_a_formula_written_past_append():
    book = Workbook()
    book.active["A1"] = "=1+1"

    cell = load_workbook(io.BytesIO(spreadsheets.save(book))).active["A1"]

    assert (cell.data_type, cell.value) == ("s", "=1+1")


def test_put_writes_one_cell_safely():
    book = Workbook()
    spreadsheets.put(book.active, 2, 3, "=1+1")

    assert book.active.cell(2, 3).data_type == "s"
