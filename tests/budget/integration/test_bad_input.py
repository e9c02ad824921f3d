"""Bad input answers 400/422 with a clear problem, never a 500, and writes nothing: money is integer VND."""

from __future__ import annotations

import pytest

from tests.budget.conftest import API, approved_line, new_line
from tests.support.service import outbox

VALID = {"fiscal_year": 2025, "title": "Đào tạo", "category": "DAO_TAO", "funding_source": "NS_TINH",
         "estimate": 1_000_000}


@pytest.mark.parametrize("change", [
    {"estimate": 1_000_000.5},
    {"estimate": 1_000_000.0},
    {"estimate": "1000000"},
    {"estimate": -1},
    {"estimate": True},
    {"estimate": 10**14},
    {"estimate": None},
    {"category": "MUA_SAM"},
    {"funding_source": "VAY"},
    {"fiscal_year": 1999},
    {"agency_id": "not-a-uuid"},
    {"months": 0},
    {"title": ""},
    {"unexpected": 1},
    {"cap_override": {"reason": "lý do"}},
], ids=lambda change: next(iter(change)) + "=" + repr(next(iter(change.values())))[:20])
def test_a_bad_estimate_is_refused_with_the_field_named_and_nothing_is_written(client, officer, runtime, tenant,
                                                                                change):
    response = client.post(f"{API}/lines", json={**VALID, **change}, headers=officer)

    assert response.status_code == 422, response.get_json()
    assert response.content_type == "application/problem+json"
    assert set(response.get_json()["errors"]) & set(change)
    assert outbox(runtime, tenant) == []


@pytest.mark.parametrize("body", [
    {"amount": 0, "spent_on": "2025-02-01", "description": "x"},
    {"amount": 1.5, "spent_on": "2025-02-01", "description": "x"},
    {"amount": 1, "spent_on": "01/02/2025", "description": "x"},
    {"amount": 1, "spent_on": "2025-02-01"},
    {"amount": 1, "spent_on": "2025-02-01", "description": "x", "origin": "BANK"},
    {"amount": 1, "spent_on": "2025-02-01", "description": "x", "origin": "TRAINING_CLASS", "origin_ref": "lop-1"},
    {"amount": 1, "spent_on": "2025-02-01", "description": "x", "origin": "INSPECTION"},
])
def test_a_bad_disbursement_is_refused(client, officer, leader, body):
    line = approved_line(client, officer, leader, category="DAO_TAO")

    response = client.post(f"{API}/lines/{line['id']}/disbursements", json=body, headers=officer)

    assert response.status_code == 422
    assert client.get(f"{API}/lines/{line['id']}", headers=officer).get_json()["disbursed"] == 0


def test_a_body_that_is_not_json_is_a_400_or_422_problem(client, officer):
    response = client.post(f"{API}/lines", data="estimate=1", headers={**officer, "Content-Type": "text/plain"})

    assert response.status_code in (400, 415, 422)
    assert response.content_type == "application/problem+json"


def test_an_unknown_line_id_is_404_and_a_malformed_one_is_404_too(client, officer):
    assert client.get(f"{API}/lines/6a1f7a3e-0000-4000-8000-000000000000", headers=officer).status_code == 404
    assert client.get(f"{API}/lines/not-a-uuid", headers=officer).status_code == 404


def test_a_page_size_over_the_maximum_is_refused(client, officer):
    assert client.get(f"{API}/lines?page_size=1000", headers=officer).status_code == 422


def test_a_report_needs_a_year_and_a_known_grouping(client, officer):
    assert client.get(f"{API}/reports/plan-vs-actual", headers=officer).status_code == 422
    assert client.get(f"{API}/reports/plan-vs-actual?fiscal_year=2025&by=month", headers=officer).status_code == 422


def test_a_programme_line_cannot_name_an_agency_owner_without_an_agency(client, officer):
    refused = new_line(client, officer, expect=422, owner="AGENCY", category="DAO_TAO")

    assert "agency_id" in refused["detail"]
