"""The registry on a real, migrated PostgreSQL database, with a Flask test client and test tokens; and helpers
that call its routes."""

from __future__ import annotations

import uuid

import pytest

from registry.services import tenants
from tests.support.service import service_fixtures

under_test, runtime, app, client = service_fixtures("registry")

AGENCIES = "/api/v1/registry/agencies"


@pytest.fixture
def province(runtime, tenant) -> str:
    """A registered province (fresh per test)."""
    tenants.create_tenant(runtime.uow(tenant), name=f"Tỉnh {tenant}")
    return tenant


@pytest.fixture
def other_province(runtime) -> str:
    slug = "other-" + uuid.uuid4().hex[:8]
    tenants.create_tenant(runtime.uow(slug), name="Tỉnh khác")
    return slug


@pytest.fixture
def as_officer(issuer, province):
    return issuer.headers(tenant=province, roles=["province_officer"])


def new_agency(client, headers, **fields) -> dict:
    body = {"name": "Sở Tư pháp", "agency_type": "SO", **fields}
    response = client.post(AGENCIES, json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


class Records:
    """Calls on one agency's records, asserting the status code."""

    def __init__(self, client, headers, agency_id):
        self.client, self.headers, self.base = client, headers, f"{AGENCIES}/{agency_id}"

    def post(self, path, body=None, status=200):
        response = self.client.post(f"{self.base}{path}", json=body or {}, headers=self.headers)
        assert response.status_code == status, response.get_json()
        return response.get_json()

    def create(self, status=201, **fields):
        return self.post("/quality-system", fields, status)

    def move(self, command, on="2021-03-01", status=200, **body):
        return self.post(f"/quality-system/{command}", {"on": on, **body}, status)

    def audit(self, on="2021-05-10"):
        self.post("/maintenance", {"activity_type": "DANH_GIA_NOI_BO", "activity_date": on}, 201)
        self.post("/maintenance", {"activity_type": "XEM_XET_LANH_DAO", "activity_date": on}, 201)

    def announce(self, status=201, **body):
        fields = {"decision_no": "15/QĐ-STP", "decision_date": "2021-06-01", **body}
        return self.post("/quality-system/announce", fields, status)

    def applied(self, **create):
        self.create(**create)
        self.move("start-building", on="2017-06-01" if "2008" in str(create) else "2021-01-04")
        self.move("apply", on="2021-03-01")

    def announced(self, **create):
        self.applied(**create)
        self.audit()
        return self.announce()
