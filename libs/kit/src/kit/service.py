"""What every service shares around its domain: settings, composition and `python -m <service> ...`.

A service declares itself with a `Service` (its name, Flask app factory, migrations, event handlers) and its
`__main__` calls `service.main()`; the commands `api`, `relay`, `consume`, `migrate` and `seed-demo` are the
same everywhere, and a service may add its own.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from flask import Flask, g, has_request_context, request
from sqlalchemy import Engine, make_url
from sqlalchemy.orm import sessionmaker

from kit import audit, auth, db, logs, metrics, migrations, serve, tenancy
from kit.config import env_int, env_str
from kit.consumer import ConsumerLoop
from kit.lag import kafka_lag
from kit.messaging import Consumer, KafkaConsumerAdapter, KafkaProducerAdapter, Producer
from kit.relay import Relay
from kit.uow import InboxMark, Trace, UnitOfWork


@dataclass(frozen=True)
class Settings:
    """What a service process reads from the environment (only `Settings.from_env` reads it).

    `database_url` is the application role's (ADR 10); `migration_database_url` the owner's, for `migrate` only
    (the same URL when not set); `database_app_role` the role `migrate` grants to (the user of `database_url`
    when not set)."""

    database_url: str
    auth: auth.AuthSettings | None = None
    kafka_bootstrap_servers: str | None = None
    bind: str = "127.0.0.1:8100"
    workers: int = 2
    migration_database_url: str | None = None
    database_app_role: str | None = None
    fault_kill_after_commit: int = 0  # fault tests only: the consumer SIGKILLs itself after its Nth commit
    fault_kill_relay_after_send: int = 0  # fault tests only: the relay SIGKILLs itself after its Nth sent batch

    @classmethod
    def from_env(cls, environ: Mapping[str, str], default_bind: str = "127.0.0.1:8100") -> Settings:
        migration_url = env_str(environ, "MIGRATION_DATABASE_URL", None)
        return cls(
            database_url=env_str(environ, "DATABASE_URL", migration_url) or env_str(environ, "DATABASE_URL"),
            migration_database_url=migration_url,
            database_app_role=env_str(environ, "DATABASE_APP_ROLE", None),
            kafka_bootstrap_servers=env_str(environ, "KAFKA_BOOTSTRAP_SERVERS", None),
            auth=auth.auth_from_env(environ),
            bind=env_str(environ, "BIND", default_bind),
            workers=env_int(environ, "WEB_CONCURRENCY", 2),
            fault_kill_after_commit=env_int(environ, "KIT_FAULT_KILL_AFTER_COMMIT", 0),
            fault_kill_relay_after_send=env_int(environ, "KIT_FAULT_KILL_RELAY_AFTER_SEND", 0),
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


@dataclass
class Runtime:
    """Engine, tenant-bound sessions, units of work, relay and consumer loop of one service process."""

    name: str
    engine: Engine
    handlers: dict = field(default_factory=dict)
    group: str | None = None
    audited: bool = True
    lag: Callable[[], dict[str, int]] | None = None  # messages per topic its consumer group has not committed
    session_factory: sessionmaker = field(init=False)

    def __post_init__(self) -> None:
        self.session_factory = tenancy.install_tenant_filter(db.make_session_factory(self.engine))
        if self.audited:
            audit.install_audit(self.session_factory)

    def uow(self, tenant, *, trace: Trace | None = None, inbox: InboxMark | None = None,
            cross_tenant: bool = False) -> UnitOfWork:
        return UnitOfWork(self.session_factory, tenant, source=f"/{self.name}", trace=trace or request_trace(),
                          inbox=inbox, cross_tenant=cross_tenant, actor=actor(inbox))

    def relay(self, producer: Producer, kill_after_batches: int = 0) -> Relay:
        return Relay(self.session_factory, producer, service=self.name, kill_after_batches=kill_after_batches)

    def consumer_loop(self, consumer: Consumer, dead_letters: Producer, health_file: Path | None = None,
                      name: str | None = None, kill_after_handled: int = 0) -> ConsumerLoop:
        return ConsumerLoop(name=name or self.group, consumer=consumer, dead_letters=dead_letters,
                            handlers=self.handlers, uow_factory=self.uow, health_file=health_file,
                            kill_after_handled=kill_after_handled)


def actor(inbox: InboxMark | None) -> str | None:
    """Who is changing data: the signed-in user of the request, or the consumer applying an event."""
    if inbox is not None:
        return f"consumer:{inbox.consumer}"
    principal = g.get("principal") if has_request_context() else None
    return f"user:{principal.subject}" if principal else None


def request_trace() -> Trace:
    """The current request's id and trace context, so events carry them (empty outside a request)."""
    if not has_request_context():
        return Trace()
    return Trace(correlation_id=g.get("request_id"), traceparent=request.headers.get("traceparent"))


Command = Callable[["Service", Settings, argparse.Namespace], None]


@dataclass
class Service:
    """A service's command line: `python -m <name> api|relay|consume|migrate|seed-demo|...`."""

    name: str
    runtime: Callable[[Engine], Runtime]
    create_app: Callable[[Runtime, auth.TokenVerifier], Flask]
    migrate: Callable[[str], None]
    topics: list[str] = field(default_factory=list)
    default_bind: str = "127.0.0.1:8100"
    seed: Callable[[Runtime], str] | None = None
    commands: dict[str, Command] = field(default_factory=dict)
    arguments: Callable[[argparse.ArgumentParser], None] | None = None

    def main(self, argv: list[str] | None = None) -> None:
        everything = {**STANDARD, **self.commands}
        parser = argparse.ArgumentParser(prog=self.name, description=f"The {self.name} service.")
        parser.add_argument("command", choices=sorted(everything))
        if self.arguments:
            self.arguments(parser)
        args = parser.parse_args(argv)
        settings = Settings.from_env(os.environ, self.default_bind)
        logs.configure_logging(f"{self.name}-{args.command}", os.environ.get("LOG_LEVEL", "INFO"))
        if args.command in ("relay", "consume") and os.environ.get("METRICS_PORT"):
            metrics.serve(int(os.environ["METRICS_PORT"]))
        everything[args.command](self, settings, args)

    def build(self, settings: Settings) -> Runtime:
        """The runtime on the service's database; with a broker configured it can tell its consumer's lag."""
        runtime = self.runtime(db.make_engine(settings.database_url))
        if settings.kafka_bootstrap_servers and runtime.group and self.topics:
            runtime.lag = partial(kafka_lag, settings.kafka_bootstrap_servers, runtime.group, self.topics)
        return runtime


def run_api(service: Service, settings: Settings, _args) -> None:
    if settings.auth is None:
        raise SystemExit("JWT_JWKS_URL and JWT_ISSUER are required for the api")

    def load() -> Flask:
        return service.create_app(service.build(settings), auth.TokenVerifier(settings.auth))

    serve.run_gunicorn(load, bind=settings.bind, workers=settings.workers, service=f"{service.name}-api")


def run_relay(service: Service, settings: Settings, _args) -> None:
    producer = KafkaProducerAdapter(settings.kafka(), client_id=f"{service.name}-relay")
    try:
        service.build(settings).relay(producer, settings.fault_kill_relay_after_send).run(serve.stop_on_signals())
    finally:
        producer.close()


def run_consumer(service: Service, settings: Settings, _args) -> None:
    runtime = service.build(settings)
    consumer = KafkaConsumerAdapter(settings.kafka(), group_id=runtime.group, topics=service.topics)
    dead_letters = KafkaProducerAdapter(settings.kafka(), client_id=f"{runtime.group}-dlq")
    health = Path(os.environ["HEALTH_FILE"]) if os.environ.get("HEALTH_FILE") else None
    try:
        runtime.consumer_loop(consumer, dead_letters, health,
                              kill_after_handled=settings.fault_kill_after_commit).run(serve.stop_on_signals())
    finally:
        consumer.close()
        dead_letters.close()


def run_migrate(service: Service, settings: Settings, _args) -> None:
    service.migrate(settings.migration_url())
    if role := settings.app_role():
        migrations.grant(settings.migration_url(), role)


def run_seed(service: Service, settings: Settings, _args) -> None:
    print(service.seed(service.build(settings)) if service.seed else f"{service.name}: nothing to seed")


STANDARD: dict[str, Command] = {"api": run_api, "relay": run_relay, "consume": run_consumer,
                                "migrate": run_migrate, "seed-demo": run_seed}


def create_app(runtime: Runtime, verifier: auth.TokenVerifier, blueprints) -> Flask:
    """The service's Flask app: kit's shared behaviour, readiness on its database, and its blueprints."""
    from kit import audit_api, http

    spec = http.AppSpec(name=runtime.name, prefix=f"/api/v1/{runtime.name}", verifier=verifier,
                        readiness=[db.ping(runtime.engine)])
    app, rest = http.create_app(spec)
    app.extensions[runtime.name] = runtime
    for blueprint in (*blueprints, audit_api.blueprint(runtime.name)):
        rest.register_blueprint(blueprint)
    return app
