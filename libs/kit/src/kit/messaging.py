"""Producer and consumer ports: the messages they carry and what a caller may assume of each.

Two implementations: `kit.kafka` (kafka-python, for everything that runs against a broker) and `kit.memory`
(one process: unit tests and the embedded mode).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

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

    def commit_async(self, messages: list[Message]) -> None:
        """Like `commit` for the last of `messages` on each partition, without waiting for the broker. A commit the
        broker refuses is not raised: it is tried again while the consumer is idle and when it closes; until then
        the messages may come again (the inbox drops them)."""

    def rewind(self, messages: list[Message]) -> None:
        """Deliver `messages` (polled, not processed) again, on the partitions this consumer still holds."""

    def close(self) -> None: ...


def first_offsets(messages: list[Message]) -> dict[tuple[str, int], int]:
    first: dict[tuple[str, int], int] = {}
    for message in messages:
        first.setdefault((message.topic, message.partition), message.offset)
    return first


def last_offsets(messages: list[Message]) -> dict[tuple[str, int], int]:
    return {(message.topic, message.partition): message.offset for message in messages}
