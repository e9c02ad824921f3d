"""The service's Alembic migrations (they ship inside the package)."""

from pathlib import Path

from kit import migrations

HERE = Path(__file__).parent / "migrations"


def alembic_config(database_url: str):
    return migrations.alembic_config(HERE, database_url)


def upgrade(database_url: str, revision: str = "head") -> None:
    migrations.upgrade(HERE, database_url, revision)
