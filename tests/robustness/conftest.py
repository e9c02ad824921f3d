"""Issue 20's regression tests run through the gateway, in process, over every service on its own real, migrated
PostgreSQL database (as the application role, under row-level security)."""

from __future__ import annotations

import pytest

from gateway.app import create_app
from gateway.limits import EdgePolicy, FixedWindowLimiter
from gateway.proxy import WsgiUpstream
from kit.service import service_names
from registry.services import tenants
from tests.support.service import ServiceUnderTest


@pytest.fixture(scope="session")
def services(postgres, issuer) -> dict[str, ServiceUnderTest]:
    return {name: ServiceUnderTest.start(postgres, issuer, name, f"rb_{name}") for name in service_names()}


def gateway_over(services: dict[str, ServiceUnderTest], issuer, **replaced):
    """The gateway app over the services in process, without rate limits; `replaced`: upstreams put in place of
    some services' (an unreachable registry)."""
    upstreams = {name: WsgiUpstream(sut.app) for name, sut in services.items()} | replaced
    unlimited = EdgePolicy(per_user=FixedWindowLimiter(10**9), per_ip=FixedWindowLimiter(10**9))
    return create_app(upstreams, issuer.verifier(), None, edge=unlimited)


@pytest.fixture(scope="session")
def gateway_app(services, issuer):
    return gateway_over(services, issuer)


@pytest.fixture
def gateway(gateway_app):
    """A fresh test client of the gateway."""
    return gateway_app.test_client()


@pytest.fixture
def province(services, tenant) -> str:
    """A province registered in the registry: the gateway forwards writes only for those (gateway.provinces)."""
    tenants.create_tenant(services["registry"].runtime.uow(tenant), name=f"Tỉnh {tenant}")
    return tenant
