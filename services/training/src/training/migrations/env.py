from alembic import context
from sqlalchemy import engine_from_config, pool

from kit import inbox, outbox  # noqa: F401  (their tables join KitBase.metadata)
from kit.db import KitBase
from training.orm import Base

target_metadata = [Base.metadata, KitBase.metadata]


def run() -> None:
    config = context.config
    engine = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.",
                                poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_metadata,
                          render_as_batch=connection.dialect.name == "sqlite")
        with context.begin_transaction():
            context.run_migrations()


run()
