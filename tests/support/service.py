"""The same set-up for every service's tests: a migrated database of its own and its Flask app.

As in production (ADR 10), each database is owned by an owner role that runs the migrations, and the service
runs as an application role that owns nothing and is subject to row-level security.
"""

from __future__ import annotations

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import ProgrammingError

from kit import migrations

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


def migrated_database(postgres, name: str, migrate) -> str:
    """A fresh database for the service, migrated to head by its owner; returns the URL the service runs with
    (the application role's)."""
    owner_url, app_url = owned_database(postgres, name)
    migrate.upgrade(owner_url)
    migrations.grant(owner_url, APP)
    return app_url


def testing_app(create_app, runtime, issuer):
    """The service's app, verifying the test issuer's tokens."""
    app = create_app(runtime, issuer.verifier())
    app.testing = True
    return app
