"""Each service signs in to Kafka as itself (SCRAM-SHA-512) and the broker holds it to its ACLs (ADR 20): it writes
its own topics and reads the ones it consumes, in its own group; another service's topic is refused by the broker.
The clients are the kit's own (`Settings.from_env(...).kafka_clients()`), on the SASL listener of a local broker
locked down by localinfra the same way the cluster's KafkaUsers lock down Strimzi's. The dead-letter replay tool
(tools/replay_dlq.py) signs in as its own user the same way, and does its job with nothing more."""

from __future__ import annotations

import time
import uuid
from pathlib import Path

import pytest
import yaml
from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic
from kafka.errors import GroupAuthorizationFailedError, TopicAuthorizationFailedError

from kit.messaging import Outgoing
from kit.service import load
from kit.settings import Settings
from localinfra.kafka import REPLAY_USER, KafkaServer, lock_down, platform_access, service_access, start_kafka
from tools import replay_dlq

ROOT = Path(__file__).resolve().parents[3]
ACCESS = service_access()
USERS = platform_access()  # the services and the replay tool
SERVICES = sorted(ACCESS)
CONSUMERS = [name for name in SERVICES if load(name).consumes]


@pytest.fixture(scope="module")
def broker(kafka_server, tmp_path_factory):
    """(server, passwords, marker): the session's local broker, locked down, with every service topic created and
    holding one `marker` message; a broker of our own when the session's Kafka is not localinfra's."""
    _bootstrap, server = kafka_server
    own = None if isinstance(server, KafkaServer) else start_kafka(tmp_path_factory.mktemp("kafka-acls"))
    server = own or server
    passwords = lock_down(server, USERS)
    marker = uuid.uuid4().hex.encode()
    topics = set().union(*(access.writes | access.reads for access in ACCESS.values()))
    admin = KafkaAdminClient(bootstrap_servers=server.bootstrap, client_id="acl-test")  # PLAINTEXT: super user
    try:
        if missing := topics - set(admin.list_topics()):
            admin.create_topics([NewTopic(topic, 1, 1) for topic in sorted(missing)])
    finally:
        admin.close()
    producer = KafkaProducer(bootstrap_servers=server.bootstrap)
    for topic in sorted(topics):
        producer.send(topic, key=b"acl-test", value=marker)
    producer.flush()
    producer.close()
    yield server, passwords, marker
    if own:
        own.stop()


def environment(broker, name: str) -> dict[str, str]:
    """The Kafka settings the pods of user `name` get (on the local broker's SASL listener, without TLS)."""
    server, passwords, _marker = broker
    return {
        "KAFKA_BOOTSTRAP_SERVERS": server.sasl_bootstrap,
        "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
        "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
        "KAFKA_USERNAME": name,
        "KAFKA_PASSWORD": passwords[name],
    }


def clients(broker, name: str):
    """The kit's Kafka clients of user `name`, configured from the environment its pods get."""
    settings = Settings.from_env({"DATABASE_URL": "postgresql+psycopg://unused@127.0.0.1/unused",
                                  **environment(broker, name)})
    return settings.kafka_clients()


def send(broker, name: str, topics: list[str]) -> list[Exception | None]:
    producer = clients(broker, name).producer(f"{name}-acl-test")
    try:
        return producer.send_all([Outgoing(topic, b"acl-test", b"written by " + name.encode(), [])
                                  for topic in topics])
    finally:
        producer.close()


def owner(topic: str) -> str:
    return topic.split(".", 1)[0]


@pytest.mark.parametrize("name", SERVICES)
def test_a_service_writes_its_own_topics_and_dead_letters(broker, name):
    writes = sorted(ACCESS[name].writes)

    assert writes and send(broker, name, writes) == [None] * len(writes)


@pytest.mark.parametrize("name", CONSUMERS)
def test_a_service_reads_the_topics_it_consumes_in_its_group(broker, name):
    _server, _passwords, marker = broker
    consumes = load(name).consumes
    consumer = clients(broker, name).consumer(consumes.group, consumes.topics)
    seen, deadline = {}, time.monotonic() + 60
    try:
        while set(seen) != set(consumes.topics) and time.monotonic() < deadline:
            seen.update({m.topic: m for m in consumer.poll(1000, 500) if m.value == marker})
        for message in seen.values():
            consumer.commit(message)  # raises CommitFailed if the group were refused
    finally:
        consumer.close()

    assert sorted(seen) == sorted(consumes.topics)


@pytest.mark.parametrize("name", SERVICES)
def test_writing_another_services_topic_is_refused(broker, name):
    foreign = sorted(t for t in set().union(*(a.writes for a in ACCESS.values()))
                     if owner(t) != name and not t.endswith(".dlq"))

    outcomes = send(broker, name, foreign)

    assert foreign and all(isinstance(outcome, TopicAuthorizationFailedError) for outcome in outcomes), outcomes


def refused_on_poll(consumer, error: type[Exception]) -> None:
    """The broker refuses `consumer` with `error` within 30 polls; the consumer is closed either way."""
    try:
        with pytest.raises(error):
            for _ in range(30):
                consumer.poll(1000, 10)
    finally:
        consumer.close()


@pytest.mark.parametrize("name", CONSUMERS)
def test_reading_a_topic_it_writes_but_does_not_consume_is_refused(broker, name):
    unread = sorted(ACCESS[name].writes - ACCESS[name].reads)[:1]
    consumer = clients(broker, name).consumer(load(name).consumes.group, unread)

    refused_on_poll(consumer, TopicAuthorizationFailedError)  # the kit's consumer stops: the broker won't budge


@pytest.mark.parametrize("name", SERVICES)
def test_another_services_topics_are_hidden_from_it(broker, name):
    """Not even their partitions: the broker answers TopicAuthorizationFailed (29) to the metadata request."""
    hidden = sorted(t for t in set().union(*(a.writes for a in ACCESS.values()))
                    - ACCESS[name].writes - ACCESS[name].reads)
    admin = clients(broker, name).admin(f"{name}-acl-test")
    try:
        answers = {t["name"]: t["error_code"] for t in admin.describe_topics(hidden)}
    finally:
        admin.close()

    assert hidden and answers == dict.fromkeys(hidden, TopicAuthorizationFailedError.errno)


@pytest.mark.parametrize("name", CONSUMERS)
def test_another_services_group_is_refused(broker, name):
    other = next(n for n in CONSUMERS if n != name)
    consumer = clients(broker, name).consumer(load(other).consumes.group, load(name).consumes.topics)

    refused_on_poll(consumer, GroupAuthorizationFailedError)


# -- the dead-letter replay tool: its own user, reading the dead letters and writing them back, nothing else ----

REPLAYED = sorted(USERS[REPLAY_USER].writes)


def read_all(server: KafkaServer, topic: str) -> list:
    consumer = KafkaConsumer(topic, bootstrap_servers=server.bootstrap, group_id=None, auto_offset_reset="earliest",
                             consumer_timeout_ms=3000)  # PLAINTEXT: super user
    try:
        return list(consumer)
    finally:
        consumer.close()


def test_the_replay_user_reads_every_dead_letter_topic_and_writes_back_to_each_original():
    dead = {t for access in ACCESS.values() for t in access.writes if t.endswith(".dlq")}

    assert USERS[REPLAY_USER].reads == dead
    assert sorted(t.removesuffix(".dlq") for t in dead) == REPLAYED
    assert USERS[REPLAY_USER].group_prefixes == {replay_dlq.GROUP_PREFIX}


@pytest.mark.parametrize("topic", REPLAYED[:1] + REPLAYED[-1:])
def test_the_replay_tool_signed_in_as_its_user_replays_a_dead_letter_once(broker, topic, monkeypatch, capsys):
    server, _passwords, _marker = broker
    event_id = str(uuid.uuid4())
    producer = KafkaProducer(bootstrap_servers=server.bootstrap)  # as the consumer that gave up on it did
    producer.send(f"{topic}.dlq", key=b"k", value=event_id.encode(), headers=[
        ("ce_id", event_id.encode()), ("x-original-topic", topic.encode()), ("x-consumer", b"some.group")])
    producer.flush()
    producer.close()
    for name, value in environment(broker, REPLAY_USER).items():
        monkeypatch.setenv(name, value)

    assert replay_dlq.main([topic, "--apply"]) == 0
    assert replay_dlq.main([topic, "--apply"]) == 0  # its group remembered where it stopped

    assert capsys.readouterr().err.splitlines()[-1] == "0 dead letter(s) replayed"
    assert [m.key for m in read_all(server, topic) if m.value == event_id.encode()] == [b"k"]


def test_the_replay_user_writes_no_topic_it_does_not_replay_to(broker):
    others = sorted(set().union(*(a.writes | a.reads for a in ACCESS.values())) - set(REPLAYED))

    outcomes = send(broker, REPLAY_USER, others)

    assert {"reporting.report", "registry.agency.dlq"} <= set(others)  # nobody reads it; a dead-letter topic
    assert all(isinstance(outcome, TopicAuthorizationFailedError) for outcome in outcomes), outcomes


def test_the_replay_user_reads_no_original_topic(broker):
    consumer = clients(broker, REPLAY_USER).consumer(f"{replay_dlq.GROUP_PREFIX}test", REPLAYED[:1])

    refused_on_poll(consumer, TopicAuthorizationFailedError)


def test_the_replay_user_joins_no_services_group(broker):
    consumer = clients(broker, REPLAY_USER).consumer(load(CONSUMERS[0]).consumes.group, [f"{REPLAYED[0]}.dlq"])

    refused_on_poll(consumer, GroupAuthorizationFailedError)


# -- the cluster's KafkaUsers grant what the local broker grants ------------------------------------------------

def manifests(path: Path) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(path.read_text()) if doc]


def test_the_cluster_gives_each_service_a_scram_user_with_exactly_its_acls():
    users = {u["metadata"]["name"]: u["spec"] for u in manifests(ROOT / "deploy/k8s/base/kafka.yaml")
             if u["kind"] == "KafkaUser"}

    assert sorted(users) == sorted(USERS) == sorted([*SERVICES, REPLAY_USER])
    for name, spec in users.items():
        granted = sorted((a["resource"]["type"], a["resource"]["name"], tuple(sorted(a["operations"])),
                          a["resource"].get("patternType", "literal"), a.get("type", "allow"))
                         for a in spec["authorization"]["acls"])
        assert spec["authentication"] == {"type": "scram-sha-512"}
        assert granted == sorted((g.resource, g.name, g.operations, g.pattern, "allow")
                                 for g in USERS[name].grants()), name


def test_the_cluster_locks_its_client_listener_to_scram_and_acls():
    [kafka] = [k for k in manifests(ROOT / "deploy/k8s/base/kafka.yaml") if k["kind"] == "Kafka"]

    assert kafka["spec"]["kafka"]["authorization"]["type"] == "simple"
    for listener in kafka["spec"]["kafka"]["listeners"]:
        assert listener["authentication"]["type"] == "scram-sha-512", listener["name"]
        assert listener["tls"] is True, listener["name"]
        assert listener["networkPolicyPeers"], listener["name"]


@pytest.mark.parametrize("name", SERVICES)
def test_each_pod_that_talks_to_kafka_signs_in_as_its_service(name):
    containers = [c for w in manifests(ROOT / f"deploy/k8s/base/{name}.yaml")
                  if w["kind"] in ("Deployment", "CronJob", "Job")
                  for c in pod_spec(w)["containers"] if c["name"] not in ("migrate", *load(name).kinds)]

    assert containers
    for container in containers:
        env = {e["name"]: e for e in container.get("env", [])}
        assert env["KAFKA_SECURITY_PROTOCOL"]["value"] == "SASL_SSL", container["name"]
        assert env["KAFKA_SASL_MECHANISM"]["value"] == "SCRAM-SHA-512"
        assert env["KAFKA_USERNAME"]["value"] == name
        assert env["KAFKA_PASSWORD"]["valueFrom"]["secretKeyRef"] == {"name": name, "key": "password"}
        assert env["KAFKA_CA_CERT"]["valueFrom"]["secretKeyRef"] == {"name": "iso-hcc-kafka-cluster-ca-cert",
                                                                    "key": "ca.crt"}


def pod_spec(workload: dict) -> dict:
    template = workload["spec"].get("jobTemplate", {}).get("spec", workload["spec"])["template"]
    return template["spec"]
