"""Plan against actual for a year by agency, category and source, and the same as a Vietnamese workbook."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.budget.conftest import API, add_agency, approved_line, new_line

OVERRIDE = {"reason": "Phạm vi rộng", "document": "145/QĐ-UBND ngày 03/3/2025"}


def a_year(client, officer, leader, runtime, tenant) -> str:
    """Two agency lines (one over the cap under an override) and two programme lines, one of them spent."""
    agency = add_agency(runtime, tenant, name="Cục Thuế tỉnh")
    new_line(client, officer, agency_id=agency, estimate=70_000_000)
    new_line(client, officer, agency_id=agency, category="TU_VAN_MO_RONG", estimate=55_000_000,
             funding_source="KINH_PHI_THUONG_XUYEN", cap_override=OVERRIDE)
    training = approved_line(client, officer, leader, approved=100_000_000, category="DAO_TAO",
                             estimate=120_000_000)
    client.post(f"{API}/lines/{training['id']}/disbursements", headers=officer,
                json={"amount": 45_000_000, "spent_on": "2025-05-13", "description": "Lớp thư ký ISO"})
    new_line(client, officer, category="KIEM_TRA", estimate=30_000_000, fiscal_year=2026)
    return agency


def test_the_report_by_agency_puts_the_programme_last_and_totals_the_year(client, officer, leader, runtime,
                                                                           tenant):
    agency = a_year(client, officer, leader, runtime, tenant)

    report = client.get(f"{API}/reports/plan-vs-actual?fiscal_year=2025", headers=officer).get_json()

    assert [(r["key"], r["lines"], r["estimate"], r["over_cap"]) for r in report["rows"]] == [
        (agency, 2, 125_000_000, 1), ("PROGRAMME", 1, 120_000_000, 0)]
    total = report["total"]
    assert (total["estimate"], total["approved"], total["disbursed"], total["settled"]) == (
        245_000_000, 100_000_000, 45_000_000, 0)


def test_the_report_by_category_and_by_source_adds_up_to_the_same_total(client, officer, leader, runtime, tenant):
    a_year(client, officer, leader, runtime, tenant)

    by_category = client.get(f"{API}/reports/plan-vs-actual?fiscal_year=2025&by=category", headers=officer)
    by_source = client.get(f"{API}/reports/plan-vs-actual?fiscal_year=2025&by=source", headers=officer)

    categories = {r["key"]: r["estimate"] for r in by_category.get_json()["rows"]}
    sources = {r["label"]: r["estimate"] for r in by_source.get_json()["rows"]}
    assert categories == {"TU_VAN_XAY_DUNG_LAN_DAU": 70_000_000, "TU_VAN_MO_RONG": 55_000_000,
                          "DAO_TAO": 120_000_000}
    assert sources == {"Ngân sách tỉnh": 190_000_000, "Kinh phí chi thường xuyên của cơ quan": 55_000_000}


def test_an_agency_officer_sees_only_their_agency_in_the_report(client, officer, leader, issuer, runtime, tenant):
    agency = a_year(client, officer, leader, runtime, tenant)
    mine = issuer.headers(tenant=tenant, roles=["agency_officer"], agency_id=agency)

    report = client.get(f"{API}/reports/plan-vs-actual?fiscal_year=2025", headers=mine).get_json()

    assert [r["key"] for r in report["rows"]] == [agency] and report["total"]["estimate"] == 125_000_000


def test_the_workbook_has_a_vietnamese_layout_with_integer_amounts_and_the_overrides(client, officer, leader,
                                                                                    runtime, tenant):
    a_year(client, officer, leader, runtime, tenant)

    response = client.get(f"{API}/reports/plan-vs-actual.xlsx?fiscal_year=2025", headers=officer)

    assert response.status_code == 200 and "ke-hoach-thuc-hien-kinh-phi-2025.xlsx" in response.headers[
        "Content-Disposition"]
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == ["Theo cơ quan", "Theo nội dung chi", "Theo nguồn kinh phí", "Vượt định mức"]
    sheet = book["Theo cơ quan"]
    assert sheet["A1"].value.startswith("KẾ HOẠCH VÀ THỰC HIỆN KINH PHÍ HTQLCL")
    assert [c.value for c in sheet[4]][:4] == ["STT", "Cơ quan / chương trình", "Số dòng dự toán", "Dự toán"]
    assert [c.value for c in sheet[5]][1:4] == ["Cục Thuế tỉnh", 2, 125_000_000]
    total = [c.value for c in sheet[sheet.max_row]]
    assert total[1:7] == ["Tổng cộng", 3, 245_000_000, 100_000_000, 45_000_000, 0]
    assert sheet["D5"].number_format == "#,##0" and isinstance(sheet["D5"].value, int)
    [override] = list(book["Vượt định mức"].iter_rows(min_row=5, values_only=True))
    assert (override[5], override[6], override[8]) == (55_000_000, 50_000_000, OVERRIDE["document"])
