"""Every service's app on its own real, migrated PostgreSQL database, for the security tests."""

from __future__ import annotations

import pytest

from kit.service import service_names
from tests.support.service import ServiceUnderTest


@pytest.fixture(scope="session")
def services(postgres, issuer, s3) -> dict[str, ServiceUnderTest]:
    return {name: ServiceUnderTest.start(postgres, issuer, name, f"sec_{name}") for name in service_names()}
