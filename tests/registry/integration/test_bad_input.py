"""Bad input gets a clear problem+json 4xx; nothing is written and no event is emitted."""

import pytest

from tests.support.service import outbox

AGENCIES = "/api/v1/registry/agencies"


def count_agencies(client, headers) -> int:
    return client.get(AGENCIES, headers=headers).get_json()["total"]


@pytest.mark.parametrize(("body", "field"), [
    ({"name": "X", "agency_type": "SO", "tenant_id": "someone-else"}, "tenant_id"),
    ({"name": "X", "agency_type": "SO", "status": "DA_GIAI_THE"}, "status"),
    ({"name": "X", "agency_type": "SO", "id": "00000000-0000-0000-0000-000000000001"}, "id"),
    ({"name": 42, "agency_type": "SO"}, "name"),
    ({"name": "X", "agency_type": "NOT_A_TYPE"}, "agency_type"),
    ({"agency_type": "SO"}, "name"),
    ({"name": "X"}, "agency_type"),
    ({"name": "", "agency_type": "SO"}, "name"),
    ({"name": "X", "agency_type": "SO", "location_unit_code": "9"}, "location_unit_code"),
    ({"name": "X", "agency_type": "SO", "valid_from": "30/06/2025"}, "valid_from"),
], ids=["tenant_id", "status", "id", "wrong type", "unknown enum", "missing name", "missing type", "empty name",
        "bad unit code", "bad date"])
def test_invalid_bodies_are_refused_field_by_field(client, runtime, province, as_officer, body, field):
    response = client.post(AGENCIES, json=body, headers=as_officer)

    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert field in response.get_json()["errors"]
    assert count_agencies(client, as_officer) == 0 and outbox(runtime, province, topic="registry.agency") == []


def test_a_body_that_is_not_json_is_refused(client, runtime, province, as_officer):
    response = client.post(AGENCIES, data="{name:", headers={**as_officer, "Content-Type": "application/json"})

    assert response.status_code == 400 and response.content_type == "application/problem+json"
    assert outbox(runtime, province, topic="registry.agency") == []


def test_an_oversized_body_is_413(client, runtime, province, as_officer):
    response = client.post(AGENCIES, json={"name": "x" * (2 << 20), "agency_type": "SO"}, headers=as_officer)

    assert response.status_code == 413 and response.content_type == "application/problem+json"
    assert outbox(runtime, province, topic="registry.agency") == []


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic eDp5"}],
                         ids=["no token", "invalid token", "wrong scheme"])
def test_without_a_valid_token_it_is_401(client, runtime, province, headers):
    response = client.post(AGENCIES, json={"name": "X", "agency_type": "SO"}, headers=headers)

    assert response.status_code == 401 and response.content_type == "application/problem+json"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert outbox(runtime, province, topic="registry.agency") == []


def test_an_empty_update_is_refused(client, province, as_officer):
    agency = client.post(AGENCIES, json={"name": "X", "agency_type": "SO"}, headers=as_officer).get_json()

    response = client.patch(f"{AGENCIES}/{agency['id']}", json={}, headers=as_officer)

    assert response.status_code == 422


def test_a_malformed_id_is_404(client, province, as_officer):
    assert client.get(f"{AGENCIES}/not-a-uuid", headers=as_officer).status_code == 404


def test_probes_and_metrics_need_no_token(client):
    assert client.get("/livez").status_code == 200
    assert client.get("/readyz").get_json() == {"status": "ready"}
    assert b"http_requests_total" in client.get("/metrics").data


def test_a_nul_character_the_database_refuses_is_a_422_not_a_500(client, runtime, province, as_officer):
    response = client.post(AGENCIES, json={"name": "Sở Tư pháp\x00", "agency_type": "SO"}, headers=as_officer)

    assert response.status_code == 422 and response.content_type == "application/problem+json"
    assert count_agencies(client, as_officer) == 0 and outbox(runtime, province, topic="registry.agency") == []
