"""Bad input is a clear 400/422 problem, never a 500, and nothing is half-written."""

import pytest

from tests.training.conftest import API, open_class, outbox_types, sessions

VALID = {"title": "Lớp", "course_type": "NHAN_THUC_CHUNG", "venue": "v", "capacity": 5, "provider": "p"}


@pytest.mark.parametrize("body", [
    {**VALID, "sessions": []},
    {**VALID, "sessions": [{"starts_at": "2026-06-01T08:00:00", "ends_at": "2026-06-01T11:00:00"}]},
    {**VALID, "capacity": 0, "sessions": sessions(1)},
    {**VALID, "cost_estimate": 1.5, "sessions": sessions(1)},
    {**VALID, "surprise": True, "sessions": sessions(1)},
    {**VALID, "sessions": [{"starts_at": "2026-06-01T04:00:00Z", "ends_at": "2026-06-01T01:00:00Z"}]},
], ids=["no sessions", "naive times", "zero capacity", "float money", "unknown field", "ends before start"])
def test_a_bad_class_is_refused_and_nothing_is_written(client, runtime, tenant, as_officer, body):
    response = client.post(f"{API}/classes", json=body, headers=as_officer)

    assert response.status_code in (400, 422)
    assert response.headers["Content-Type"] == "application/problem+json"
    assert outbox_types(runtime, tenant) == []


def test_an_unknown_status_is_refused(client, as_officer):
    opened = open_class(client, as_officer)

    response = client.post(f"{API}/classes/{opened['id']}/status", json={"status": "DONE"}, headers=as_officer)

    assert response.status_code == 422 and "status" in response.get_json()["errors"]


def test_a_nomination_with_an_unknown_role_is_refused(client, as_officer):
    opened = open_class(client, as_officer)

    response = client.post(f"{API}/classes/{opened['id']}/registrations", headers=as_officer, json={
        "agency_id": "0192f3a4-7c1e-7a10-9b2e-3f4a5b6c7d01", "person_id": "x", "full_name": "x", "qms_role": "BOSS"})

    assert response.status_code == 422


def test_a_malformed_id_in_the_path_is_404(client, as_officer):
    assert client.get(f"{API}/classes/not-a-uuid", headers=as_officer).status_code == 404


@pytest.mark.parametrize("query", ["page=0", "page_size=1000", "status=NOPE", "year=abc"])
def test_bad_list_queries_are_refused(client, as_officer, query):
    assert client.get(f"{API}/classes?{query}", headers=as_officer).status_code == 422
