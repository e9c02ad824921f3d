"""End to end on the distributed topology: gateway -> registry (gunicorn) -> PostgreSQL -> outbox ->
relay -> Kafka -> consumer, each a real process."""

from __future__ import annotations

import json
import signal

import pytest
import requests
from sqlalchemy import create_engine, text

from tests.e2e.conftest import eventually, kafka_messages, produce_raw, token

pytestmark = pytest.mark.e2e

AGENCIES = "/api/v1/registry/agencies"


def create_agency(stack, headers, name: str) -> dict:
    response = requests.post(f"{stack.gateway}{AGENCIES}", json={"name": name, "agency_type": "SO"},
                             headers=headers, timeout=10)
    assert response.status_code == 201, response.text
    return response.json()


def history(stack, headers, agency_id: str) -> list:
    response = requests.get(f"{stack.gateway}{AGENCIES}/{agency_id}/history", headers=headers, timeout=10)
    return response.json() if response.status_code == 200 else []


def sql(stack, query: str, **params) -> list:
    engine = create_engine(stack.database_urls["registry"])
    with engine.connect() as connection:
        rows = connection.execute(text(query), params).all()
    engine.dispose()
    return rows


def keyed(agency_id: str):
    return lambda m: m.key == agency_id.encode()


class TestAgencyEndToEnd:
    def test_an_agency_is_committed_published_with_headers_and_recorded_once(self, stack, kafka):
        headers = token(stack, "an-giang.admin")

        agency = create_agency(stack, headers, "Sở Công Thương An Giang")

        [(tenant, name)] = sql(stack, "SELECT tenant_id, name FROM agencies WHERE id = :id", id=agency["id"])
        assert (tenant, name) == ("an-giang", "Sở Công Thương An Giang")
        [message] = kafka_messages(kafka, "registry.agency", keyed(agency["id"]))
        attributes = {name: value.decode() for name, value in message.headers}
        assert attributes["ce_type"] == "registry.agency.registered"
        assert attributes["ce_tenant"] == "an-giang"
        assert attributes["ce_subject"] == agency["id"]
        assert attributes["content-type"].startswith("application/cloudevents+json")
        assert json.loads(message.value)["id"] == attributes["ce_id"]
        eventually(lambda: history(stack, headers, agency["id"]))

        produce_raw(kafka, "registry.agency", message.key, message.value, message.headers)
        requests.patch(f"{stack.gateway}{AGENCIES}/{agency['id']}", json={"short_name": "Sở CT"},
                       headers={**headers, "If-Match": '"1"'}, timeout=10).raise_for_status()
        entries = eventually(lambda: [e for e in history(stack, headers, agency["id"]) if e["version"] == 2]
                             and history(stack, headers, agency["id"]))

        assert [e["version"] for e in entries] == [1, 2]
        assert sql(stack, "SELECT count(*) FROM processed_messages WHERE message_id = :id",
                   id=attributes["ce_id"]) == [(1,)]

    def test_a_relay_killed_before_publishing_loses_nothing(self, stack, kafka):
        headers = token(stack, "an-giang.officer")
        stack.kill("registry-relay", signal.SIGKILL)

        agency = create_agency(stack, headers, "Sở Xây dựng An Giang")

        assert sql(stack, "SELECT count(*) FROM outbox_messages WHERE key = :k AND published_at IS NULL",
                   k=agency["id"]) == [(1,)]
        stack.start_service("registry", roles=("relay",))
        assert kafka_messages(kafka, "registry.agency", keyed(agency["id"]))
        eventually(lambda: history(stack, headers, agency["id"]))

    def test_a_poison_message_is_dead_lettered_and_its_partition_keeps_flowing(self, stack, kafka):
        headers = token(stack, "an-giang.officer")
        agency = create_agency(stack, headers, "Sở Tài chính An Giang")
        eventually(lambda: history(stack, headers, agency["id"]))

        produce_raw(kafka, "registry.agency", agency["id"].encode(), b"\x00not json",
                    [("ce_type", b"registry.agency.updated")])
        requests.patch(f"{stack.gateway}{AGENCIES}/{agency['id']}", json={"short_name": "STC"},
                       headers={**headers, "If-Match": '"1"'}, timeout=10).raise_for_status()

        eventually(lambda: len(history(stack, headers, agency["id"])) == 2)
        # Every consumer of the topic dead-letters its own copy; this one is the registry's.
        [dead] = kafka_messages(kafka, "registry.agency.dlq", lambda m: keyed(agency["id"])(m) and (
            "x-consumer", b"registry.history") in m.headers)
        attributes = {name: value.decode() for name, value in dead.headers}
        assert dead.value == b"\x00not json"
        assert attributes["x-original-topic"] == "registry.agency"
        assert "not a valid event envelope" in attributes["x-error"]


class TestThroughTheGateway:
    def test_another_provinces_agency_is_404(self, stack):
        agency = create_agency(stack, token(stack, "an-giang.admin"), "Sở Nội vụ An Giang")
        other = {**token(stack, "binh-thuan.officer"), "If-Match": '"1"'}  # the version is not what refuses it

        for method, suffix, body in [("GET", "", None), ("PATCH", "", {"name": "x"}),
                                     ("POST", "/dissolve", {"dissolved_on": "2025-07-01"})]:
            response = requests.request(method, f"{stack.gateway}{AGENCIES}/{agency['id']}{suffix}", json=body,
                                        headers=other, timeout=10)
            assert response.status_code == 404, (method, suffix)
        listed = requests.get(f"{stack.gateway}{AGENCIES}?q=Nội vụ An Giang", headers=other, timeout=10).json()
        assert listed["items"] == []

    @pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer x.y.z"}], ids=["no token", "bad token"])
    def test_the_gateway_refuses_requests_without_a_valid_token(self, stack, headers):
        response = requests.get(f"{stack.gateway}{AGENCIES}", headers=headers, timeout=10)

        assert response.status_code == 401
        assert response.headers["Content-Type"] == "application/problem+json"

    def test_an_oversized_body_stops_at_the_gateway(self, stack):
        response = requests.post(f"{stack.gateway}{AGENCIES}", data=b"x" * (2 << 20),
                                 headers={**token(stack, "an-giang.admin"), "Content-Type": "application/json"},
                                 timeout=10)

        assert response.status_code == 413

    def test_an_attachment_goes_through_the_gateway_into_the_s3_server_and_back(self, stack):
        admin = token(stack, "an-giang.admin")
        agency = create_agency(stack, admin, "Sở Khoa học và Công nghệ An Giang")
        base = f"{stack.gateway}{AGENCIES}/{agency['id']}"
        system = requests.post(f"{base}/quality-system", json={}, headers=admin, timeout=10).json()

        made = requests.post(f"{base}/attachments", headers=admin, timeout=30, files={
            "file": ("Sổ tay chất lượng.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
            data={"record_kind": "quality_system", "record_id": system["id"]})

        assert made.status_code == 201, made.text
        got = requests.get(f"{base}/attachments/{made.json()['id']}", headers=admin, timeout=30)
        assert (got.status_code, got.content) == (200, b"%PDF-1.4\n%%EOF\n")

    def test_unknown_dev_users_get_no_token(self, stack):
        response = requests.post(f"{stack.gateway}/auth/dev-token", json={"username": "mallory"}, timeout=10)

        assert response.status_code == 401

    def test_the_merged_openapi_lists_the_registry_paths(self, stack):
        document = requests.get(f"{stack.gateway}/api/openapi.json", timeout=10).json()

        assert "/api/v1/registry/agencies" in document["paths"]
        assert "registry.Agency" in document["components"]["schemas"]

    def test_a_service_that_is_down_gives_a_clear_503(self, stack):
        headers = token(stack, "an-giang.admin")
        stack.kill("registry-api", signal.SIGTERM)
        try:
            response = requests.get(f"{stack.gateway}{AGENCIES}", headers=headers, timeout=10)

            assert response.status_code == 503
            assert "registry" in response.json()["detail"]
        finally:
            stack.start_service("registry", roles=("api",))


class TestOperability:
    def test_service_metrics_add_up_across_gunicorn_workers(self, stack):
        headers = token(stack, "an-giang.officer")
        for _ in range(6):
            requests.get(f"{stack.gateway}{AGENCIES}?page_size=1", headers=headers, timeout=10).raise_for_status()

        body = requests.get(f"http://127.0.0.1:{stack.ports['registry']}/metrics", timeout=10).text

        [line] = [row for row in body.splitlines() if row.startswith("http_requests_total{")
                  and 'route="/api/v1/registry/agencies"' in row and 'method="GET"' in row and 'status="200"' in row]
        assert float(line.rsplit(" ", 1)[1]) >= 6

    def test_readiness_reports_the_database(self, stack):
        response = requests.get(f"http://127.0.0.1:{stack.ports['registry']}/readyz", timeout=10)

        assert response.status_code == 200 and response.json() == {"status": "ready"}
