"""The forms and links added for issue 23's API-only jobs, against one test double of the services: what each
sends (a checkbox as `true`, an agency's edit with its version as If-Match), what asks first, which forms a status
shows, and files passed through under the service's name. The browser tests (tests/web/test_journeys.py) do the
same jobs on the real services."""

from __future__ import annotations

import uuid

import pytest
from flask import Flask, jsonify, request

from tests.gateway.web_app import gateway_over, signed_in

LINE, AGENCY, INSPECTION, KLASS = (str(uuid.uuid4()) for _ in range(4))
SHEET = b"PK\x03\x04 an xlsx"


class Services:
    """The records the pages read, every write recorded (answered with the record), one file."""

    def __init__(self):
        self.writes: list[tuple[str, str, str | None, dict]] = []
        self.reads = {
            f"budget/lines/{LINE}": {"id": LINE, "title": "Đào tạo", "fiscal_year": 2026, "status": "DANG_THUC_HIEN",
                                     "category": "DAO_TAO", "funding_source": "NS_TINH", "estimate": 20_000_000,
                                     "approved": 18_000_000, "disbursed": 15_000_000, "settled": 0,
                                     "cap_amount": None, "cap_check": "KHONG_AP_DUNG", "version": 3},
            f"budget/lines/{LINE}/records": {"expenditures": [], "settlements": [], "overrides": []},
            f"inspections/inspections/{INSPECTION}": {"id": INSPECTION, "status": "DU_KIEN", "kind": "DOT_XUAT",
                                                      "form": "QUA_BAO_CAO_HO_SO", "findings": [], "checklist": [],
                                                      "version": 1},
            "registry/tenants/current": {"id": "an-giang", "name": "Tỉnh An Giang"},
            "inspections/criteria": [], "inspections/recommendations": {"items": []},
            "reporting/reports": [
                {"id": str(uuid.uuid4()), "report_type": "BC_6_THANG", "status": "DANG_LAP",
                 "period_start": "2026-01-01", "cutoff": "2026-06-30", "due_date": "2026-07-15"},
                {"id": str(uuid.uuid4()), "report_type": "BC_TINH_NAM", "status": "DA_GUI",
                 "period_start": "2025-01-01", "cutoff": "2025-12-15", "due_date": "2025-12-20"}],
        }
        self.app = Flask("fake-services")
        self.app.add_url_rule("/api/v1/<path:rest>", "any", self.answer, methods=["GET", "POST", "PATCH"])

    def answer(self, rest: str):
        if request.method == "GET":
            if rest == f"training/classes/{KLASS}/attendance-sheet.xlsx":
                return SHEET, 200, {"Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                    "Content-Disposition": 'attachment; filename="diem-danh-lop-1.xlsx"'}
            if rest == f"training/classes/{KLASS}/certificates.pdf":
                return b"%PDF-1.7 signed", 200, {"Content-Type": "application/pdf",
                                                 "X-Signature": "valid; signer*=UTF-8''S%E1%BB%9F"}
            if rest not in self.reads:
                return jsonify(status=404, title="Not Found"), 404
            if rest == "reporting/reports" and "year" in request.args:  # reporting filters by the cut-off's year
                return jsonify([r for r in self.reads[rest] if r["cutoff"].startswith(request.args["year"] + "-")])
            return jsonify(self.reads[rest])
        self.writes.append((request.method, rest, request.headers.get("If-Match"), request.get_json(silent=True)))
        return jsonify({"id": rest.split("/")[2]})


@pytest.fixture
def services():
    return Services()


@pytest.fixture
def browser(services):
    return signed_in(gateway_over(services.app))


def act(browser, action: str, **fields):
    return browser.post(f"/act/{action}", data={"csrf": "known", "next": "/", **fields})


def test_a_settlement_asks_first_then_sends_the_ticked_box_as_true(browser, services):
    fields = {"line": LINE, "amount": "15.000.000", "settlement_doc": "QT-01", "settled_on": "04/12/2026",
              "final": "1"}

    asked = act(browser, "settlement-add", **fields).get_data(as_text=True)
    act(browser, "settlement-add", confirmed="1", **fields)

    assert "quyết toán lần cuối đóng dòng kinh phí" in asked and "<dd>Có</dd>" in asked
    assert services.writes == [("POST", f"budget/lines/{LINE}/settlements", None, {
        "amount": 15_000_000, "settlement_doc": "QT-01", "settled_on": "2026-12-04", "final": True})]


def test_an_unticked_box_is_not_sent(browser, services):
    act(browser, "settlement-add", confirmed="1", line=LINE, amount="1", settlement_doc="QT-02",
        settled_on="04/12/2026")

    assert "final" not in services.writes[-1][3]


def test_an_agencys_edit_is_a_patch_made_from_the_version_the_page_showed(browser, services):
    act(browser, "agency-edit", agency=AGENCY, version="7", name="Sở Tư pháp", tthc_count="42",
        ma_dinh_danh="H01.10", parent_agency_id="")

    assert services.writes == [("PATCH", f"registry/agencies/{AGENCY}", '"7"',
                                {"name": "Sở Tư pháp", "tthc_count": 42, "ma_dinh_danh": "H01.10"})]


@pytest.mark.parametrize(("name", "fields", "path"), [
    ("inspection-cancel", {"inspection": INSPECTION, "reason": "Trùng đợt"},
     f"inspections/inspections/{INSPECTION}/cancel"),
    ("plan-close", {"plan": LINE}, f"inspections/plans/{LINE}/close"),
    ("agency-dissolve", {"agency": AGENCY, "dissolved_on": "04/12/2026"}, f"registry/agencies/{AGENCY}/dissolve"),
    ("officer-remove", {"agency": AGENCY, "officer": KLASS, "removed_on": "04/12/2026"},
     f"registry/agencies/{AGENCY}/officers/{KLASS}/remove"),
], ids=["inspection-cancel", "plan-close", "agency-dissolve", "officer-remove"])  # the same in every xdist worker
def test_what_cannot_be_undone_is_sent_only_once_confirmed(browser, services, name, fields, path):
    asked = act(browser, name, **fields)

    assert asked.status_code == 200 and 'id="confirm-question"' in asked.get_data(as_text=True)
    assert services.writes == []
    act(browser, name, confirmed="1", **fields)
    assert [write[:2] for write in services.writes] == [("POST", path)]


def test_a_merger_asks_first_naming_the_successor_then_sends_its_id(browser, services):
    services.reads[f"registry/agencies/{LINE}"] = {"id": LINE, "name": "Sở Khoa học và Công nghệ"}
    fields = {"agency": AGENCY, "successor_agency_id": LINE, "merged_on": "04/12/2026", "decision": "15/QĐ-UBND"}

    asked = act(browser, "agency-merge", **fields).get_data(as_text=True)
    act(browser, "agency-merge", confirmed="1", **fields)

    assert "Sáp nhập vào</dt>" in asked and ">Sở Khoa học và Công nghệ</dd>" in asked
    assert f">{LINE}<" not in asked  # the id only in the hidden field that posts it again
    assert services.writes == [("POST", f"registry/agencies/{AGENCY}/merge", None, {
        "successor_agency_id": LINE, "merged_on": "2026-12-04", "decision": "15/QĐ-UBND"})]


def test_a_postponement_is_sent_at_once_with_its_reason_and_the_new_date_if_known(browser, services):
    act(browser, "inspection-postpone", inspection=INSPECTION, reason="Cơ quan sắp xếp bộ máy")
    act(browser, "inspection-postpone", inspection=INSPECTION, reason="Lùi lịch", new_date="15/01/2027")

    assert services.writes == [("POST", f"inspections/inspections/{INSPECTION}/postpone", None,
                                {"reason": "Cơ quan sắp xếp bộ máy"}),
                               ("POST", f"inspections/inspections/{INSPECTION}/postpone", None,
                                {"reason": "Lùi lịch", "new_date": "2027-01-15"})]


def test_the_inspection_page_offers_postpone_and_cancel_only_where_the_service_lists_them(browser, services):
    record = services.reads[f"inspections/inspections/{INSPECTION}"]
    offered = {}
    for listed in (["notify", "postpone", "cancel"], ["cancel"], []):
        record["actions"] = listed
        html = browser.get(f"/inspections/{INSPECTION}").get_data(as_text=True)
        offered[tuple(listed)] = ("Hoãn kiểm tra" in html, "Hủy cuộc kiểm tra</button>" in html)

    assert offered == {("notify", "postpone", "cancel"): (True, True), ("cancel",): (False, True), (): (False, False)}


def test_a_spendable_line_shows_the_spending_and_settlement_forms_to_the_officer(browser, services):
    html = browser.get(f"/budget/lines/{LINE}").get_data(as_text=True)

    assert "Ghi khoản chi" in html and "Ghi quyết toán" in html and "18.000.000 ₫" in html
    assert "Giao dự toán</button>" not in html  # approved already, and the leader's


def test_the_reports_page_shows_the_year_asked_for(browser):
    this_year = browser.get("/reports?year=2026").get_data(as_text=True)
    last_year = browser.get("/reports?year=2025").get_data(as_text=True)

    assert "30/06/2026" in this_year and "15/12/2025" not in this_year
    assert "15/12/2025" in last_year and "30/06/2026" not in last_year


def test_a_class_sheet_is_passed_on_under_the_services_name_and_other_kinds_are_not_found(browser):
    sheet = browser.get(f"/classes/{KLASS}/attendance-sheet.xlsx")

    assert sheet.status_code == 200 and sheet.data == SHEET
    assert sheet.headers["Content-Disposition"] == 'attachment; filename="diem-danh-lop-1.xlsx"'
    assert browser.get(f"/classes/{KLASS}/attendance-sheet.csv").status_code == 404


def test_a_signed_pdf_keeps_the_services_word_on_its_signature(browser):
    certificates = browser.get(f"/classes/{KLASS}/certificates.pdf")

    assert certificates.status_code == 200 and certificates.data == b"%PDF-1.7 signed"
    assert certificates.headers["X-Signature"] == "valid; signer*=UTF-8''S%E1%BB%9F"
