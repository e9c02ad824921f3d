"""The distributed topology for end-to-end tests: real PostgreSQL, real Kafka, real processes."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator

import pytest
import requests
from kafka import KafkaConsumer, KafkaProducer

from localinfra.s3proxy import start_s3proxy
from localinfra.smtp import start_smtp
from localinfra.topology import SERVICES, KafkaLogins, Topology
from tests.support import infra, service


def topology_fixtures(scope: str):
    """The fixtures `kafka_server`, `kafka`, `kafka_logins` and `stack` at `scope`: "module" for the end-to-end
    modules (each its own broker, so no module reads another's events from the start of a topic), "package" for
    the browser tests (one topology for all: each module names its records with its own run id)."""

    @pytest.fixture(scope=scope)
    def kafka_server(tmp_path_factory):
        """(bootstrap, handle); a broker from KAFKA_BOOTSTRAP_SERVERS or testcontainers is shared, as it must be,
        and has no handle."""
        with infra.kafka(tmp_path_factory.mktemp("kafka")) as started:
            yield started

    @pytest.fixture(scope=scope)
    def kafka(kafka_server) -> str:
        """The super user's bootstrap: the tests' own producers, consumers and admins."""
        return kafka_server[0]

    @pytest.fixture(scope=scope)
    def kafka_logins(kafka_server) -> KafkaLogins | None:
        """The services' logins on the broker, locked down (ADR 20), so every service process signs in as its
        service; None on a broker that is not localinfra's (the processes then connect as the tests do)."""
        _bootstrap, server = kafka_server
        return KafkaLogins.lock_down(server) if server else None

    @pytest.fixture(scope=scope)
    def stack(tmp_path_factory, postgres, kafka, kafka_logins, s3):
        """The topology with the tests' small data set (on the session's S3 server)."""
        with running(tmp_path_factory.mktemp("stack"), postgres, kafka, kafka_logins, seed="sample",
                     s3_env=s3) as topology:
            yield topology

    return kafka_server, kafka, kafka_logins, stack


kafka_server, kafka, kafka_logins, stack = topology_fixtures("module")


def pytest_collection_modifyitems(config, items):
    """The tests marked `whole_demo` run only when the demo of every province is written (`make test-demo`)."""
    if os.environ.get("DEMO_FIGURES") == "all":
        return
    dropped = [item for item in items if item.get_closest_marker("whole_demo")]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if not item.get_closest_marker("whole_demo")]


def app_urls(postgres, databases: dict[str, str]) -> dict[str, str]:
    """The application role's URL for each database (ADR 10): the services run as it, subject to row-level
    security, while the migrations and the tests' own SQL use the superuser in `databases`."""
    service.create_roles(postgres.base_url)
    return {name: service.login(url, service.APP, service.APP_PASSWORD) for name, url in databases.items()}


@contextlib.contextmanager
def running(workdir, postgres, kafka: str, logins: KafkaLogins | None, seed: str,
            prefix: str = "e2e", s3_env: dict[str, str] | None = None) -> Iterator[Topology]:
    """Every installed service (its own database, migrated, with the `seed` data), all its processes, the gateway
    the SMTP sink the notifications scheduler sends to and the S3 server of the attachments (as in `make up`; the
    session's when `s3_env` names it: objects are keyed by province and record ids, so topologies can share it);
    stopped on the way out."""
    databases = {name: postgres.create_database(f"{prefix}_{name}") for name in SERVICES}
    smtp = start_smtp(workdir / "smtp")
    own_s3 = None if s3_env else start_s3proxy(workdir / "s3proxy")
    topology = Topology(workdir, databases, kafka, app_urls=app_urls(postgres, databases), logins=logins,
                        smtp_env=smtp.env, s3_env=s3_env or own_s3.env)
    try:
        topology.start_all(seed=seed)
        yield topology
    finally:
        topology.stop_all()
        smtp.stop()
        if own_s3:
            own_s3.stop()


def token(stack: Topology, username: str) -> dict:
    response = requests.post(f"{stack.gateway}/auth/dev-token", json={"username": username}, timeout=10)
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def eventually(check, timeout: float = 60.0, interval: float = 0.2):
    """Call `check` until it returns something truthy; fail with its last value after `timeout`."""
    deadline, value = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"not reached in {timeout}s; last value: {value!r}")


def kafka_messages(bootstrap: str, topic: str, predicate, timeout: float = 30.0) -> list:
    """Every message on `topic` (from the start) that matches `predicate`, waiting until one does."""
    consumer = KafkaConsumer(topic, bootstrap_servers=bootstrap, group_id=None, auto_offset_reset="earliest",
                             enable_auto_commit=False, consumer_timeout_ms=1000)
    found, deadline = [], time.monotonic() + timeout
    try:
        while not found and time.monotonic() < deadline:
            found = [m for m in consumer if predicate(m)]
            consumer.seek_to_beginning()
    finally:
        consumer.close()
    return found


def produce_raw(bootstrap: str, topic: str, key: bytes, value: bytes, headers: list) -> None:
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    producer.send(topic, key=key, value=value, headers=headers).get(timeout=30)
    producer.close()
