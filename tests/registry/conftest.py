"""The registry on a real, migrated PostgreSQL database, with a Flask test client and test tokens."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from kit import db
from kit.outbox import OutboxMessage
from registry import migrate, services
from registry.runtime import Runtime, create_app
from tests.support.service import migrated_database, testing_app


@pytest.fixture(scope="session")
def registry_url(postgres) -> str:
    return migrated_database(postgres, "registry", migrate)


@pytest.fixture(scope="session")
def runtime(registry_url) -> Runtime:
    return Runtime(db.make_engine(registry_url))


@pytest.fixture(scope="session")
def app(runtime, issuer):
    return testing_app(create_app, runtime, issuer)


@pytest.fixture
def client(app):
    return app.test_client()


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


def outbox_for(runtime, tenant, topic: str = "registry.agency") -> list[OutboxMessage]:
    with runtime.session_factory() as session:
        query = (select(OutboxMessage).where(OutboxMessage.tenant_id == tenant, OutboxMessage.topic == topic)
                 .order_by(OutboxMessage.seq))
        return list(session.scalars(query, execution_options={"cross_tenant": True}))


def new_agency(client, headers, **fields) -> dict:
    body = {"name": "Sở Tư pháp", "agency_type": "SO", **fields}
    response = client.post("/api/v1/registry/agencies", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()
