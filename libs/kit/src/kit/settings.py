"""What a service process reads from its environment; only `Settings.from_env` reads it (the command line calls it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import make_url

from kit import auth
from kit.config import env_int, env_str


@dataclass(frozen=True)
class Settings:
    """`database_url` is the application role's (ADR 10); `migration_database_url` the owner's, for `migrate` only
    (the same URL when not set); `database_app_role` the role `migrate` grants to (the user of `database_url`
    when not set)."""

    database_url: str
    auth: auth.AuthSettings | None = None
    kafka_bootstrap_servers: str | None = None
    bind: str = "127.0.0.1:8100"
    workers: int = 2
    migration_database_url: str | None = None
    database_app_role: str | None = None
    metrics_port: int | None = None  # `/metrics` of a relay or consumer (the APIs serve theirs themselves)
    health_file: Path | None = None  # touched by a consumer on every poll, for its liveness probe
    log_level: str = "INFO"
    log_format: str = "json"  # or "text", for a person at a terminal

    @classmethod
    def from_env(cls, environ: Mapping[str, str], default_bind: str = "127.0.0.1:8100") -> Settings:
        migration_url = env_str(environ, "MIGRATION_DATABASE_URL", None)
        health_file = env_str(environ, "HEALTH_FILE", None)
        return cls(
            database_url=env_str(environ, "DATABASE_URL", migration_url) or env_str(environ, "DATABASE_URL"),
            migration_database_url=migration_url,
            database_app_role=env_str(environ, "DATABASE_APP_ROLE", None),
            kafka_bootstrap_servers=env_str(environ, "KAFKA_BOOTSTRAP_SERVERS", None),
            auth=auth.auth_from_env(environ),
            bind=env_str(environ, "BIND", default_bind),
            workers=env_int(environ, "WEB_CONCURRENCY", 2),
            metrics_port=env_int(environ, "METRICS_PORT", 0) or None,
            health_file=Path(health_file) if health_file else None,
            log_level=env_str(environ, "LOG_LEVEL", "INFO"),
            log_format=env_str(environ, "LOG_FORMAT", "json"),
        )

    def migration_url(self) -> str:
        return self.migration_database_url or self.database_url

    def app_role(self) -> str | None:
        """The role the service's processes log in as, when it is not the owner that migrates (None: it is)."""
        if not self.migration_url().startswith("postgresql"):
            return None
        role = self.database_app_role or make_url(self.database_url).username
        return role if role != make_url(self.migration_url()).username else None

    def kafka(self) -> str:
        if not self.kafka_bootstrap_servers:
            raise SystemExit("KAFKA_BOOTSTRAP_SERVERS is required for this command")
        return self.kafka_bootstrap_servers
