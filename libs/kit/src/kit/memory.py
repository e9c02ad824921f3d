"""The ports of `kit.messaging` inside one process: unit tests and the embedded single-process mode."""

from __future__ import annotations

import threading
from collections import defaultdict

from kit.messaging import Message, Outgoing, first_offsets, last_offsets


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

    def commit_async(self, messages: list[Message]) -> None:
        with self._broker._lock:
            for (topic, _partition), offset in last_offsets(messages).items():
                self._broker._committed[(self._group, topic)] = offset + 1

    def rewind(self, messages: list[Message]) -> None:
        with self._broker._lock:
            for (topic, _partition), offset in first_offsets(messages).items():
                self._position[topic] = min(self._position[topic], offset)

    def caught_up(self) -> bool:
        with self._broker._lock:
            return all(self._position[t] >= len(self._broker._topics[t]) for t in self._topics)

    def close(self) -> None:
        pass
