"""Issue 20, the gateway's edge, through the real gateway over every real service: binary uploads pass the NUL
check, a chunked body over the limit is a 413, encoded separators and dot segments in the path are refused and
the raw path is what a service sees, `/metrics` is not answered through a proxy, invented methods make no new
series, and the merged OpenAPI document is built once."""

from __future__ import annotations

import io

import pytest
from prometheus_client import REGISTRY

from gateway.proxy import WsgiUpstream
from registry.services import tenants
from tests.registry.integration.test_spreadsheets import job_over

API = "/api/v1/registry"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def province(services, tenant: str) -> None:
    tenants.create_tenant(services["registry"].runtime.uow(tenant), name=f"Tỉnh {tenant}")


def admin(issuer, tenant: str) -> dict:
    return issuer.headers(sub=f"admin-{tenant}", tenant=tenant, roles=["province_admin"])


def exported_workbook(gateway, services, issuer, tenant: str) -> bytes:
    """The platform's own export of a province holding one agency."""
    province(services, tenant)
    created = gateway.post(f"{API}/agencies", json={"name": "Sở Tư pháp", "agency_type": "SO"},
                           headers=admin(issuer, tenant))
    assert created.status_code == 201, created.get_data(as_text=True)
    exported = gateway.get(f"{API}/agencies/export.xlsx", headers=admin(issuer, tenant))
    assert exported.status_code == 200 and exported.content_type == XLSX
    assert b"\x00" in exported.data  # a ZIP: the bytes the old NUL check refused
    return exported.data


class TestBinaryUploads:
    def test_the_platforms_own_xlsx_export_posted_back_to_the_import_is_not_refused_for_nul(
            self, gateway, services, issuer, tenant):
        workbook = exported_workbook(gateway, services, issuer, tenant)
        target = f"{tenant}-b"
        province(services, target)

        response = gateway.post(f"{API}/agencies/import", data=workbook, content_type=XLSX,
                                headers=admin(issuer, target))

        assert response.status_code == 202, response.get_data(as_text=True)
        assert job_over(gateway, admin(issuer, target), response.headers["Location"])["result"]["imported"] == 1

    def test_the_export_as_a_multipart_file_part_is_imported_too(self, gateway, services, issuer, tenant):
        workbook = exported_workbook(gateway, services, issuer, tenant)
        target = f"{tenant}-m"
        province(services, target)

        response = gateway.post(f"{API}/agencies/import", data={"file": (io.BytesIO(workbook), "co-quan.xlsx")},
                                content_type="multipart/form-data", headers=admin(issuer, target))

        assert response.status_code == 202, response.get_data(as_text=True)
        assert job_over(gateway, admin(issuer, target), response.headers["Location"])["status"] == "succeeded"

    def test_a_nul_in_a_json_body_is_still_refused(self, gateway, issuer, tenant):
        response = gateway.post(f"{API}/agencies", json={"name": "Sở\u0000", "agency_type": "SO"},
                                headers=admin(issuer, tenant))

        assert response.status_code == 422 and response.content_type == "application/problem+json"


class TestBodyLimit:
    def test_a_chunked_body_of_1_25_mib_is_a_413_problem_not_a_400(self, gateway, issuer, tenant):
        body = b'{"name": "' + b"a" * (5 * (1 << 18)) + b'"}'  # 1.25 MiB
        response = gateway.post(f"{API}/agencies", input_stream=io.BytesIO(body),
                                headers={**admin(issuer, tenant), "Transfer-Encoding": "chunked",
                                         "Content-Type": "application/json"},
                                environ_overrides={"wsgi.input_terminated": True})

        assert response.status_code == 413 and response.content_type == "application/problem+json"
        assert " / " in response.get_json()["detail"]  # Vietnamese / English


class TestRawPath:
    @pytest.mark.parametrize("path", [
        f"{API}/..%2f..%2f..%2fmetrics", f"{API}/agencies%3Fq=x", f"{API}/agencies%23x",
        f"{API}/agencies%2F..%2Ftenants", f"{API}/agencies%5c..", f"{API}/../../metrics", f"{API}/%2e%2e/x",
        f"{API}//agencies",
    ])
    def test_an_encoded_separator_or_a_dot_segment_in_the_path_is_a_400(self, gateway, issuer, tenant, path):
        response = gateway.get(path, headers=admin(issuer, tenant))

        assert response.status_code == 400 and response.content_type == "application/problem+json"

    def test_the_service_sees_the_path_as_sent(self, gateway, services, issuer, tenant, monkeypatch):
        seen = []
        forward = WsgiUpstream.forward

        def spy(self, method, path, query, headers, body):
            seen.append(path)
            return forward(self, method, path, query, headers, body)

        monkeypatch.setattr(WsgiUpstream, "forward", spy)
        province(services, tenant)

        response = gateway.get(f"{API}/agencies/S%E1%BB%9F%20x?q=S%E1%BB%9F", headers=admin(issuer, tenant))

        assert response.status_code in (400, 404) and response.content_type == "application/problem+json"
        assert seen == [f"{API}/agencies/S%E1%BB%9F%20x"]  # encoded, as sent: not decoded and re-read


class TestMetrics:
    def test_metrics_through_a_proxy_is_not_answered(self, gateway):
        through_ingress = gateway.get("/metrics", headers={"X-Forwarded-For": "203.0.113.7"})
        scrape = gateway.get("/metrics")

        assert through_ingress.status_code == 404
        assert scrape.status_code == 200 and b"http_requests_total" in scrape.data

    def test_invented_method_names_make_no_new_series(self, gateway):
        for word in ("FOO1", "FOO2", "PROPFIND"):
            gateway.open(f"{API}/agencies", method=word)

        methods = {sample.labels.get("method") for metric in REGISTRY.collect()
                   if metric.name == "http_requests" for sample in metric.samples}

        assert methods <= {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "OTHER"}
        assert "OTHER" in methods


class TestOpenApi:
    def test_the_merged_openapi_document_is_built_once(self, gateway, monkeypatch):
        fetched = []
        forward = WsgiUpstream.forward

        def spy(self, method, path, query, headers, body):
            fetched.append(path)
            return forward(self, method, path, query, headers, body)

        first = gateway.get("/api/openapi.json")
        monkeypatch.setattr(WsgiUpstream, "forward", spy)
        second = gateway.get("/api/openapi.json")

        assert first.status_code == second.status_code == 200
        assert first.get_json() == second.get_json() and "/api/v1/registry/agencies" in second.get_json()["paths"]
        assert fetched == []
