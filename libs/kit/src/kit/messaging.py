"""Producer and consumer ports, with kafka-python adapters and an in-memory broker.

The in-memory broker serves unit tests and the embedded single-process mode; everything else
talks to a real Kafka broker through the kafka-python adapters.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Protocol

log = logging.getLogger(__name__)

Headers = list[tuple[str, bytes]]


@dataclass(frozen=True)
class Message:
    topic: str
    key: bytes | None
    value: bytes
    headers: Headers = field(default_factory=list)
    partition: int = 0
    offset: int = 0

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key == name:
                return value.decode()
        return None


@dataclass(frozen=True)
class Outgoing:
    topic: str
    key: bytes | None
    value: bytes
    headers: Headers = field(default_factory=list)


class CommitFailed(Exception):
    """The broker did not take an offset commit (a rebalance, a broker away): the message comes again."""


class Producer(Protocol):
    def send_all(self, messages: list[Outgoing]) -> list[Exception | None]:
        """Send in order and wait; one entry per message: None when the broker acknowledged it."""


class Consumer(Protocol):
    def poll(self, timeout_ms: int, max_records: int) -> list[Message]:
        """Messages in partition order; at most `max_records`."""

    def commit(self, message: Message) -> None:
        """Mark everything up to and including `message` on its partition as consumed; CommitFailed if not."""

    def rewind(self, messages: list[Message]) -> None:
        """Deliver `messages` (polled, not processed) again, on the partitions this consumer still holds."""

    def close(self) -> None: ...


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
        for (topic, partition), offset in _first_offsets(messages).items():
            if TopicPartition(topic, partition) in held:
                self._consumer.seek(TopicPartition(topic, partition), offset)

    def close(self) -> None:
        self._consumer.close(autocommit=False)


def _first_offsets(messages: list[Message]) -> dict[tuple[str, int], int]:
    first: dict[tuple[str, int], int] = {}
    for message in messages:
        first.setdefault((message.topic, message.partition), message.offset)
    return first


class InMemoryBroker:
    """One partition per topic, consumer groups with committed offsets; thread-safe."""

    def __init__(self) -> None:
        self._topics: dict[str, list[Message]] = defaultdict(list)
        self._committed: dict[tuple[str, str], int] = defaultdict(int)
        self._lock = threading.Condition()

    def send_all(self, messages: list[Outgoing]) -> list[Exception | None]:
        with self._lock:
            for m in messages:
                log = self._topics[m.topic]
                log.append(Message(m.topic, m.key, m.value, list(m.headers), 0, len(log)))
            self._lock.notify_all()
        return [None] * len(messages)

    def messages(self, topic: str) -> list[Message]:
        with self._lock:
            return list(self._topics[topic])

    def consumer(self, group_id: str, topics: list[str]) -> InMemoryConsumer:
        return InMemoryConsumer(self, group_id, topics)

    def lag(self, group_id: str, topics: list[str]) -> dict[str, int]:
        """Messages of each topic that the group has not committed yet."""
        with self._lock:
            return {t: len(self._topics[t]) - self._committed[(group_id, t)] for t in topics}


class InMemoryConsumer:
    def __init__(self, broker: InMemoryBroker, group_id: str, topics: list[str]):
        self._broker, self._group, self._topics = broker, group_id, topics
        self._position = {t: broker._committed[(group_id, t)] for t in topics}

    def poll(self, timeout_ms: int, max_records: int) -> list[Message]:
        with self._broker._lock:
            ready = self._ready(max_records)
            if not ready and timeout_ms:
                self._broker._lock.wait(timeout_ms / 1000)
                ready = self._ready(max_records)
        return ready

    def _ready(self, max_records: int) -> list[Message]:
        out: list[Message] = []
        for topic in self._topics:
            log = self._broker._topics[topic]
            taken = log[self._position[topic] : self._position[topic] + max_records - len(out)]
            self._position[topic] += len(taken)
            out.extend(taken)
        return out

    def commit(self, message: Message) -> None:
        with self._broker._lock:
            self._broker._committed[(self._group, message.topic)] = message.offset + 1

    def rewind(self, messages: list[Message]) -> None:
        with self._broker._lock:
            for (topic, _partition), offset in _first_offsets(messages).items():
                self._position[topic] = min(self._position[topic], offset)

    def caught_up(self) -> bool:
        with self._broker._lock:
            return all(self._position[t] >= len(self._broker._topics[t]) for t in self._topics)

    def close(self) -> None:
        pass
