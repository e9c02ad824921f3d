"""The workbook on its own: no database, no Flask."""

from __future__ import annotations

import io
from types import SimpleNamespace

from openpyxl import load_workbook

from budget.documents import xlsx
from budget.model.reports import Grouping, build


def line(**fields) -> SimpleNamespace:
    defaults = {"tenant_id": "an-giang", "agency_id": None, "agency_name": None, "category": "DAO_TAO",
                "funding_source": "NS_TINH", "estimate": 0, "approved": None, "disbursed": 0, "settled": 0,
                "cap_check": "KHONG_XAC_DINH"}
    return SimpleNamespace(**{**defaults, **fields})


def test_an_empty_year_still_has_every_sheet_and_a_zero_total():
    book = load_workbook(io.BytesIO(xlsx.workbook("an-giang", 2025, [build([], 2025, by) for by in Grouping], [])))

    assert book.sheetnames == ["Theo cơ quan", "Theo nội dung chi", "Theo nguồn kinh phí", "Vượt định mức"]
    total = [c.value for c in book["Theo nội dung chi"][5]]
    assert total[1:7] == ["Tổng cộng", 0, 0, 0, 0, 0]


def test_the_category_sheet_uses_vietnamese_labels_in_the_official_order_and_sums_integers():
    rows = [line(estimate=10, approved=8, disbursed=5), line(estimate=7, category="KIEM_TRA", settled=0)]

    book = load_workbook(io.BytesIO(xlsx.workbook("an-giang", 2025, [build(rows, 2025, "category")], [])))

    sheet = book["Theo nội dung chi"]
    assert [(r[1], r[3]) for r in sheet.iter_rows(min_row=5, max_row=6, values_only=True)] == [
        ("Đào tạo, tập huấn", 10), ("Kiểm tra", 7)]
    assert [c.value for c in sheet[7]][1:6] == ["Tổng cộng", 2, 17, 8, 5]


def test_the_file_is_named_after_the_fiscal_year():
    assert xlsx.filename(2025) == "ke-hoach-thuc-hien-kinh-phi-2025.xlsx"
