"""Issue 20, bad input handled once in the shared kit, for every service: each test is a finding, sent through
the gateway."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

API = "/api/v1"
PROBLEM = "application/problem+json"


@pytest.fixture
def admin(issuer, province) -> dict:
    return issuer.headers(sub="admin", tenant=province, roles=["province_admin"])


def post(gateway, path: str, body: bytes | str, headers: dict, **extra):
    return gateway.post(f"{API}{path}", data=body, headers={**headers, "Content-Type": "application/json", **extra})


def new_agency(gateway, headers: dict, name: str = "Sở Tư pháp") -> dict:
    response = post(gateway, "/registry/agencies", json.dumps({"name": name, "agency_type": "SO"}), headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def assert_bilingual_problem(response, status: int | tuple[int, ...]) -> dict:
    assert response.status_code in (status if isinstance(status, tuple) else (status,)), response.data[:300]
    assert response.content_type == PROBLEM
    problem = response.get_json()
    assert " / " in problem["detail"]  # Vietnamese / English
    return problem


WRITES = {"registry": "/registry/agencies", "inspections": "/inspections/plans", "training": "/training/classes",
          "budget": "/budget/lines", "reporting": "/reporting/reports"}


@pytest.mark.parametrize("service", sorted(WRITES))
def test_json_nested_10000_levels_is_a_400_not_a_500(gateway, admin, service):
    deep = "[" * 10_000 + "]" * 10_000

    response = post(gateway, WRITES[service], f'{{"name": {deep}}}', admin)

    problem = assert_bilingual_problem(response, 400)
    assert problem["code"] == "json_too_deep"


def test_a_text_longer_than_any_field_is_refused_before_parsing_it_further(gateway, admin):
    response = post(gateway, "/registry/agencies", json.dumps({"name": "x" * 60_000, "agency_type": "SO"}), admin)

    assert assert_bilingual_problem(response, 422)["code"] == "text_too_long"


def test_a_lone_surrogate_in_a_name_is_a_422_not_a_500(gateway, admin):
    response = post(gateway, "/registry/agencies", '{"name": "S\\ud800 Tư pháp", "agency_type": "SO"}', admin)

    problem = assert_bilingual_problem(response, 422)
    assert problem["code"] == "invalid_character" and "\\ud800" in problem["detail"]


def test_a_name_sent_in_nfd_is_stored_in_nfc_and_found_by_an_nfc_search(gateway, admin):
    name = "Sở Khoa học và Công nghệ"
    nfd = unicodedata.normalize("NFD", name)
    assert nfd != name

    created = new_agency(gateway, admin, nfd)

    assert created["name"] == name
    found = gateway.get(f"{API}/registry/agencies", query_string={"q": "Khoa học"}, headers=admin).get_json()
    assert [a["id"] for a in found["items"]] == [created["id"]]
    by_nfd_query = gateway.get(f"{API}/registry/agencies", query_string={"q": unicodedata.normalize("NFD", "học")},
                               headers=admin).get_json()
    assert [a["id"] for a in by_nfd_query["items"]] == [created["id"]]


def test_an_integer_field_refuses_2_5_instead_of_truncating_it_to_2(gateway, admin):
    agency = new_agency(gateway, admin)
    path = f"/registry/agencies/{agency['id']}/quality-system"

    refused = post(gateway, path, json.dumps({"scope_tthc_count": 2.5}), admin)
    whole = post(gateway, path, json.dumps({"scope_tthc_count": 2}), admin)

    problem = assert_bilingual_problem(refused, 422)
    assert "scope_tthc_count" in problem["errors"]
    assert whole.status_code == 201 and whole.get_json()["scope_tthc_count"] == 2


@pytest.mark.parametrize("given", ["x" * 200, "id with spaces", "a\u00e9b", "<script>"])
def test_a_client_request_id_that_is_too_long_or_odd_is_replaced_by_a_fresh_one(gateway, admin, given):
    response = post(gateway, "/registry/agencies", json.dumps({"name": "Sở Nội vụ", "agency_type": "SO"}), admin,
                    **{"X-Request-Id": given.encode("utf-8").decode("latin-1")})

    assert response.status_code == 201
    used = response.headers["X-Request-Id"]
    assert used != given and re.fullmatch(r"[A-Za-z0-9._-]{1,64}", used)
    trail = gateway.get(f"{API}/registry/audit", query_string={"entity_id": response.get_json()["id"]},
                        headers=admin).get_json()
    assert {entry["request_id"] for entry in trail} == {used}


def test_a_plain_client_request_id_is_kept(gateway, admin):
    response = post(gateway, "/registry/agencies", json.dumps({"name": "Sở Y tế", "agency_type": "SO"}), admin,
                    **{"X-Request-Id": "client-1.abc_DEF"})

    assert response.headers["X-Request-Id"] == "client-1.abc_DEF"


def test_as_of_is_answered_in_iso_8601_not_rfc_1123(gateway, issuer, admin):
    national = issuer.headers(sub="nation", roles=["national_viewer"])

    figures = gateway.get(f"{API}/reporting/national", query_string={"as_of": "2025-01-31"}, headers=national)
    summary = gateway.get(f"{API}/registry/summary", query_string={"as_of": "2025-01-31"}, headers=admin)

    assert figures.status_code == 200 and figures.get_json()["as_of"] == "2025-01-31"
    assert summary.status_code == 200 and summary.get_json()["as_of"] == "2025-01-31"
    assert b"GMT" not in figures.data + summary.data


LIBRARY_WORDS = ("Expiration Time claim", "must be an integer", "Invalid header", "Not enough segments",
                 "Signature", "padding", "Traceback", "Error(")


@pytest.mark.parametrize("token", ["abc", "a.b.c", "eyJhbGciOiJSUzI1NiJ9.e30.sig"])
def test_library_error_text_is_not_echoed_back(gateway, token):
    response = gateway.get(f"{API}/registry/agencies", headers={"Authorization": f"Bearer {token}"})

    problem = assert_bilingual_problem(response, 401)
    assert not any(word in problem["detail"] for word in LIBRARY_WORDS), problem["detail"]
