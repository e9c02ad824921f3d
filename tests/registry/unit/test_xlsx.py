"""documents/xlsx.py, without a database: headers, cells, dates, and a write -> read round trip."""

import io
import unicodedata
import zipfile
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from kit.messages import render
from registry.documents import xlsx
from registry.documents.xlsx import CellError
from registry.messages import MESSAGES, say

HEADER = ["Tên cơ quan", "Loại cơ quan"]


def workbook(*rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def values(*rows, header=HEADER) -> list[dict]:
    return [row.values for row in xlsx.read_rows(workbook(header, *rows))]


class TestHeaders:
    def test_headers_match_whatever_the_case_spacing_and_unicode_form(self):
        header = [unicodedata.normalize("NFD", " tên  CƠ QUAN "), "loại cơ quan"]

        assert values(["Sở Tư pháp", "SO"], header=header) == [{"name": "Sở Tư pháp", "agency_type": "SO"}]

    def test_optional_columns_may_be_left_out_and_come_in_any_order(self):
        header = ["Loại cơ quan", "Website", "Tên cơ quan"]

        assert values(["SO", "https://stp.gov.vn", "Sở Tư pháp"], header=header) == [
            {"agency_type": "SO", "website_url": "https://stp.gov.vn", "name": "Sở Tư pháp"}]

    def test_an_unknown_column_is_refused_by_name(self):
        with pytest.raises(xlsx.LayoutInvalid) as refused:
            xlsx.read_rows(workbook([*HEADER, "Ghi chú"]))

        assert [(e.row, e.column) for e in refused.value.errors] == [(1, "Ghi chú")]

    def test_a_missing_required_column_is_named(self):
        with pytest.raises(xlsx.LayoutInvalid) as refused:
            xlsx.read_rows(workbook(["Tên cơ quan", "Website"]))

        assert refused.value.errors == [CellError(1, "Loại cơ quan", "required_column_missing")]
        assert say("required_column_missing") == "thiếu cột bắt buộc / required column missing"

    def test_a_column_given_twice_is_refused(self):
        with pytest.raises(xlsx.LayoutInvalid) as refused:
            xlsx.read_rows(workbook([*HEADER, "Tên cơ quan"]))

        assert [e.column for e in refused.value.errors] == ["Tên cơ quan"]

    def test_an_empty_sheet_lacks_the_required_columns(self):
        with pytest.raises(xlsx.LayoutInvalid) as refused:
            xlsx.read_rows(workbook())

        assert {e.column for e in refused.value.errors} == {"Tên cơ quan", "Loại cơ quan"}

    def test_bytes_that_are_not_a_workbook_are_refused_without_the_librarys_words(self):
        with pytest.raises(xlsx.NotAWorkbook) as refused:
            xlsx.read_rows(b"name,type\nSo Tu phap,SO\n")

        said = render(refused.value, MESSAGES)
        assert "không phải bảng tính Excel" in said and "zip file" not in said.lower().replace("zip archive", "")

    def test_a_damaged_workbook_is_refused_without_the_librarys_words(self):
        damaged = io.BytesIO()
        with zipfile.ZipFile(damaged, "w") as archive:
            archive.writestr("[Content_Types].xml", "<not-xml")

        with pytest.raises(xlsx.NotAWorkbook) as refused:
            xlsx.read_rows(damaged.getvalue())

        said = render(refused.value, MESSAGES)
        assert "bị hỏng" in said and "Types" not in said and "xml" not in said.lower()

    def test_a_workbook_that_unpacks_too_large_is_refused(self, monkeypatch):
        monkeypatch.setattr(xlsx, "MAX_UNPACKED_BYTES", 1000)

        with pytest.raises(xlsx.NotAWorkbook) as refused:
            xlsx.read_rows(workbook(HEADER, ["A", "SO"]))

        assert refused.value.code == "workbook_too_large" and "unpacks" in render(refused.value, MESSAGES)

    def test_too_many_rows_are_refused(self, monkeypatch):
        monkeypatch.setattr(xlsx, "MAX_ROWS", 2)

        with pytest.raises(xlsx.LayoutInvalid) as refused:
            xlsx.read_rows(workbook(HEADER, ["A", "SO"], ["B", "SO"], ["C", "SO"]))

        assert render(refused.value, MESSAGES) == "sheet: tối đa 2 dòng / at most 2 rows"


class TestCells:
    def test_dates_are_read_from_dd_mm_yyyy_text_and_from_real_excel_dates(self):
        header = [*HEADER, "Hiệu lực từ", "Ngày QĐ/KH"]

        rows = values(["A", "SO", "01/07/2025", datetime(2025, 6, 30)], ["B", "SO", "1/7/2025", date(2024, 12, 31)],
                      header=header)

        assert [(r["valid_from"], r["obligation_decision_date"]) for r in rows] == [
            ("2025-07-01", "2025-06-30"), ("2025-07-01", "2024-12-31")]

    @pytest.mark.parametrize("text", ["31/02/2025", "2025-07-01", "07.01.2025", "ngày mai"])
    def test_a_date_that_is_not_dd_mm_yyyy_is_a_cell_error(self, text):
        [row] = xlsx.read_rows(workbook([*HEADER, "Hiệu lực từ"], ["A", "SO", text]))

        assert "valid_from" not in row.values
        assert [(e.row, e.column, e.code) for e in row.errors] == [(2, "Hiệu lực từ", "invalid_date")]

    def test_codes_are_read_from_the_code_or_the_vietnamese_label(self):
        header = [*HEADER, "Cấp hành chính", "Mức độ bắt buộc (ghi đè)"]

        rows = values(["A", "ubnd xã", "Xã", "Bắt buộc theo kế hoạch của tỉnh"], ["B", "SO", "tinh", "bat_buoc"],
                      ["C", "Sở lạ", None, None], header=header)

        assert [(r["agency_type"], r.get("admin_level"), r.get("obligation_override")) for r in rows] == [
            ("UBND_XA", "XA", "BAT_BUOC_THEO_KH_TINH"), ("SO", "TINH", "BAT_BUOC"), ("Sở lạ", None, None)]

    def test_number_cells_keep_leading_zeros_of_unit_codes_and_become_text_or_integers(self):
        header = [*HEADER, "Mã ĐVHC", "Số TTHC", "Số QĐ/KH của tỉnh"]

        rows = values(["A", "SO", 1, 12.0, 345], ["B", "SO", 30280, 7, "12/KH-UBND"], header=header)

        assert [(r["location_unit_code"], r["tthc_count"], r["obligation_decision_no"]) for r in rows] == [
            ("01", 12, "345"), ("30280", 7, "12/KH-UBND")]

    def test_empty_cells_are_missing_and_empty_rows_skipped_but_rows_keep_their_numbers(self):
        rows = xlsx.read_rows(workbook([*HEADER, "Website"], ["A", "SO", "  "], [None, None], ["B", "SO", None]))

        assert [(r.number, r.values) for r in rows] == [
            (2, {"name": "A", "agency_type": "SO"}), (4, {"name": "B", "agency_type": "SO"})]


class TestWrite:
    AGENCY = {
        "name": "Ủy ban nhân dân xã Đông Hưng", "short_name": "UBND Đông Hưng", "agency_type": "UBND_XA",
        "admin_level": "XA", "parent_name": "Ủy ban nhân dân tỉnh An Giang", "location_unit_code": "30280",
        "ma_dinh_danh": "H01.39.12", "head_name": "Nguyễn Thị Ánh Tuyết", "website_url": "https://donghung.gov.vn",
        "tthc_count": 112, "valid_from": date(2025, 7, 1), "obligation_override": "BAT_BUOC_THEO_KH_TINH",
        "obligation_decision_no": "45/KH-UBND", "obligation_decision_date": date(2025, 3, 15),
    }

    def test_what_is_written_reads_back_the_same_with_diacritics_intact(self):
        [row] = xlsx.read_rows(xlsx.write_workbook([self.AGENCY]))

        expected = self.AGENCY | {"valid_from": "2025-07-01", "obligation_decision_date": "2025-03-15"}
        assert (row.number, row.values, row.errors) == (2, expected, [])

    def test_missing_values_stay_empty(self):
        [row] = xlsx.read_rows(xlsx.write_workbook([{"name": "Sở Y tế", "agency_type": "SO", "website_url": None}]))

        assert row.values == {"name": "Sở Y tế", "agency_type": "SO"}

    def test_the_header_is_bold_and_frozen_dates_are_dd_mm_yyyy_and_columns_have_widths(self):
        sheet = load_workbook(io.BytesIO(xlsx.write_workbook([self.AGENCY]))).worksheets[0]

        assert [c.value for c in sheet[1]] == [column.header for column in xlsx.COLUMNS]
        assert all(c.font.bold for c in sheet[1]) and sheet.freeze_panes == "A2"
        assert sheet.column_dimensions["A"].width == 45
        assert sheet.cell(2, 11).value == datetime(2025, 7, 1) and sheet.cell(2, 11).number_format == "DD/MM/YYYY"

    def test_the_workbook_lists_the_codes_and_their_labels(self):
        codes = load_workbook(io.BytesIO(xlsx.write_workbook([])))["Danh mục"]

        assert ("Loại cơ quan", "UBND_XA", "UBND xã") in list(codes.iter_rows(values_only=True))

    def test_text_that_looks_like_a_formula_is_written_as_text(self):
        name = '=HYPERLINK("http://example.com","Sở")'
        data = xlsx.write_workbook([{"name": name, "agency_type": "SO"}])

        cell = load_workbook(io.BytesIO(data)).worksheets[0]["A2"]
        assert (cell.data_type, cell.value) == ("s", name)
        assert xlsx.read_rows(data)[0].values["name"] == name
