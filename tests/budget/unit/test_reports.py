"""Plan-against-actual figures from lines, without a database: rows, their order and the totals."""

from __future__ import annotations

import uuid
from types import SimpleNamespace

from budget.model.reports import Grouping, build


def line(**fields) -> SimpleNamespace:
    defaults = {"tenant_id": "lam-dong", "agency_id": None, "agency_name": None, "category": "DAO_TAO",
                "funding_source": "NS_TINH", "estimate": 0, "approved": None, "disbursed": 0, "settled": 0,
                "cap_check": "KHONG_XAC_DINH"}
    return SimpleNamespace(**{**defaults, **fields})


def test_agencies_are_listed_in_vietnamese_alphabetical_order_with_the_programme_last():
    rows = [line(agency_id=n, agency_name=name) for n, name in enumerate(["Sở Y tế", "Đài Phát thanh", "Ban Dân tộc"])]

    report = build([*rows, line()], 2025, "agency")

    assert [r.label for r in report.rows] == ["Ban Dân tộc", "Đài Phát thanh", "Sở Y tế",
                                              "Chương trình của tỉnh (Sở KH&CN)"]


def test_an_agency_row_adds_up_its_lines_and_counts_those_over_the_cap():
    agency = uuid.uuid4()
    lines = [line(agency_id=agency, agency_name="Cục Thuế tỉnh", estimate=70, approved=60, disbursed=40, settled=30),
             line(agency_id=agency, agency_name="Cục Thuế tỉnh", estimate=55, cap_check="VUOT_MUC")]

    [row] = build(lines, 2025, Grouping.AGENCY).rows

    assert (row.key, row.lines, row.estimate, row.approved, row.disbursed, row.settled, row.over_cap) == (
        str(agency), 2, 125, 60, 40, 30, 1)


def test_categories_and_sources_come_in_their_official_order_with_their_labels():
    lines = [line(category="KIEM_TRA", funding_source="NS_XA"), line(category="TU_VAN_MO_RONG")]

    by_category = build(lines, 2025, Grouping.CATEGORY)
    by_source = build(lines, 2025, Grouping.SOURCE)

    assert [r.key for r in by_category.rows] == ["TU_VAN_MO_RONG", "KIEM_TRA"]
    assert [r.label for r in by_source.rows] == ["Ngân sách tỉnh", "Ngân sách xã"]


def test_every_grouping_has_the_same_total():
    lines = [line(estimate=10, agency_id=uuid.uuid4(), agency_name="Sở Tư pháp"), line(estimate=7, category="KHAC")]

    totals = {by: build(lines, 2025, by).total for by in Grouping}

    assert {(t.key, t.label, t.lines, t.estimate) for t in totals.values()} == {("TOTAL", "Tổng cộng", 2, 17)}


def test_an_agency_without_a_name_is_shown_by_its_id():
    agency = uuid.uuid4()

    [row] = build([line(agency_id=agency)], 2025, Grouping.AGENCY).rows

    assert row.label == str(agency)


def test_a_predecessors_lines_are_rows_of_their_own_after_the_provinces_and_in_the_total():
    agency = uuid.uuid4()
    lines = [line(estimate=10, tenant_id="binh-thuan", agency_id=agency, agency_name="UBND xã Tân Hà"),
             line(estimate=5, tenant_id="binh-thuan"), line(estimate=7), line(estimate=3, category="KIEM_TRA")]

    by_agency = build(lines, 2025, Grouping.AGENCY, {"binh-thuan": "Tỉnh Bình Thuận"})
    by_category = build(lines, 2025, Grouping.CATEGORY, {"binh-thuan": "Tỉnh Bình Thuận"})

    assert [(r.key, r.label, r.inherited, r.estimate) for r in by_agency.rows] == [
        ("PROGRAMME", "Chương trình của tỉnh (Sở KH&CN)", False, 10),
        (f"binh-thuan/{agency}", "UBND xã Tân Hà (kế thừa từ Tỉnh Bình Thuận)", True, 10),
        ("binh-thuan/PROGRAMME", "Chương trình của tỉnh (Sở KH&CN) (kế thừa từ Tỉnh Bình Thuận)", True, 5)]
    assert [(r.key, r.province, r.estimate) for r in by_category.rows] == [
        ("DAO_TAO", None, 7), ("KIEM_TRA", None, 3), ("binh-thuan/DAO_TAO", "binh-thuan", 15)]
    for report in (by_agency, by_category):
        assert report.total.estimate == sum(r.estimate for r in report.rows) == 25
