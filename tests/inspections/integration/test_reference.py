"""Law as data: each province sets its own criterion weights and on-site target; the shared library stays."""

import pytest

from tests.inspections.conftest import API, ONSITE, REVIEW


@pytest.fixture
def admin(province):
    return province.headers("province_admin", sub="so-khcn.admin")


def test_a_province_reweights_a_criterion_and_others_keep_the_library_weight(province, other_province, admin):
    changed = province.call("PATCH", "/criteria/TC09", admin, weight=20)

    assert (changed["weight"], changed["province_setting"], changed["legal_basis"]) == (
        20, True, "CV 419/BKHCN-TĐC ngày 21/02/2018")
    theirs = {c["code"]: c for c in other_province.call("GET", "/criteria")}
    assert theirs["TC09"]["weight"] == 10 and theirs["TC09"]["province_setting"] is False


def test_a_criterion_the_province_stopped_using_is_refused_in_checklists(province, admin):
    province.call("PATCH", "/criteria/TC11", admin, active=False)
    agency = province.agency()
    inspection = province.started(province.inspection(province.approved_plan([(agency, REVIEW)]), agency, REVIEW))

    problem = province.call("PUT", f"/inspections/{inspection['id']}/checklist", expect=422,
                            results=[{"criterion_code": "TC11", "result": "DAT"}])

    assert "TC11" in problem["detail"]
    assert "TC11" not in [c["code"] for c in province.call("GET", "/criteria")]
    assert "TC11" in [c["code"] for c in province.call("GET", "/criteria?include_inactive=true")]


def test_the_province_weights_drive_the_checklist_score(province, admin):
    province.call("PATCH", "/criteria/TC01", admin, weight=30)
    agency = province.agency()
    inspection = province.started(province.inspection(province.approved_plan([(agency, REVIEW)]), agency, REVIEW))

    checked = province.call("PUT", f"/inspections/{inspection['id']}/checklist", results=[
        {"criterion_code": "TC01", "result": "DAT"}, {"criterion_code": "TC02", "result": "KHONG_DAT"}])

    assert checked["checklist_score"] == 75


def test_the_on_site_target_is_the_provinces_own_value_and_can_be_switched_off(province, other_province, admin):
    before = {s["key"]: s for s in province.call("GET", "/settings")}["onsite_min_percent"]
    province.call("PUT", "/settings/onsite_min_percent", admin, value=50)
    agency = province.agency()
    plan = province.approved_plan([(agency, ONSITE)])
    province.call("PUT", "/settings/onsite_min_percent", admin, value=None)
    untargeted = province.approved_plan([(agency, ONSITE)])

    assert (before["value"], before["verification_status"]) == (30, "unverified")
    assert plan["onsite_min_percent"] == 50 and untargeted["onsite_min_percent"] is None
    coverage = province.call("GET", f"/plans/{untargeted['id']}/coverage")
    assert coverage["onsite_min_percent"] is None and coverage["meets_onsite_target"] is None
    assert {s["key"]: s["value"] for s in other_province.call("GET", "/settings")}["onsite_min_percent"] == 30


@pytest.mark.parametrize("role", ["province_officer", "province_leader", "inspector", "agency_officer"])
def test_only_the_province_admin_changes_reference_values(province, role):
    headers = province.headers(role)

    assert province.client.patch(f"{API}/criteria/TC01", json={"weight": 1}, headers=headers).status_code == 403
    assert province.client.put(f"{API}/settings/onsite_min_percent", json={"value": 1},
                               headers=headers).status_code == 403


@pytest.mark.parametrize(("path", "body", "status"), [
    ("/criteria/NOPE", {"weight": 5}, 404), ("/criteria/TC01", {}, 422), ("/criteria/TC01", {"weight": -1}, 422),
    ("/criteria/TC01", {"title": "x"}, 422), ("/settings/nope", {"value": 5}, 404),
    ("/settings/onsite_min_percent", {"value": 101}, 422), ("/settings/onsite_min_percent", {}, 422),
], ids=["unknown criterion", "empty", "negative weight", "title is not the province's", "unknown setting",
        "over 100", "missing value"])
def test_bad_reference_changes_are_refused(province, admin, path, body, status):
    method = "PATCH" if path.startswith("/criteria") else "PUT"

    response = province.client.open(f"{API}{path}", method=method, json=body, headers={**admin, "If-Match": '"1"'})

    assert response.status_code == status and response.content_type == "application/problem+json"
    assert all(not c["province_setting"] for c in province.call("GET", "/criteria?include_inactive=true"))


def test_the_criteria_library_carries_legal_basis_and_weight(province):
    criteria = province.call("GET", "/criteria")

    assert len(criteria) == 11 and all(c["legal_basis"] and c["weight"] > 0 for c in criteria)
    assert {c["verification_status"] for c in criteria} <= {"secondary", "unverified", "verified"}
