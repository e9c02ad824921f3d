"""Issue 20, bad domain input through the gateway: settings, dates, origins, agencies and path segments that make
no sense are refused with a 4xx problem, and a value stored before the checks existed breaks no page."""

from __future__ import annotations

import io
import uuid
import zipfile

import pytest

from registry.documents import xlsx
from registry.orm import TenantSetting
from tests.security.matrix_registry import AUDITS
from training.services import compliance

R = "/api/v1/registry"


def _admin(issuer, tenant: str) -> dict:
    return issuer.headers(sub="admin", tenant=tenant, roles=["province_admin"])


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    return response.get_json()


# Finding: a province admin can save 31/02 as the maintenance deadline; then the flags answer 500.

@pytest.mark.parametrize("deadline", ["31/02", "30/02", "29/02", "31/04"])
def test_maintenance_deadline_31_02_is_refused_when_saved(gateway, issuer, province, deadline):
    response = gateway.put(f"{R}/settings/maintenance_deadline", json={"value": deadline},
                           headers=_admin(issuer, province))

    assert "/" in _problem(response, 422)["detail"]
    settings = gateway.get(f"{R}/settings", headers=_admin(issuer, province)).get_json()
    assert settings["maintenance_deadline"] != deadline


def test_a_maintenance_deadline_31_02_stored_before_the_check_does_not_make_the_flags_a_500(
        gateway, services, issuer, province):
    with services["registry"].runtime.uow(province) as uow:
        uow.session.add(TenantSetting(key="maintenance_deadline", value="31/02"))
        uow.session.add(TenantSetting(key="reannouncement_days", value="many"))
        uow.commit()
    admin = _admin(issuer, province)
    created = gateway.post(f"{R}/agencies", json={"name": "Sở Tư pháp", "agency_type": "SO"}, headers=admin)
    assert created.status_code == 201

    flags = gateway.get(f"{R}/agencies/flags?as_of=2026-12-01", headers=admin)

    assert flags.status_code == 200, flags.get_data(as_text=True)
    assert gateway.get(f"{R}/summary", headers=admin).status_code == 200


# Finding: a manual disbursement can claim origin TRAINING_CLASS with a real class id; the class's real cost is
# then skipped as already recorded.

def test_a_manual_disbursement_claiming_origin_training_class_is_refused(gateway, issuer, province):
    admin = _admin(issuer, province)
    klass = gateway.post("/api/v1/training/classes", headers=admin, json={
        "title": "Lớp thư ký ISO", "course_type": "DAI_DIEN_LANH_DAO_THU_KY_ISO", "venue": "Hội trường",
        "capacity": 30, "provider": "Chi cục TĐC", "sessions": [
            {"starts_at": "2026-06-10T01:00:00+00:00", "ends_at": "2026-06-10T04:00:00+00:00"}]}).get_json()
    line = gateway.post("/api/v1/budget/lines", headers=admin, json={
        "fiscal_year": 2026, "owner": "PROGRAMME", "title": "Đào tạo ISO", "category": "DAO_TAO",
        "funding_source": "NS_TINH", "estimate": 100_000_000}).get_json()
    approved = gateway.post(f"/api/v1/budget/lines/{line['id']}/approve", headers=admin, json={
        "approved": 100_000_000, "approving_doc": "312/QĐ-UBND", "approved_on": "2026-01-20"})
    assert approved.status_code == 200, approved.get_data(as_text=True)

    claimed = gateway.post(f"/api/v1/budget/lines/{line['id']}/disbursements", headers=admin, json={
        "amount": 1_000, "spent_on": "2026-06-10", "description": "Chi lớp học", "origin": "TRAINING_CLASS",
        "origin_ref": klass["id"]})

    assert "TRAINING_CLASS" in str(_problem(claimed, 422)["errors"]["origin"])
    records = gateway.get(f"/api/v1/budget/lines/{line['id']}/records", headers=admin).get_json()
    assert records["expenditures"] == []


# Finding: training accepts another province's or an invented agency id for registrations and on-site requests.

def _training_agency(services, tenant: str) -> str:
    """An agency in the training service's replica of `tenant`, as the registry's events put it there."""
    agency_id = uuid.uuid4()
    compliance.record_agency(services["training"].runtime.uow(tenant), agency_id, 1, name="Sở Tư pháp")
    return str(agency_id)


def _open_class(gateway, headers) -> str:
    klass = gateway.post("/api/v1/training/classes", headers=headers, json={
        "title": "Lớp thư ký ISO", "course_type": "DAI_DIEN_LANH_DAO_THU_KY_ISO", "venue": "Hội trường",
        "capacity": 30, "provider": "Chi cục TĐC", "sessions": [
            {"starts_at": "2026-06-10T01:00:00+00:00", "ends_at": "2026-06-10T04:00:00+00:00"}]}).get_json()
    assert gateway.post(f"/api/v1/training/classes/{klass['id']}/status", json={"status": "MO_DANG_KY"},
                        headers=headers).status_code == 200
    return klass["id"]


@pytest.fixture
def strangers(services) -> dict[str, str]:
    """Agency ids that are not the province's: another province's real agency and an invented id."""
    return {"another province's": _training_agency(services, f"t-{uuid.uuid4().hex[:10]}"),
            "invented": str(uuid.uuid4())}


@pytest.mark.parametrize("whose", ["another province's", "invented"])
@pytest.mark.usefixtures("province")  # registered: writes are forwarded for it
def test_training_registration_for_another_provinces_or_an_invented_agency_is_refused(
        gateway, services, issuer, tenant, strangers, whose):
    officer = issuer.headers(sub="officer", tenant=tenant, roles=["province_officer"])
    class_id = _open_class(gateway, officer)
    nomination = {"person_id": "cccd-1", "full_name": "Nguyễn Thị An", "qms_role": "THU_KY_ISO"}

    refused = gateway.post(f"/api/v1/training/classes/{class_id}/registrations", headers=officer,
                           json={**nomination, "agency_id": strangers[whose]})

    assert strangers[whose] in _problem(refused, 422)["detail"]
    own = _training_agency(services, tenant)
    assert gateway.post(f"/api/v1/training/classes/{class_id}/registrations", headers=officer,
                        json={**nomination, "agency_id": own}).status_code == 201


@pytest.mark.parametrize("whose", ["another province's", "invented"])
@pytest.mark.usefixtures("province")  # registered: writes are forwarded for it
def test_training_onsite_request_for_another_provinces_or_an_invented_agency_is_refused(
        gateway, issuer, tenant, strangers, whose):
    officer = issuer.headers(sub="officer", tenant=tenant, roles=["province_officer"])

    refused = gateway.post("/api/v1/training/onsite-requests", headers=officer, json={
        "agency_id": strangers[whose], "course_type": "DAI_DIEN_LANH_DAO_THU_KY_ISO", "participants": 18})

    _problem(refused, 422)
    assert gateway.get("/api/v1/training/onsite-requests", headers=officer).get_json()["items"] == []


# Finding: /reporting/national/reports/A/<id> gives 500.

@pytest.mark.parametrize(("method", "suffix"), [("GET", ""), ("GET", ".xlsx"), ("POST", "/accept")])
def test_national_report_of_province_A_is_a_404_not_a_500(gateway, issuer, method, suffix):
    viewer = issuer.headers(sub="ministry", roles=["national_viewer"])

    response = gateway.open(f"/api/v1/reporting/national/reports/A/{uuid.uuid4()}{suffix}", method=method,
                            headers=viewer, json={} if method == "POST" else None)

    assert response.status_code in (400, 404), response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"


# Finding: receiving an announcement ignores the agency id in its path.

def _announced(gateway, headers) -> tuple[str, str]:
    """(agency id, announcement id) of an agency that announced its quality system."""
    agency = gateway.post(f"{R}/agencies", json={"name": "Sở Tư pháp", "agency_type": "SO"}, headers=headers)
    qs = f"{R}/agencies/{agency.get_json()['id']}/quality-system"
    steps = [(qs, {"standard_version": "TCVN_ISO_9001_2015"}), (f"{qs}/start-building", {"on": "2021-01-04"}),
             (f"{qs}/apply", {"on": "2021-03-01"}),
             *[(f"{R}/agencies/{agency.get_json()['id']}/maintenance", audit) for audit in AUDITS]]
    for path, body in steps:
        done = gateway.post(path, json=body, headers=headers)
        assert done.status_code in (200, 201), (path, done.get_data(as_text=True))
    announced = gateway.post(f"{qs}/announce", json={"decision_no": "15/QĐ-STP", "decision_date": "2021-06-01"},
                             headers=headers)
    assert announced.status_code in (200, 201), announced.get_data(as_text=True)
    return agency.get_json()["id"], announced.get_json()["id"]


def test_receiving_an_announcement_under_another_agencys_path_is_a_404(gateway, issuer, province):
    admin = _admin(issuer, province)
    agency, announcement = _announced(gateway, admin)
    other = gateway.post(f"{R}/agencies", json={"name": "Sở Y tế", "agency_type": "SO"}, headers=admin).get_json()

    wrong = gateway.post(f"{R}/agencies/{other['id']}/announcements/{announcement}/receive", json={"on": "2021-06-10"},
                         headers=admin)

    _problem(wrong, 404)
    right = gateway.post(f"{R}/agencies/{agency}/announcements/{announcement}/receive", json={"on": "2021-06-10"},
                         headers=admin)
    assert right.status_code == 200, right.get_data(as_text=True)


# Finding: maintenance dated 9999-12-31 accepted; `from` after `as_of` accepted.

def test_maintenance_dated_9999_12_31_is_refused(gateway, issuer, province):
    admin = _admin(issuer, province)
    agency, _announcement = _announced(gateway, admin)
    path = f"{R}/agencies/{agency}/maintenance"

    refused = gateway.post(path, json={"activity_type": "DANH_GIA_NOI_BO", "activity_date": "9999-12-31"},
                           headers=admin)

    assert "activity_date" in str(_problem(refused, 422))
    assert all(r["activity_date"] != "9999-12-31" for r in gateway.get(path, headers=admin).get_json())


def test_a_quality_system_step_dated_after_today_is_refused(gateway, issuer, province):
    admin = _admin(issuer, province)
    agency = gateway.post(f"{R}/agencies", json={"name": "Sở Tư pháp", "agency_type": "SO"}, headers=admin).get_json()
    qs = f"{R}/agencies/{agency['id']}/quality-system"
    gateway.post(qs, json={"standard_version": "TCVN_ISO_9001_2015"}, headers=admin)

    _problem(gateway.post(f"{qs}/start-building", json={"on": "9999-12-31"}, headers=admin), 422)
    assert gateway.get(qs, headers=admin).get_json()["status"] != "DANG_XAY_DUNG"


@pytest.mark.parametrize("path", ["/api/v1/reporting/figures?as_of=2026-01-31&from=2026-06-01",
                                  "/api/v1/reporting/figures?from=9999-01-01"])
def test_figures_from_after_as_of_are_a_422(gateway, issuer, tenant, path):
    officer = issuer.headers(sub="officer", tenant=tenant, roles=["province_officer"])

    assert "as_of" in _problem(gateway.get(path, headers=officer), 422)["detail"]


def test_national_figures_from_after_as_of_are_a_422(gateway, issuer):
    viewer = issuer.headers(sub="ministry", roles=["national_viewer"])

    _problem(gateway.get("/api/v1/reporting/national?as_of=2026-01-31&from=2026-06-01", headers=viewer), 422)


# Finding: XXE or billion-laughs workbooks in the (web) import give 500. The web page posts the file to this route.

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">'
          + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)) + "]>")
XXE = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def _with_sheet(rewrite) -> bytes:
    """The platform's own export of one agency, its first sheet's XML rewritten."""
    good = xlsx.write_workbook([{"name": "Sở Tư pháp", "agency_type": "SO"}])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = rewrite(data.decode().split("?>", 1)[-1]).encode()
            target.writestr(item, data)
    return out.getvalue()


WORKBOOKS = {
    "billion laughs": _with_sheet(lambda xml: LAUGHS + xml.replace("S&#7903; T&#432; ph&#225;p", "&lol9;")),
    "xxe": _with_sheet(lambda xml: XXE + xml.replace("S&#7903; T&#432; ph&#225;p", "&xxe;")),
}


@pytest.mark.parametrize("attack", list(WORKBOOKS))
def test_xxe_or_billion_laughs_workbook_import_is_a_422_not_a_500(gateway, issuer, province, attack):
    admin = _admin(issuer, province)

    refused = gateway.post(f"{R}/agencies/import", data=WORKBOOKS[attack], headers={**admin, "Content-Type": XLSX})

    detail = _problem(refused, 422)["detail"]
    assert "DTD" in detail and "root:" not in detail and "lollol" not in detail
    assert gateway.get(f"{R}/agencies", headers=admin).get_json()["items"] == []

