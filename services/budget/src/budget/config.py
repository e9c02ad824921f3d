"""Settings of the budget service."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kit.auth import AuthSettings, auth_from_env
from kit.config import env_int, env_str

SERVICE = "budget"


@dataclass(frozen=True)
class Settings:
    database_url: str
    auth: AuthSettings | None = None
    kafka_bootstrap_servers: str | None = None
    bind: str = "127.0.0.1:8104"
    workers: int = 2

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> Settings:
        return cls(
            database_url=env_str(environ, "DATABASE_URL"),
            kafka_bootstrap_servers=env_str(environ, "KAFKA_BOOTSTRAP_SERVERS", None),
            auth=auth_from_env(environ),
            bind=env_str(environ, "BIND", "127.0.0.1:8104"),
            workers=env_int(environ, "WEB_CONCURRENCY", 2),
        )
