"""Issue 20, finding: a token for a province that was never registered can write plans, reports and settings.

The gateway forwards a write only for a province the registry knows (gateway.provinces), asked with the caller's
own token; reads pass (there is nothing to read)."""

from __future__ import annotations

import pytest

from gateway.proxy import UpstreamUnavailable
from tests.robustness.conftest import gateway_over
from tests.support.service import outbox

ANNUAL = {"report_type": "BC_TINH_NAM", "period_start": "2021-01-01", "cutoff": "2021-12-14"}
WRITES = [("POST", "/api/v1/inspections/plans", {"year": 2026, "targets": []}),
          ("POST", "/api/v1/reporting/reports", ANNUAL),
          ("PUT", "/api/v1/inspections/settings/onsite_min_percent", {"value": 50}),
          ("PATCH", "/api/v1/training/settings", {"completion_percent": 80})]


def _officer(issuer, tenant: str) -> dict:
    return issuer.headers(sub="officer", tenant=tenant, roles=["province_admin", "province_officer"])


@pytest.mark.parametrize(("method", "path", "body"), WRITES, ids=[f"{m} {p}" for m, p, _ in WRITES])
def test_a_token_for_a_province_that_was_never_registered_cannot_write_plans_reports_and_settings(
        gateway, services, issuer, tenant, method, path, body):
    response = gateway.open(path, method=method, json=body, headers={**_officer(issuer, tenant), "If-Match": '"1"'})

    assert response.status_code == 403, response.get_data(as_text=True)
    problem = response.get_json()
    assert problem["code"] == "province_unknown"
    assert "chưa được đăng ký" in problem["detail"] and "not registered" in problem["detail"]
    assert all(outbox(sut.runtime, tenant) == [] for sut in services.values())


def test_the_same_write_passes_once_the_province_is_registered(gateway, issuer, province):
    response = gateway.post("/api/v1/reporting/reports", json=ANNUAL, headers=_officer(issuer, province))

    assert response.status_code == 201, response.get_data(as_text=True)


def test_reads_of_a_province_that_was_never_registered_pass_and_find_nothing(gateway, issuer, tenant):
    response = gateway.get("/api/v1/inspections/plans", headers=_officer(issuer, tenant))

    assert response.status_code == 200
    assert response.get_json()["items"] == []


class _Down:
    def forward(self, *_args):
        raise UpstreamUnavailable("connection refused")


def test_a_write_waits_when_the_registry_cannot_confirm_the_province(services, issuer, province):
    gateway = gateway_over(services, issuer, registry=_Down()).test_client()

    response = gateway.post("/api/v1/reporting/reports", json=ANNUAL, headers=_officer(issuer, province))

    assert response.status_code == 503
    assert response.get_json()["code"] == "province_unconfirmed"
    assert response.headers["Retry-After"] == "5"
    assert outbox(services["reporting"].runtime, province) == []
