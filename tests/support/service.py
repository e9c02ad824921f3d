"""The same set-up for every service's tests: a migrated database of its own and its Flask app."""

from __future__ import annotations


def migrated_database(postgres, name: str, migrate) -> str:
    """A fresh database for the service, migrated to head; returns its URL."""
    url = postgres.create_database(name)
    migrate.upgrade(url)
    return url


def testing_app(create_app, runtime, issuer):
    """The service's app, verifying the test issuer's tokens."""
    app = create_app(runtime, issuer.verifier())
    app.testing = True
    return app
