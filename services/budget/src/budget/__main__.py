"""`python -m budget api|relay|consume|migrate|seed-demo`: the only place that reads the environment."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from budget import consumers, migrate
from budget.config import SERVICE, Settings
from budget.runtime import Runtime, create_app
from kit import auth, db, logs, metrics, serve
from kit.messaging import KafkaConsumerAdapter, KafkaProducerAdapter


def main() -> None:
    parser = argparse.ArgumentParser(prog="budget", description=__doc__)
    parser.add_argument("command", choices=["api", "relay", "consume", "migrate", "seed-demo"])
    command = parser.parse_args().command
    settings = Settings.from_env(os.environ)
    logs.configure_logging(f"{SERVICE}-{command}", os.environ.get("LOG_LEVEL", "INFO"))
    if command in ("relay", "consume") and os.environ.get("METRICS_PORT"):
        metrics.serve(int(os.environ["METRICS_PORT"]))
    COMMANDS[command](settings)


def run_api(settings: Settings) -> None:
    if settings.auth is None:
        raise SystemExit("JWT_JWKS_URL and JWT_ISSUER are required for the api")

    def load():
        return create_app(Runtime(db.make_engine(settings.database_url)), auth.TokenVerifier(settings.auth))

    serve.run_gunicorn(load, bind=settings.bind, workers=settings.workers, service=f"{SERVICE}-api")


def run_relay(settings: Settings) -> None:
    producer = KafkaProducerAdapter(_kafka(settings), client_id=f"{SERVICE}-relay")
    try:
        Runtime(db.make_engine(settings.database_url)).relay(producer).run(serve.stop_on_signals())
    finally:
        producer.close()


def run_consumer(settings: Settings) -> None:
    bootstrap = _kafka(settings)
    consumer = KafkaConsumerAdapter(bootstrap, group_id=consumers.GROUP, topics=consumers.TOPICS)
    dead_letters = KafkaProducerAdapter(bootstrap, client_id=f"{consumers.GROUP}-dlq")
    health = Path(os.environ["HEALTH_FILE"]) if os.environ.get("HEALTH_FILE") else None
    try:
        runtime = Runtime(db.make_engine(settings.database_url))
        runtime.consumer_loop(consumer, dead_letters, health).run(serve.stop_on_signals())
    finally:
        consumer.close()
        dead_letters.close()


def run_migrate(settings: Settings) -> None:
    migrate.upgrade(settings.database_url)


def run_seed(settings: Settings) -> None:
    """The cost norms are seeded by the migrations; agencies and costs arrive as events."""
    migrate.upgrade(settings.database_url)
    print("demo data: nothing to add (reference data comes with the migrations)")


def _kafka(settings: Settings) -> str:
    if not settings.kafka_bootstrap_servers:
        raise SystemExit("KAFKA_BOOTSTRAP_SERVERS is required for this command")
    return settings.kafka_bootstrap_servers


COMMANDS = {"api": run_api, "relay": run_relay, "consume": run_consumer, "migrate": run_migrate,
            "seed-demo": run_seed}

if __name__ == "__main__":
    main()
