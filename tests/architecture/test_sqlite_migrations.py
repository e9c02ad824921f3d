"""Every service's migrations run on SQLite, the embedded mode's database (`make run`): a data migration that binds
an untyped value SQLite cannot take (a UUID) fails here in a second rather than in the embedded end-to-end test."""

from __future__ import annotations

import importlib

import pytest
import sqlalchemy as sa

SERVICES = ("registry", "inspections", "training", "budget", "reporting")


@pytest.mark.parametrize("name", SERVICES)
def test_the_migrations_reach_head_on_sqlite(name, tmp_path):
    service = importlib.import_module(f"{name}.service").SERVICE
    url = f"sqlite:///{tmp_path / name}.db"

    service.migrate(url)

    tables = set(sa.inspect(sa.create_engine(url)).get_table_names())
    assert set(service.metadata.tables) <= tables
