"""The topology's service processes sign in to Kafka as their services (ADR 20). On a local broker locked down by
`KafkaLogins.lock_down`, a registry relay with a wrong password publishes nothing, one signed in as another service
is refused the registry's topics by the broker, and the relay the topology starts publishes the whole outbox."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from localinfra.kafka import SCRAM, start_kafka
from localinfra.topology import SERVICES, KafkaLogins, Topology
from tests.e2e.conftest import eventually, kafka_messages

pytestmark = pytest.mark.e2e

# The broker's own line for every refused sign-in: the client may see only a closed socket (the broker answers a
# wrong password by closing the connection after `connection.failed.authentication.delay.ms`).
AUTHENTICATION_FAILED = re.compile(r"Failed authentication with .*invalid credentials")


@pytest.fixture(scope="module")
def broker(kafka_server, tmp_path_factory):
    """The module's local broker; one of its own when the module's Kafka is not localinfra's (it has no handle)."""
    _bootstrap, server = kafka_server
    own = None if server else start_kafka(tmp_path_factory.mktemp("kafka-sign-in"))
    yield own or server
    if own:
        own.stop()


@pytest.fixture(scope="module")
def registry(tmp_path_factory, postgres, broker):
    """The registry's database with the sample data, whose events wait in its outbox, and the topics created."""
    databases = {"registry": postgres.create_database("sign_in_registry")}
    topology = Topology(tmp_path_factory.mktemp("sign-in"), databases, broker.bootstrap,
                        logins=KafkaLogins.lock_down(broker))
    topology.migrate("registry", sample=True)
    topology.create_topics()
    try:
        yield topology
    finally:
        topology.stop_all()


def unpublished(topology: Topology) -> int:
    return topology.backlogs()["registry outbox"]


def refusals(log: Path, refusal: re.Pattern) -> int:
    return len(refusal.findall(log.read_text(errors="replace"))) if log.exists() else 0


def relay_refused(topology: Topology, name: str, refusal: re.Pattern, log: Path | None = None, **login: str) -> None:
    """Run a registry relay with `login` in place of its own until `log` (its own by default) shows `refusal`
    once more than before it started."""
    log = log or topology.workdir / f"{name}.log"
    before = refusals(log, refusal)
    topology.run(name, "registry", "relay", DATABASE_URL=topology.database_urls["registry"], **login)
    try:
        eventually(lambda: refusals(log, refusal) > before, timeout=90)
    finally:
        topology.kill(name)


def test_each_service_process_gets_its_own_login_and_the_gateway_none(registry, broker):
    for service in SERVICES:
        env = registry.env(service)

        assert env["KAFKA_BOOTSTRAP_SERVERS"] == broker.sasl_bootstrap != broker.bootstrap
        assert (env["KAFKA_SECURITY_PROTOCOL"], env["KAFKA_SASL_MECHANISM"]) == ("SASL_PLAINTEXT", SCRAM)
        assert (env["KAFKA_USERNAME"], env["KAFKA_PASSWORD"]) == (service, broker.password(service))
    assert not [name for name in registry.env() if name.startswith("KAFKA_")]


def test_only_the_registry_signed_in_as_itself_publishes_the_registrys_outbox(registry, broker):
    waiting = unpublished(registry)
    assert waiting > 0

    relay_refused(registry, "relay-wrong-password", AUTHENTICATION_FAILED, broker.log_path,
                  KAFKA_PASSWORD="not-its-password")
    assert unpublished(registry) == waiting

    relay_refused(registry, "relay-as-training", re.compile("TopicAuthorizationFailed"),
                  KAFKA_USERNAME="training", KAFKA_PASSWORD=broker.password("training"))
    assert unpublished(registry) == waiting

    registry.start_service("registry", roles=("relay",))
    eventually(lambda: unpublished(registry) == 0, timeout=90)
    assert kafka_messages(registry.kafka, "registry.agency", lambda _message: True)


def test_on_a_broker_of_ones_own_every_process_connects_as_the_environment_says(monkeypatch, tmp_path):
    monkeypatch.setenv("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
    topology = Topology(tmp_path, {}, "kafka.internal:9092")

    for service in (*SERVICES, None):
        env = topology.env(service)

        assert (env["KAFKA_BOOTSTRAP_SERVERS"], env["KAFKA_SECURITY_PROTOCOL"]) == ("kafka.internal:9092", "SASL_SSL")
