"""The ports of `kit.messaging` over a real Kafka broker (kafka-python), and a consumer group's lag.

kafka-python is imported only when a producer, a consumer or a lag reading is made, so an API process that never
talks to the broker does not load it.
"""

from __future__ import annotations

import logging
import time

from kit.messaging import CommitFailed, Message, Outgoing, first_offsets

log = logging.getLogger(__name__)


class KafkaProducerAdapter:
    """kafka-python producer, idempotent with acks=all set explicitly (see QUALITY.md 2.3)."""

    def __init__(self, bootstrap_servers: str, *, client_id: str, delivery_timeout_ms: int = 120_000):
        from kafka import KafkaProducer

        self._producer = KafkaProducer(
            bootstrap_servers=bootstrap_servers,
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

    def __init__(self, bootstrap_servers: str, *, group_id: str, topics: list[str], **options: object):
        from kafka import KafkaConsumer

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

    def poll(self, timeout_ms: int, max_records: int) -> list[Message]:
        from kafka.errors import KafkaError

        try:
            batches = self._consumer.poll(timeout_ms=timeout_ms, max_records=max_records)
        except KafkaError as exc:  # kafka-python 3 raises from poll while the broker is away; it reconnects later
            log.warning("poll failed, polling again: %r", exc)
            time.sleep(timeout_ms / 1000)
            return []
        records = [record for batch in batches.values() for record in batch]
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
        try:
            self._consumer.commit({TopicPartition(message.topic, message.partition): offset})
        except KafkaError as exc:  # rebalancing, fenced after a broker restart, coordinator away too long
            raise CommitFailed(repr(exc)) from exc

    def rewind(self, messages: list[Message]) -> None:
        from kafka import TopicPartition

        held = self._consumer.assignment()
        for (topic, partition), offset in first_offsets(messages).items():
            if TopicPartition(topic, partition) in held:
                self._consumer.seek(TopicPartition(topic, partition), offset)

    def close(self) -> None:
        self._consumer.close(autocommit=False)


def kafka_lag(bootstrap: str, group: str, topics: list[str], timeout_ms: int = 5000) -> dict[str, int]:
    """{topic: messages not yet committed by `group`}, summed over the topic's partitions. A group that has not
    committed on a partition yet is behind by everything the partition still holds."""
    from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition

    admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=timeout_ms,
                             client_id=f"{group}-lag")
    reader = KafkaConsumer(bootstrap_servers=bootstrap, request_timeout_ms=timeout_ms, client_id=f"{group}-lag",
                           enable_auto_commit=False)
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
