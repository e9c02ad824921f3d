"""Real PostgreSQL and Kafka for tests: from the environment, from testcontainers, or started locally.

Never a silent skip: when none of the three works, the fixture fails with the reason.
"""

from __future__ import annotations

import os
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text


@dataclass
class Postgres:
    base_url: str  # postgresql+psycopg://user@host:port/postgres

    def create_database(self, prefix: str = "t") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        engine = create_engine(self.base_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return self.base_url.rsplit("/", 1)[0] + f"/{name}"


def docker_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=3).ping()
        return True
    except Exception:
        return False


@contextmanager
def postgres(workdir: Path):
    if os.environ.get("DATABASE_URL"):
        yield Postgres(os.environ["DATABASE_URL"])
    elif docker_answers():
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:16", driver="psycopg") as container:
            yield Postgres(container.get_connection_url())
    else:
        from localinfra.postgres import start_postgres

        server = start_postgres(workdir / "postgres")
        try:
            yield Postgres(server.url("postgres"))
        finally:
            server.stop()


@contextmanager
def kafka(workdir: Path):
    if os.environ.get("KAFKA_BOOTSTRAP_SERVERS"):
        yield os.environ["KAFKA_BOOTSTRAP_SERVERS"], None
    elif docker_answers():
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer() as container:
            yield container.get_bootstrap_server(), None
    else:
        from localinfra.kafka import start_kafka

        server = start_kafka(workdir / "kafka")
        try:
            yield server.bootstrap, server
        finally:
            server.stop()


@contextmanager
def s3(workdir: Path):
    """S3 settings (kit.attachments): from the environment (S3_BUCKET set), else a local S3Proxy started here."""
    if os.environ.get("S3_BUCKET"):
        yield {key: value for key, value in os.environ.items() if key.startswith("S3_")}
        return
    from localinfra.s3proxy import start_s3proxy

    server = start_s3proxy(workdir / "s3proxy")
    try:
        yield server.env
    finally:
        server.stop()
