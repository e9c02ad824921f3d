"""The ports of `kit.messaging` over a real Kafka broker (kafka-python), and a consumer group's lag.

kafka-python is imported only when a producer, a consumer or a lag reading is made, so an API process that never
talks to the broker does not load it. Every client signs in the same way (`KafkaSecurity`, read from the
environment by `kit.settings`): in the cluster each service is its own SCRAM-SHA-512 user over TLS, and the broker's
ACLs let it write only its own topics (ADR 20). `KafkaClients` makes the clients of one process with its settings.
"""

from __future__ import annotations

import logging
import ssl
import time
from dataclasses import dataclass, field

from kit.messaging import CommitFailed, Message, Outgoing, first_offsets, last_offsets

log = logging.getLogger(__name__)

PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
MECHANISMS = ("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN")
PENDING_COMMIT_TIMEOUT_MS = 5_000


class KafkaSettingsError(ValueError):
    """The Kafka security settings do not fit together (a SASL protocol without a user, an unknown mechanism)."""


@dataclass(frozen=True)
class KafkaSecurity:
    """How a client signs in to the broker. The default is today's local broker: PLAINTEXT, nobody. `ca_file` or
    `ca_pem` (the PEM text itself, so a pod can take the cluster CA from a Secret without mounting a file) is the
    CA the broker's certificate is checked against under SSL; neither: the system's CAs."""

    protocol: str = "PLAINTEXT"
    mechanism: str = "SCRAM-SHA-512"
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    ca_file: str | None = None
    ca_pem: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.protocol not in PROTOCOLS:
            raise KafkaSettingsError(f"Kafka security protocol {self.protocol!r} is not one of {PROTOCOLS}")
        if self.sasl and self.mechanism not in MECHANISMS:
            raise KafkaSettingsError(f"Kafka SASL mechanism {self.mechanism!r} is not one of {MECHANISMS}")
        if self.sasl and not (self.username and self.password):
            raise KafkaSettingsError(f"Kafka security protocol {self.protocol} needs a username and a password")

    @property
    def sasl(self) -> bool:
        return self.protocol.startswith("SASL_")

    @property
    def tls(self) -> bool:
        return self.protocol.endswith("SSL")

    def options(self) -> dict[str, object]:
        """The keyword arguments of every kafka-python client (producer, consumer, admin) for this sign-in."""
        options: dict[str, object] = {"security_protocol": self.protocol}
        if self.sasl:
            options.update(sasl_mechanism=self.mechanism, sasl_plain_username=self.username,
                           sasl_plain_password=self.password)
        if self.tls and self.ca_pem:
            options["ssl_context"] = ssl.create_default_context(cadata=self.ca_pem)
        elif self.tls and self.ca_file:
            options["ssl_cafile"] = self.ca_file
        return options


PLAINTEXT = KafkaSecurity()


@dataclass(frozen=True)
class KafkaClients:
    """The Kafka clients of one process, all on the same broker with the same sign-in."""

    bootstrap_servers: str
    security: KafkaSecurity = PLAINTEXT

    def producer(self, client_id: str, **options: object) -> KafkaProducerAdapter:
        return KafkaProducerAdapter(self.bootstrap_servers, client_id=client_id, security=self.security, **options)

    def consumer(self, group_id: str, topics: list[str], **options: object) -> KafkaConsumerAdapter:
        return KafkaConsumerAdapter(self.bootstrap_servers, group_id=group_id, topics=topics,
                                    security=self.security, **options)

    def admin(self, client_id: str, **options: object):
        """A kafka-python `KafkaAdminClient` (the caller closes it)."""
        from kafka import KafkaAdminClient

        return KafkaAdminClient(bootstrap_servers=self.bootstrap_servers, client_id=client_id,
                                **self.security.options(), **options)

    def lag(self, group: str, topics: list[str], timeout_ms: int = 5000) -> dict[str, int]:
        return kafka_lag(self.bootstrap_servers, group, topics, timeout_ms, security=self.security)


class KafkaProducerAdapter:
    """kafka-python producer, idempotent with acks=all set explicitly (see QUALITY.md 2.3)."""

    def __init__(self, bootstrap_servers: str, *, client_id: str, delivery_timeout_ms: int = 120_000,
                 security: KafkaSecurity = PLAINTEXT):
        from kafka import KafkaProducer

        self._producer = KafkaProducer(
            bootstrap_servers=bootstrap_servers,
            **security.options(),
            client_id=client_id,
            acks="all",
            enable_idempotence=True,
            max_in_flight_requests_per_connection=5,
            delivery_timeout_ms=delivery_timeout_ms,
            request_timeout_ms=min(30_000, delivery_timeout_ms),
            linger_ms=5,
        )
        if self._producer.config["enable_idempotence"] is not True:
            raise RuntimeError("the Kafka producer must be idempotent")

    def send_all(self, messages: list[Outgoing]) -> list[Exception | None]:
        futures = [self._producer.send(m.topic, key=m.key, value=m.value, headers=m.headers) for m in messages]
        self._producer.flush()
        return [_outcome(future) for future in futures]

    def close(self) -> None:
        self._producer.close()


def _outcome(future) -> Exception | None:
    try:
        future.get(timeout=0)
        return None
    except Exception as exc:  # kafka-python raises KafkaError subclasses and timeouts
        return exc


class KafkaConsumerAdapter:
    """kafka-python consumer with auto-commit off: offsets move only through `commit`."""

    def __init__(self, bootstrap_servers: str, *, group_id: str, topics: list[str],
                 security: KafkaSecurity = PLAINTEXT, **options: object):
        from kafka import KafkaConsumer

        options.update(security.options())
        options.setdefault("auto_offset_reset", "earliest")
        options.setdefault("max_poll_interval_ms", 600_000)
        # A consumer that crashed holds its partitions until its session expires: 10 s, not kafka-python 3's 45 s
        # (heartbeats come from a thread of their own every 3 s, so a slow handler does not end the session).
        options.setdefault("session_timeout_ms", 10_000)
        # A topic created after we subscribed (its first event) is found within seconds, not the default 5 min.
        options.setdefault("metadata_max_age_ms", 5_000)
        self._consumer = KafkaConsumer(
            *topics,
            bootstrap_servers=bootstrap_servers,
            group_id=group_id,
            enable_auto_commit=False,
            **options,
        )
        self._pending: dict = {}  # {TopicPartition: OffsetAndMetadata} sent by commit_async, not yet acknowledged

    def poll(self, timeout_ms: int, max_records: int) -> list[Message]:
        """The next records. A broker that is away is waited for; one that refuses this user the topic or the group
        (its ACLs) is not going to change its mind, so that error stops the consumer instead of polling forever."""
        from kafka.errors import AuthorizationError, KafkaError

        try:
            batches = self._consumer.poll(timeout_ms=timeout_ms, max_records=max_records)
        except AuthorizationError:
            raise
        except KafkaError as exc:  # kafka-python 3 raises from poll while the broker is away; it reconnects later
            log.warning("poll failed, polling again: %r", exc)
            time.sleep(timeout_ms / 1000)
            return []
        records = [record for batch in batches.values() for record in batch]
        if not records and self._pending:
            self._commit_pending()
        return [
            Message(r.topic, r.key, r.value, list(r.headers or []), r.partition, r.offset) for r in records
        ]

    def caught_up(self) -> bool:
        """True once partitions are assigned and the position of each has reached its end offset."""
        assigned = self._consumer.assignment()
        if not assigned:
            return False
        ends = self._consumer.end_offsets(list(assigned))
        return all(self._consumer.position(partition) >= ends[partition] for partition in assigned)

    def commit(self, message: Message) -> None:
        from kafka import TopicPartition
        from kafka.errors import KafkaError
        from kafka.structs import OffsetAndMetadata

        offset = OffsetAndMetadata(message.offset + 1, "", -1)
        partition = TopicPartition(message.topic, message.partition)
        try:
            self._consumer.commit({partition: offset})
        except KafkaError as exc:  # rebalancing, fenced after a broker restart, coordinator away too long
            raise CommitFailed(repr(exc)) from exc
        self._pending.pop(partition, None)  # an older async commit must not move the group back later

    def commit_async(self, messages: list[Message]) -> None:
        from kafka import TopicPartition
        from kafka.structs import OffsetAndMetadata

        offsets = {TopicPartition(topic, partition): OffsetAndMetadata(offset + 1, "", -1)
                   for (topic, partition), offset in last_offsets(messages).items()}
        self._pending.update(offsets)
        self._consumer.commit_async(offsets, callback=self._acknowledged)

    def _acknowledged(self, offsets: dict, response) -> None:
        if isinstance(response, Exception):  # kept pending: committed again while idle or at close
            log.info("offset commit not taken, kept for later: %r", response)
            return
        for partition, offset in offsets.items():
            if self._pending.get(partition) == offset:
                del self._pending[partition]

    def _commit_pending(self) -> None:
        """Commit (and wait for) the offsets of async commits not acknowledged, on the partitions still held: a
        commit the broker dropped (a busy or moved coordinator) would otherwise leave the group behind until the
        next message comes."""
        from kafka.errors import KafkaError

        held = self._consumer.assignment()
        offsets = {partition: offset for partition, offset in self._pending.items() if partition in held}
        try:
            if offsets:  # bounded: an idle loop still beats its health file while the broker is away
                self._consumer.commit(offsets, timeout_ms=PENDING_COMMIT_TIMEOUT_MS)
            self._pending.clear()
        except KafkaError as exc:
            log.warning("pending offsets not committed, trying again: %r", exc)

    def rewind(self, messages: list[Message]) -> None:
        from kafka import TopicPartition

        held = self._consumer.assignment()
        for (topic, partition), offset in first_offsets(messages).items():
            if TopicPartition(topic, partition) in held:
                self._consumer.seek(TopicPartition(topic, partition), offset)

    def close(self) -> None:
        if self._pending:
            self._commit_pending()
        self._consumer.close(autocommit=False)


def kafka_lag(bootstrap: str, group: str, topics: list[str], timeout_ms: int = 5000, *,
              security: KafkaSecurity = PLAINTEXT) -> dict[str, int]:
    """{topic: messages not yet committed by `group`}, summed over the topic's partitions. A group that has not
    committed on a partition yet is behind by everything the partition still holds."""
    from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition

    admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=timeout_ms,
                             client_id=f"{group}-lag", **security.options())
    reader = KafkaConsumer(bootstrap_servers=bootstrap, request_timeout_ms=timeout_ms, client_id=f"{group}-lag",
                           enable_auto_commit=False, **security.options())
    try:
        committed = _committed(admin, group)
        partitions = [TopicPartition(t, p) for t in topics for p in sorted(reader.partitions_for_topic(t) or ())]
        ends, starts = reader.end_offsets(partitions), reader.beginning_offsets(partitions)
        lag = dict.fromkeys(topics, 0)
        for partition in partitions:
            done = committed.get(partition)
            position = done.offset if done is not None and done.offset >= 0 else starts[partition]
            lag[partition.topic] += max(0, ends[partition] - position)
        return lag
    finally:
        reader.close()
        admin.close()


def _committed(admin, group: str) -> dict:
    """The group's committed offsets; none while the group has no coordinator yet (it never committed), which
    shows the whole topic as lag rather than hiding it."""
    from kafka.errors import CoordinatorNotAvailableError

    try:
        return admin.list_group_offsets({group: None}).get(group, {})
    except CoordinatorNotAvailableError:
        return {}
