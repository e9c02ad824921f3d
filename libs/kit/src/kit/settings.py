"""What a service process reads from its environment; only `Settings.from_env` reads it (the command line calls it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import make_url

from kit import auth
from kit.config import MissingSetting, env_bool, env_int, env_str
from kit.kafka import PLAINTEXT, KafkaClients, KafkaSecurity, KafkaSettingsError
from kit.signing import Credentials, keyring_from_env


@dataclass(frozen=True)
class Settings:
    """`database_url` is the application role's (ADR 10); `migration_database_url` the owner's, for `migrate` only
    (the same URL when not set); `database_app_role` the role `migrate` grants to (the user of `database_url`
    when not set)."""

    database_url: str
    auth: auth.AuthSettings | None = None
    kafka_bootstrap_servers: str | None = None
    kafka_security: KafkaSecurity = PLAINTEXT
    bind: str = "127.0.0.1:8100"
    workers: int = 2
    migration_database_url: str | None = None
    database_app_role: str | None = None
    metrics_port: int | None = None  # `/metrics` of a relay or consumer (the APIs serve theirs themselves)
    health_file: Path | None = None  # touched by a consumer on every poll (a scheduler each pass): liveness
    log_level: str = "INFO"
    log_format: str = "json"  # or "text", for a person at a terminal
    # Where the relay LISTENs for new outbox rows: a direct URL (not through a transaction-mode pooler), `off` to
    # poll only; not set: DATABASE_URL (kit.wakeup, ADR 23).
    outbox_listen_url: str | None = None
    # A consumer applies each poll batch in one transaction (kit.batching, ADR 26); off: one message at a time.
    consumer_batch: bool = True
    # {tenant: signing key and chain} of the provinces whose PDFs are signed (SIGNING_CERTIFICATES, ADR 30).
    signing: dict[str, Credentials] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str], default_bind: str = "127.0.0.1:8100") -> Settings:
        migration_url = env_str(environ, "MIGRATION_DATABASE_URL", None)
        health_file = env_str(environ, "HEALTH_FILE", None)
        return cls(
            database_url=env_str(environ, "DATABASE_URL", migration_url) or env_str(environ, "DATABASE_URL"),
            migration_database_url=migration_url,
            database_app_role=env_str(environ, "DATABASE_APP_ROLE", None),
            kafka_bootstrap_servers=env_str(environ, "KAFKA_BOOTSTRAP_SERVERS", None),
            kafka_security=kafka_security_from_env(environ),
            auth=auth.auth_from_env(environ),
            bind=env_str(environ, "BIND", default_bind),
            workers=env_int(environ, "WEB_CONCURRENCY", 2),
            metrics_port=env_int(environ, "METRICS_PORT", 0) or None,
            health_file=Path(health_file) if health_file else None,
            log_level=env_str(environ, "LOG_LEVEL", "INFO"),
            log_format=env_str(environ, "LOG_FORMAT", "json"),
            outbox_listen_url=env_str(environ, "OUTBOX_LISTEN_URL", None),
            consumer_batch=env_bool(environ, "CONSUMER_BATCH", True),
            signing=keyring_from_env(environ),
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

    def kafka_clients(self) -> KafkaClients:
        """The process's Kafka clients: the broker and the sign-in of these settings."""
        return KafkaClients(self.kafka(), self.kafka_security)


def kafka_security_from_env(environ: Mapping[str, str]) -> KafkaSecurity:
    """KAFKA_SECURITY_PROTOCOL (PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL; default PLAINTEXT), KAFKA_SASL_MECHANISM
    (default SCRAM-SHA-512), KAFKA_USERNAME and KAFKA_PASSWORD (for the SASL protocols), KAFKA_CA_FILE or KAFKA_CA_CERT
    (the CA's PEM text, as a pod gets it from the Strimzi cluster CA Secret) for the TLS ones."""
    try:
        return KafkaSecurity(
            protocol=env_str(environ, "KAFKA_SECURITY_PROTOCOL", "PLAINTEXT").upper(),
            mechanism=env_str(environ, "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512").upper(),
            username=env_str(environ, "KAFKA_USERNAME", None),
            password=env_str(environ, "KAFKA_PASSWORD", None),
            ca_file=env_str(environ, "KAFKA_CA_FILE", None),
            ca_pem=env_str(environ, "KAFKA_CA_CERT", None),
        )
    except KafkaSettingsError as error:
        raise MissingSetting(str(error)) from None
