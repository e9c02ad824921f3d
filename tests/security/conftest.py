"""Every service's app on its own real, migrated PostgreSQL database, for the security tests."""

from __future__ import annotations

import importlib

import pytest

from kit import db
from kit.embedded import service_names
from tests.support.service import migrated_database, testing_app


class ServiceUnderTest:
    """One service: its runtime (engine, units of work) and its Flask app verifying the test issuer's tokens."""

    def __init__(self, name: str, postgres, issuer):
        self.name = name
        module = importlib.import_module(f"{name}.runtime")
        url = migrated_database(postgres, f"sec_{name}", importlib.import_module(f"{name}.migrate"))
        self.runtime = module.Runtime(db.make_engine(url))
        self.app = testing_app(module.create_app, self.runtime, issuer)
        self.client = self.app.test_client()


@pytest.fixture(scope="session")
def services(postgres, issuer) -> dict[str, ServiceUnderTest]:
    return {name: ServiceUnderTest(name, postgres, issuer) for name in service_names()}
