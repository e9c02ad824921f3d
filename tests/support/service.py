"""The same set-up for every service's tests: a migrated database of its own, its runtime and its Flask app.

As in production (ADR 10), each database is owned by an owner role that runs the migrations, and the service
runs as an application role that owns nothing and is subject to row-level security.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import create_engine, make_url, select, text
from sqlalchemy.exc import ProgrammingError

from kit import migrations
from kit.outbox import OutboxMessage
from kit.runtime import Runtime
from kit.service import WORKERS_STOP, Service, load

OWNER, OWNER_PASSWORD = "isohcc_owner", "isohcc-owner-test"
APP, APP_PASSWORD = "isohcc_app", "isohcc-app-test"
ROLES = {
    OWNER: f"LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD '{OWNER_PASSWORD}'",
    APP: f"LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT PASSWORD '{APP_PASSWORD}'",
}


def create_roles(admin_url: str) -> None:
    """Create the owner and application login roles on the server, once (the operator's step in production)."""
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for role, options in ROLES.items():
                if connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": role}).first():
                    continue
                try:
                    connection.execute(text(f"CREATE ROLE {role} {options}"))
                except ProgrammingError as exc:  # another test session on the same server was first
                    if "already exists" not in str(exc):
                        raise
    finally:
        engine.dispose()


def login(url: str, role: str, password: str) -> str:
    """`url` with another role's credentials."""
    return make_url(url).set(username=role, password=password).render_as_string(hide_password=False)


def owned_database(postgres, name: str) -> tuple[str, str]:
    """A fresh database owned by the owner role: (the owner's URL, the application role's URL)."""
    create_roles(postgres.base_url)
    admin_url = postgres.create_database(name)
    engine = create_engine(postgres.base_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{make_url(admin_url).database}" OWNER TO {OWNER}'))
    finally:
        engine.dispose()
    return login(admin_url, OWNER, OWNER_PASSWORD), login(admin_url, APP, APP_PASSWORD)


def migrated_database(postgres, name: str, service: Service) -> str:
    """A fresh database for the service, migrated to head by its owner; returns the URL the service runs with
    (the application role's)."""
    owner_url, app_url = owned_database(postgres, name)
    service.migrate(owner_url)
    migrations.grant(owner_url, APP)
    return app_url


@dataclass
class ServiceUnderTest:
    """One service on its own migrated database, running as the application role: its declaration, runtime and
    Flask app (verifying the test issuer's tokens)."""

    service: Service
    runtime: Runtime
    app: Flask

    @classmethod
    def start(cls, postgres, issuer, name: str, database: str | None = None, **engine_options) -> ServiceUnderTest:
        service = load(name)
        runtime = service.runtime_at(migrated_database(postgres, database or name, service), **engine_options)
        app = service.api_app(runtime, issuer.verifier(), workers=True)
        app.testing = True
        return cls(service, runtime, app)

    @classmethod
    def on_sqlite(cls, folder: Path, issuer, name: str) -> ServiceUnderTest:
        """The service on a SQLite file in `folder`, migrated as the embedded mode migrates it."""
        service = load(name)
        url = f"sqlite:///{folder / f'{name}.db'}"
        service.migrate(url)
        runtime = service.runtime_at(url)
        app = service.api_app(runtime, issuer.verifier())  # no worker threads: a test drives them
        app.testing = True
        return cls(service, runtime, app)

    @property
    def name(self) -> str:
        return self.service.name

    @cached_property
    def client(self):
        """One test client for the session (a test that wants a fresh one takes the `client` fixture)."""
        return self.app.test_client()



def outbox(runtime: Runtime, tenant: str, *, topic: str | None = None,
           event_type: str | None = None) -> list[OutboxMessage]:
    """The outbox rows of `tenant` in the order written, optionally of one topic or one event type."""
    query = select(OutboxMessage).where(OutboxMessage.tenant_id == tenant).order_by(OutboxMessage.seq)
    if topic:
        query = query.where(OutboxMessage.topic == topic)
    if event_type:
        query = query.where(OutboxMessage.type == event_type)
    with runtime.session_factory() as session:
        return list(session.scalars(query, execution_options={"cross_tenant": True}))


def service_fixtures(name: str, **engine_options):
    """The fixtures every service's tests use, for one service: `under_test` (a `ServiceUnderTest`, once per
    session), its `runtime` and `app`, and a fresh test `client`. A conftest assigns them to module names:
    `under_test, runtime, app, client = service_fixtures("registry")`."""

    @pytest.fixture(scope="session")
    def under_test(postgres, issuer) -> Iterator[ServiceUnderTest]:
        started = ServiceUnderTest.start(postgres, issuer, name, **engine_options)
        yield started
        started.app.extensions[WORKERS_STOP].set()  # its worker threads stop before the database does

    @pytest.fixture(scope="session")
    def runtime(under_test) -> Runtime:
        return under_test.runtime

    @pytest.fixture(scope="session")
    def app(under_test) -> Flask:
        return under_test.app

    @pytest.fixture
    def client(app):
        return app.test_client()

    return under_test, runtime, app, client
