"""Bad input gets a clear problem+json 4xx naming the field; nothing is written and no event is emitted."""

import pytest

from tests.inspections.conftest import API, ONSITE
from tests.support.service import outbox

AGENCY = "00000000-0000-0000-0000-000000000001"


def count(province, path: str) -> int:
    return province.call("GET", path)["total"]


@pytest.mark.parametrize(("body", "field"), [
    ({"year": 2021, "tenant_id": "someone-else"}, "tenant_id"),
    ({"year": 2021, "status": "DA_PHE_DUYET"}, "status"),
    ({"year": 2021, "approving_doc": "726/KH-UBND"}, "approving_doc"),
    ({"year": "năm nay"}, "year"),
    ({"year": 1890}, "year"),
    ({}, "year"),
    ({"year": 2021, "onsite_min_percent": 130}, "onsite_min_percent"),
    ({"year": 2021, "coverage_basis": "EVERYONE"}, "coverage_basis"),
    ({"year": 2021, "period_start": "01/03/2021"}, "period_start"),
    ({"year": 2021, "targets": [{"agency_id": "not-a-uuid", "planned_form": ONSITE}]}, "targets"),
    ({"year": 2021, "targets": [{"agency_id": AGENCY, "planned_form": "BY_PHONE"}]}, "targets"),
    ({"year": 2021, "targets": [{"agency_id": AGENCY, "planned_form": ONSITE, "planned_month": 13}]}, "targets"),
], ids=["tenant_id", "status", "approving_doc", "year not a number", "year out of range", "missing year",
        "share over 100", "unknown basis", "bad date", "bad agency id", "unknown form", "month 13"])
def test_invalid_plans_are_refused_field_by_field(province, runtime, body, field):
    response = province.client.post(f"{API}/plans", json=body, headers=province.officer)

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert field in response.get_json()["errors"]
    assert count(province, "/plans") == 0 and outbox(runtime, province.tenant) == []


def test_a_plan_whose_period_leaves_its_year_is_refused(province):
    problem = province.call("POST", "/plans", expect=422, year=2021, period_start="2021-03-01",
                            period_end="2022-01-31")

    assert "within its year" in problem["detail"]


def test_an_agency_listed_twice_is_refused(province):
    agency = str(province.agency())
    targets = [{"agency_id": agency, "planned_form": ONSITE}] * 2

    assert "twice" in province.call("POST", "/plans", expect=422, year=2021, targets=targets)["detail"]


@pytest.mark.parametrize(("body", "field"), [
    ({"form": ONSITE}, "agency_id"),
    ({"agency_id": AGENCY}, "form"),
    ({"agency_id": AGENCY, "form": ONSITE, "kind": "SOMETIMES"}, "kind"),
    ({"agency_id": AGENCY, "form": ONSITE, "status": "DONG"}, "status"),
    ({"agency_id": AGENCY, "form": ONSITE, "overall_result": "DAT"}, "overall_result"),
], ids=["missing agency", "missing form", "unknown kind", "status", "overall_result"])
def test_invalid_inspections_are_refused_field_by_field(province, runtime, body, field):
    response = province.client.post(f"{API}/inspections", json=body, headers=province.officer)

    assert response.status_code == 422 and field in response.get_json()["errors"]
    assert count(province, "/inspections") == 0 and outbox(runtime, province.tenant) == []


@pytest.fixture
def recorded(province):
    agency = province.agency()
    plan = province.approved_plan([(agency, ONSITE)])
    return province.recorded(province.inspection(plan, agency))


@pytest.mark.parametrize(("suffix", "body", "field"), [
    ("findings", {"type": "GOOD", "description": "x"}, "type"),
    ("findings", {"type": "DIEM_MANH"}, "description"),
    ("findings", {"type": "KHONG_PHU_HOP", "description": "x", "iso_clause": "nine"}, "iso_clause"),
    ("conclude", {"conclusion_doc": "x", "conclusion_date": "2021-07-30", "overall_result": "OK"},
     "overall_result"),
    ("conclude", {"conclusion_doc": "", "conclusion_date": "2021-07-30", "overall_result": "DAT"},
     "conclusion_doc"),
    ("recommendations", {"description": "x", "deadline": "soon"}, "deadline"),
    ("recommendations", {"description": "x"}, "deadline"),
    ("checklist", {"results": [{"criterion_code": "TC01", "result": "MAYBE"}]}, "results"),
    ("checklist", {"results": []}, "results"),
], ids=["finding type", "finding text", "iso clause", "result", "empty doc", "bad deadline", "no deadline",
        "check result", "no results"])
def test_invalid_steps_are_refused_field_by_field(province, runtime, recorded, suffix, body, field):
    before = len(outbox(runtime, province.tenant))
    method = "PUT" if suffix == "checklist" else "POST"

    response = province.client.open(f"{API}/inspections/{recorded['id']}/{suffix}", method=method, json=body,
                                     headers=province.officer)

    assert response.status_code == 422 and field in response.get_json()["errors"]
    after = province.call("GET", f"/inspections/{recorded['id']}")
    assert (after["status"], after["findings"], after["checklist"]) == ("DA_LAP_BIEN_BAN", [], [])
    assert len(outbox(runtime, province.tenant)) == before


def test_a_body_that_is_not_json_is_refused(province, runtime):
    response = province.client.post(f"{API}/plans", data="{year:",
                                     headers={**province.officer, "Content-Type": "application/json"})

    assert response.status_code == 400 and response.content_type == "application/problem+json"
    assert outbox(runtime, province.tenant) == []


def test_an_oversized_body_is_413(province, runtime):
    response = province.client.post(f"{API}/plans", json={"year": 2021, "title": "x" * (2 << 20)},
                                     headers=province.officer)

    assert response.status_code == 413 and response.content_type == "application/problem+json"


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic eDp5"}],
                         ids=["no token", "invalid token", "wrong scheme"])
def test_without_a_valid_token_it_is_401(province, runtime, headers):
    response = province.client.post(f"{API}/plans", json={"year": 2021}, headers=headers)

    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")
    assert outbox(runtime, province.tenant) == []


def test_a_page_size_over_the_maximum_is_refused(province):
    response = province.client.get(f"{API}/inspections?page_size=1000", headers=province.officer)

    assert response.status_code == 422 and "page_size" in response.get_json()["errors"]


def test_a_malformed_id_is_404(province):
    assert province.client.get(f"{API}/inspections/not-a-uuid", headers=province.officer).status_code == 404


def test_an_empty_plan_update_is_refused(province):
    plan = province.plan([])

    assert province.call("PATCH", f"/plans/{plan['id']}", expect=422)["errors"]


def test_probes_need_no_token(client):
    assert client.get("/livez").status_code == 200
    assert client.get("/readyz").get_json() == {"status": "ready"}
