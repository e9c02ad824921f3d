"""The budget service on a real, migrated PostgreSQL database, with a Flask test client and test tokens."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from budget import costs, migrate
from budget.runtime import Runtime, create_app
from kit import db
from kit.outbox import OutboxMessage
from tests.support.service import migrated_database, testing_app

API = "/api/v1/budget"



@pytest.fixture(scope="session")
def budget_url(postgres) -> str:
    return migrated_database(postgres, "budget", migrate)


@pytest.fixture(scope="session")
def runtime(budget_url) -> Runtime:
    return Runtime(db.make_engine(budget_url))


@pytest.fixture(scope="session")
def app(runtime, issuer):
    return testing_app(create_app, runtime, issuer)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def officer(issuer, tenant):
    return issuer.headers(tenant=tenant, roles=["province_officer"])


@pytest.fixture
def leader(issuer, tenant):
    return issuer.headers(tenant=tenant, roles=["province_leader"])


def add_agency(runtime, tenant: str, agency_type: str = "NGANH_DOC", name: str = "Cục Thuế tỉnh") -> str:
    """An agency in the budget service's replica, as the registry's event would put it there."""
    agency_id = uuid.uuid4()
    costs.record_agency(runtime.uow(tenant), agency_id=agency_id, version=1, name=name, agency_type=agency_type)
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


def outbox_for(runtime, tenant, event_type: str | None = None) -> list[OutboxMessage]:
    with runtime.session_factory() as session:
        query = select(OutboxMessage).where(OutboxMessage.tenant_id == tenant).order_by(OutboxMessage.seq)
        rows = list(session.scalars(query, execution_options={"cross_tenant": True}))
    return [row for row in rows if event_type is None or row.type == event_type]
