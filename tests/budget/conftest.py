"""The budget service on a real, migrated PostgreSQL database, with a Flask test client and test tokens."""

from __future__ import annotations

import uuid

import pytest

from budget.services import agencies
from tests.support.service import service_fixtures

API = "/api/v1/budget"

under_test, runtime, app, client = service_fixtures("budget")


@pytest.fixture
def officer(issuer, tenant):
    return issuer.headers(tenant=tenant, roles=["province_officer"])


@pytest.fixture
def leader(issuer, tenant):
    return issuer.headers(tenant=tenant, roles=["province_leader"])


def add_agency(runtime, tenant: str, agency_type: str = "NGANH_DOC", name: str = "Cục Thuế tỉnh") -> str:
    """An agency in the budget service's replica, as the registry's event would put it there."""
    agency_id = uuid.uuid4()
    agencies.record_agency(runtime.uow(tenant), agency_id=agency_id, version=1, name=name, agency_type=agency_type)
    return str(agency_id)


def new_line(client, headers, expect: int = 201, **fields) -> dict:
    body = {"fiscal_year": 2025, "title": "Xây dựng HTQLCL", "category": "TU_VAN_XAY_DUNG_LAN_DAU",
            "funding_source": "NS_TINH", "estimate": 50_000_000, **fields}
    response = client.post(f"{API}/lines", json=body, headers=headers)
    assert response.status_code == expect, response.get_json()
    return response.get_json()


def approved_line(client, officer, leader, approved: int = 60_000_000, **fields) -> dict:
    line = new_line(client, officer, **fields)
    body = {"approved": approved, "approving_doc": "312/QĐ-UBND", "approved_on": "2025-01-20"}
    response = client.post(f"{API}/lines/{line['id']}/approve", json=body, headers=leader)
    assert response.status_code == 200, response.get_json()
    return response.get_json()
