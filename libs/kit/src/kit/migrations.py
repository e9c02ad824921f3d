"""Alembic driven from Python, so each service's migrations ship inside its package.

A service's `migrations/env.py` is two lines: import its metadata and call `run_env(metadata)`. Migrations run
as the database owner; `grant` then gives the application role (ADR 10) its privileges on whatever now exists.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData, create_engine, engine_from_config, pool

from kit import rls


def alembic_config(migrations_dir: Path, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(migrations_dir: Path, database_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(migrations_dir, database_url), revision)


def grant(database_url: str, role: str) -> None:
    """Grant the application role its privileges (`kit.rls.grant`) as the owner at `database_url`."""
    engine = create_engine(database_url, poolclass=pool.NullPool)
    try:
        with engine.begin() as connection:
            rls.grant(connection, role)
    finally:
        engine.dispose()


def run_env(service_metadata: MetaData) -> None:
    """The body of `env.py`: migrate the service's tables and kit's (outbox, inbox) on one connection."""
    from kit import audit, inbox, outbox  # noqa: F401  (their tables join KitBase.metadata)
    from kit.db import KitBase

    config = context.config
    engine = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.",
                                poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=[service_metadata, KitBase.metadata],
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            # A data migration works on every province's rows: row-level security lets it, as the escape hatch.
            rls.set_tenant(connection, None, True)
            context.run_migrations()
