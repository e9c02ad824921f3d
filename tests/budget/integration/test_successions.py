"""Budget lines over a province succession (issue 19, item 4), through the real consumer loop: the predecessor's
lines close on the effective date with the reason, once; the successor's plan against actual holds the
predecessor's lines of the year as inherited rows, marked with their province and in the total (the sum of the
rows), as JSON and as a workbook; a third province and the predecessor itself see nothing of it."""

from __future__ import annotations

import io
import uuid
from datetime import UTC, date, datetime

from openpyxl import load_workbook

from contracts.registry import ProvinceSucceeded
from tests.budget.conftest import API, add_agency, new_line
from tests.budget.integration.test_costs_from_events import deliver
from tests.budget.integration.test_reports import a_year


def succession(successor: str, predecessor: str) -> ProvinceSucceeded:
    return ProvinceSucceeded(succession_id=uuid.uuid4(), successor=successor, successor_name="Tỉnh Lâm Đồng",
                             predecessors=[predecessor], predecessor_names=["Tỉnh Bình Thuận"],
                             effective_date=date(2025, 7, 1), legal_basis="Nghị quyết 202/2025/QH15",
                             executed_at=datetime(2025, 7, 1, 2, tzinfo=UTC))


def lines(client, headers) -> list[dict]:
    return client.get(f"{API}/lines?page_size=100", headers=headers).get_json()["items"]


def report(client, headers, by: str = "agency") -> dict:
    response = client.get(f"{API}/reports/plan-vs-actual?fiscal_year=2025&by={by}", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def province(client, officer, runtime, tenant: str, name: str, estimate: int) -> None:
    new_line(client, officer, agency_id=add_agency(runtime, tenant, name=name), estimate=estimate)


class TestSuccession:
    def test_the_predecessors_lines_close_on_the_effective_date_once(self, client, officer, leader, issuer, runtime,
                                                                     tenant):
        successor, third = f"{tenant}-ld", f"{tenant}-khac"
        a_year(client, officer, leader, runtime, tenant)
        theirs, others = (issuer.headers(tenant=t, roles=["province_officer"]) for t in (successor, third))
        province(client, theirs, runtime, successor, "Sở Y tế", 40_000_000)
        province(client, others, runtime, third, "Sở Y tế", 9_000_000)
        event = succession(successor, tenant)

        outcomes = deliver(runtime, successor, event, times=2)

        assert outcomes == ["handled", "duplicate"]
        closed = lines(client, officer)
        assert len(closed) == 4 and {line["closed_on"] for line in closed} == {"2025-07-01"}
        assert all("Tỉnh Lâm Đồng" in line["closed_reason"] and " / " in line["closed_reason"] for line in closed)
        assert [line["closed_on"] for line in lines(client, theirs) + lines(client, others)] == [None, None]

    def test_the_successors_report_holds_the_predecessors_lines_as_inherited(self, client, officer, leader, issuer,
                                                                            runtime, tenant):
        successor = f"{tenant}-ld"
        a_year(client, officer, leader, runtime, tenant)
        theirs = issuer.headers(tenant=successor, roles=["province_officer"])
        province(client, theirs, runtime, successor, "Sở Y tế", 40_000_000)
        before = report(client, theirs)

        deliver(runtime, successor, succession(successor, tenant))

        after = report(client, theirs)
        assert [r["label"] for r in before["rows"]] == ["Sở Y tế"] and before["total"]["estimate"] == 40_000_000
        assert [(r["label"], r["inherited"], r["province"], r["estimate"]) for r in after["rows"]] == [
            ("Sở Y tế", False, None, 40_000_000),
            ("Cục Thuế tỉnh (kế thừa từ Tỉnh Bình Thuận)", True, tenant, 125_000_000),
            ("Chương trình của tỉnh (Sở KH&CN) (kế thừa từ Tỉnh Bình Thuận)", True, tenant, 120_000_000)]
        for by in ("agency", "category", "source"):
            grouped = report(client, theirs, by)
            for amount in ("lines", "estimate", "approved", "disbursed", "settled", "over_cap"):
                assert grouped["total"][amount] == sum(r[amount] for r in grouped["rows"]), (by, amount)
            assert (grouped["total"]["lines"], grouped["total"]["estimate"]) == (4, 285_000_000), by

    def test_a_third_province_and_the_predecessor_see_nothing_inherited(self, client, officer, leader, issuer,
                                                                       runtime, tenant):
        successor, third = f"{tenant}-ld", f"{tenant}-khac"
        a_year(client, officer, leader, runtime, tenant)
        others = issuer.headers(tenant=third, roles=["province_officer"])
        province(client, others, runtime, third, "Sở Y tế", 9_000_000)

        deliver(runtime, successor, succession(successor, tenant))

        seen = report(client, others)
        assert [(r["label"], r["inherited"]) for r in seen["rows"]] == [("Sở Y tế", False)]
        assert seen["total"]["estimate"] == 9_000_000
        own = report(client, officer)
        assert not any(r["inherited"] for r in own["rows"]) and own["total"]["estimate"] == 245_000_000

    def test_the_successors_workbook_marks_the_inherited_rows_and_totals_them(self, client, officer, leader, issuer,
                                                                             runtime, tenant):
        successor = f"{tenant}-ld"
        a_year(client, officer, leader, runtime, tenant)
        theirs = issuer.headers(tenant=successor, roles=["province_officer"])
        province(client, theirs, runtime, successor, "Sở Y tế", 40_000_000)
        deliver(runtime, successor, succession(successor, tenant))

        response = client.get(f"{API}/reports/plan-vs-actual.xlsx?fiscal_year=2025", headers=theirs)

        sheet = load_workbook(io.BytesIO(response.data))["Theo cơ quan"]
        rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=5)]
        assert [row[1] for row in rows] == ["Sở Y tế", "Cục Thuế tỉnh (kế thừa từ Tỉnh Bình Thuận)",
                                            "Chương trình của tỉnh (Sở KH&CN) (kế thừa từ Tỉnh Bình Thuận)",
                                            "Tổng cộng"]
        assert rows[-1][3] == sum(row[3] for row in rows[:-1]) == 285_000_000
        [override] = list(load_workbook(io.BytesIO(response.data))["Vượt định mức"].iter_rows(min_row=5,
                                                                                              values_only=True))
        assert override[2] == "Cục Thuế tỉnh (kế thừa từ Tỉnh Bình Thuận)"
