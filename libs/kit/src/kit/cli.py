"""`python -m <service> api|relay|consume|migrate|seed-demo|revision|...`: every service's command line.

The commands are the same everywhere; a service adds its own through its declaration (`Service.commands`).
This is the only place a service process reads its environment (`Settings.from_env`). The Kafka client is
loaded by the commands that talk to the broker, and only by them.
"""

from __future__ import annotations

import argparse
import os
import threading
from collections.abc import Callable
from functools import partial

from flask import Flask

import contracts.demo
from kit import auth, logs, metrics, migrations, serve
from kit.messaging import Message
from kit.outbox import OutboxMessage
from kit.runtime import Runtime
from kit.service import Command, Service
from kit.settings import Settings


def main(service: Service, argv: list[str] | None = None) -> None:
    everything = {**STANDARD, **service.commands}
    parser = argparse.ArgumentParser(prog=service.name, description=f"The {service.name} service.")
    parser.add_argument("command", choices=sorted(everything))
    parser.add_argument("-m", "--message", help="revision: what the new migration does")
    parser.add_argument("--sample", action="store_true", help="seed-demo: the small data set the tests use")
    parser.add_argument("--timeout", type=float, default=900, help="seed-demo: give up after so many seconds")
    if service.arguments:
        service.arguments(parser)
    args = parser.parse_args(argv)
    settings = Settings.from_env(os.environ, service.default_bind)
    logs.configure_logging(f"{service.name}-{args.command}", settings.log_level, settings.log_format)
    if args.command in ("relay", "consume", *service.kinds) and settings.metrics_port:
        metrics.serve(settings.metrics_port)
    everything[args.command](service, settings, args)


def runtime(service: Service, settings: Settings) -> Runtime:
    """The service's runtime on its database; with a broker configured it can tell its consumer's lag."""
    lag = None
    if settings.kafka_bootstrap_servers and service.consumes:
        from kit.kafka import kafka_lag

        lag = partial(kafka_lag, settings.kafka_bootstrap_servers, service.consumes.group, service.topics,
                      security=settings.kafka_security)
    return service.runtime_at(settings.database_url, lag=lag)


def run_api(service: Service, settings: Settings, _args=None) -> None:
    if settings.auth is None:
        raise SystemExit("JWT_JWKS_URL and JWT_ISSUER are required for the api")

    def load() -> Flask:
        return service.api_app(runtime(service, settings), auth.TokenVerifier(settings.auth), workers=True,
                               signing=settings.signing)

    serve.run_gunicorn(load, bind=settings.bind, workers=settings.workers, service=f"{service.name}-api",
                       log_format=settings.log_format)


def run_relay(service: Service, settings: Settings, _args=None, *,
              after_send: Callable[[list[OutboxMessage]], None] | None = None) -> None:
    """Publish the service's outbox until SIGTERM. `after_send`: see `kit.relay.Relay`."""
    producer = settings.kafka_clients().producer(f"{service.name}-relay")
    try:
        relay = runtime(service, settings).relay(producer, after_send=after_send,
                                                listen_url=settings.outbox_listen_url)
        relay.run(serve.stop_on_signals())
    finally:
        producer.close()


def run_consumer(service: Service, settings: Settings, _args=None, *,
                 after_handled: Callable[[Message, str], None] | None = None) -> None:
    """Apply the service's events until SIGTERM. `after_handled`: see `kit.consumer.ConsumerLoop`."""
    if service.consumes is None:
        raise SystemExit(f"{service.name} consumes no events")
    group = service.consumes.group
    kafka = settings.kafka_clients()
    consumer = kafka.consumer(group, service.topics)
    dead_letters = kafka.producer(f"{group}-dlq")
    try:
        loop = runtime(service, settings).consumer_loop(consumer, dead_letters, health_file=settings.health_file,
                                                         after_handled=after_handled, batched=settings.consumer_batch)
        loop.run(serve.stop_on_signals())
    finally:
        consumer.close()
        dead_letters.close()


def run_migrate(service: Service, settings: Settings, _args=None) -> None:
    service.migrate(settings.migration_url())
    if role := settings.app_role():
        migrations.grant(settings.migration_url(), role)


def run_seed(service: Service, settings: Settings, args) -> None:
    """The demo of `make run`, written while the services run (a service's demo may wait for another's events, as
    inspections waits for the registry's agencies: it gives up after `--timeout` seconds); `--sample`: the small
    data set the tests use, written before they start."""
    demo = service.demo
    writes = demo and (demo.sample if args.sample else demo.before_serving or demo.in_background)
    if not writes:
        print(f"{service.name}: no demo data of its own")
        return
    if args.sample:
        print(demo.sample(runtime(service, settings)))
        return
    try:
        contracts.demo.chosen()
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    stop = serve.stop_on_signals()
    deadline = threading.Timer(args.timeout, stop.set)
    deadline.daemon = True
    deadline.start()
    if demo.before_serving:
        demo.before_serving(runtime(service, settings))
    if demo.in_background:
        demo.in_background(runtime(service, settings), stop)
    deadline.cancel()
    if stop.is_set():
        raise SystemExit(f"{service.name}: the demo data is not complete (stopped or over {args.timeout:.0f} s)")
    print(f"{service.name}: demo data complete")


def run_revision(service: Service, settings: Settings, args) -> None:
    """Write the next migration of the service, autogenerated against its database (migrated to head first)."""
    if not args.message:
        raise SystemExit("revision needs -m MESSAGE")
    service.migrate(settings.migration_url())
    migrations.revision(settings.migration_url(), service.migrations, service.metadata, args.message)


STANDARD: dict[str, Command] = {"api": run_api, "relay": run_relay, "consume": run_consumer,
                                "migrate": run_migrate, "seed-demo": run_seed, "revision": run_revision}
