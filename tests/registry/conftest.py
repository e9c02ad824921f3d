"""The registry on a real, migrated PostgreSQL database, with a Flask test client and test tokens."""

from __future__ import annotations

import uuid

import pytest

from registry import services
from tests.support.service import service_fixtures

under_test, runtime, app, client = service_fixtures("registry")


@pytest.fixture
def province(runtime, tenant) -> str:
    """A registered province (fresh per test)."""
    services.create_tenant(runtime.uow(tenant), name=f"Tỉnh {tenant}")
    return tenant


@pytest.fixture
def other_province(runtime) -> str:
    slug = "other-" + uuid.uuid4().hex[:8]
    services.create_tenant(runtime.uow(slug), name="Tỉnh khác")
    return slug


@pytest.fixture
def as_officer(issuer, province):
    return issuer.headers(tenant=province, roles=["province_officer"])


def new_agency(client, headers, **fields) -> dict:
    body = {"name": "Sở Tư pháp", "agency_type": "SO", **fields}
    response = client.post("/api/v1/registry/agencies", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()
