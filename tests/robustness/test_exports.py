"""Issue 20, exports: text a user typed that starts like a formula comes back from every spreadsheet download as
that text, never as a live formula (kit.spreadsheets)."""

from __future__ import annotations

import io
import uuid

import pytest
from openpyxl import load_workbook

from budget.services import agencies as budget_agencies
from training.services import compliance

PLANTED = '=HYPERLINK("http://evil.example/x","Bấm vào đây")'


def _cells(body: bytes) -> list:
    book = load_workbook(io.BytesIO(body))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def _assert_planted_text_is_text(response) -> None:
    assert response.status_code == 200, response.get_data(as_text=True)
    cells = _cells(response.data)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    assert PLANTED in [c.value for c in cells]


def _in(services, name: str, tenant: str, agency_id: uuid.UUID, agency_name: str = "Sở Tư pháp") -> None:
    """The agency in the service's replica, as the registry's events put it there."""
    if name == "training":
        compliance.record_agency(services["training"].runtime.uow(tenant), agency_id, 1, name=agency_name)
    else:
        budget_agencies.record_agency(services["budget"].runtime.uow(tenant), agency_id=agency_id, version=1,
                                      name=agency_name, agency_type="SO")


@pytest.mark.usefixtures("province")  # registered: writes are forwarded for it
def test_plan_vs_actual_xlsx_writes_a_planted_formula_as_text(gateway, services, issuer, tenant):
    """The agency's name (typed in the registry, carried by its events) is the row label of the agency sheet."""
    agency = uuid.uuid4()
    _in(services, "budget", tenant, agency, agency_name=PLANTED)
    officer = issuer.headers(sub="officer", tenant=tenant, roles=["agency_officer"], agency_id=str(agency))
    line = {"fiscal_year": 2025, "title": PLANTED, "category": "TU_VAN_XAY_DUNG_LAN_DAU",
            "funding_source": "NS_TINH", "estimate": 10_000_000, "agency_id": str(agency)}
    created = gateway.post("/api/v1/budget/lines", json=line, headers=officer)
    assert created.status_code == 201, created.get_data(as_text=True)

    admin = issuer.headers(sub="admin", tenant=tenant, roles=["province_officer"])
    _assert_planted_text_is_text(gateway.get("/api/v1/budget/reports/plan-vs-actual.xlsx?fiscal_year=2025",
                                             headers=admin))


@pytest.mark.usefixtures("province")  # registered: writes are forwarded for it
def test_training_attendance_sheet_writes_a_planted_formula_as_text(gateway, services, issuer, tenant):
    agency = uuid.uuid4()
    _in(services, "training", tenant, agency)
    admin = issuer.headers(sub="admin", tenant=tenant, roles=["province_admin"])
    klass = gateway.post("/api/v1/training/classes", headers=admin, json={
        "title": "Lớp thư ký ISO", "course_type": "DAI_DIEN_LANH_DAO_THU_KY_ISO", "venue": "Hội trường",
        "capacity": 30, "provider": "Chi cục TĐC", "sessions": [
            {"starts_at": "2026-06-10T01:00:00+00:00", "ends_at": "2026-06-10T04:00:00+00:00"}]}).get_json()
    assert gateway.post(f"/api/v1/training/classes/{klass['id']}/status", json={"status": "MO_DANG_KY"},
                        headers=admin).status_code == 200
    officer = issuer.headers(sub="officer", tenant=tenant, roles=["agency_officer"], agency_id=str(agency))
    registered = gateway.post(f"/api/v1/training/classes/{klass['id']}/registrations", headers=officer, json={
        "agency_id": str(agency), "person_id": "cccd-1", "full_name": PLANTED, "qms_role": "THU_KY_ISO"})
    assert registered.status_code == 201, registered.get_data(as_text=True)

    _assert_planted_text_is_text(gateway.get(f"/api/v1/training/classes/{klass['id']}/attendance-sheet.xlsx",
                                             headers=admin))


def test_registry_export_writes_a_planted_formula_as_text(gateway, issuer, province):
    admin = issuer.headers(sub="admin", tenant=province, roles=["province_admin"])
    created = gateway.post("/api/v1/registry/agencies", json={"name": PLANTED, "agency_type": "SO"}, headers=admin)
    assert created.status_code == 201, created.get_data(as_text=True)

    _assert_planted_text_is_text(gateway.get("/api/v1/registry/agencies/export.xlsx", headers=admin))
