"""The consumer loop: decode, dedupe, handle in one transaction, then commit the offset.

Transient errors (the database is away) are retried in place with backoff and never dead-lettered;
other handler errors are retried `max_attempts` times, then the message goes to `<topic>.dlq`
with the error in its headers and the partition keeps flowing. Types the consumer does not
handle are skipped and counted.

Batched (the default, `batched=True`): a poll batch of more than one message is applied in one database transaction
(kit.batching) and its offsets committed asynchronously after that commit; on any error in it (a handler's, the
commit's, a message that cannot be decoded, a handler that needs a transaction of its own) it is rolled back and
redone one message at a time as above, so retries, dead letters and duplicates behave as they do unbatched.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

import contracts
from kit import batching, inbox, metrics, tenancy
from kit.messaging import CommitFailed, Consumer, Message, Outgoing, Producer
from kit.uow import InboxMark, Trace, UnitOfWork

log = logging.getLogger(__name__)

Handler = Callable[[UnitOfWork, object], None]


def topics_of(handlers) -> list[str]:
    """The topics of the events `handlers` handle, in the order they first appear."""
    return list(dict.fromkeys(contracts.topic_of(cls.event_type) for cls in handlers))


class Permanent(Exception):
    """The message can never be handled as it is (bad envelope, unknown version, bad payload)."""


def is_transient(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError) or (isinstance(exc, DBAPIError) and exc.connection_invalidated)


@dataclass
class ConsumerLoop:
    """Runs `handlers` ({event class: handler(uow, event)}) over messages from `consumer`."""

    name: str
    consumer: Consumer
    dead_letters: Producer
    handlers: dict[type, Handler]
    uow_factory: Callable[..., UnitOfWork]
    max_attempts: int = 3
    backoff: float = 0.2
    max_backoff: float = 15.0
    health_file: Path | None = None
    sleep: Callable[[float], None] = time.sleep
    # Runs after a message's database commit and before its offset commit, with the message and its outcome: the
    # one place a test may interrupt the loop between the two (tests/faults).
    after_handled: Callable[[Message, str], None] | None = None
    batched: bool = True

    def __post_init__(self) -> None:
        self._types = {(cls.event_type, cls.event_version): fn for cls, fn in self.handlers.items()}
        self._handled_types = {event_type for event_type, _ in self._types}

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            self._beat()
            batch = self.consumer.poll(timeout_ms=500, max_records=100)
            if self.batched and len(batch) > 1 and self.process_batch(batch):
                continue
            if not self._run_singly(batch, stop):
                return

    def _run_singly(self, batch: list[Message], stop: threading.Event) -> bool:
        """One message at a time, each committed before the next; False when stopped."""
        for index, message in enumerate(batch):
            # On SIGTERM finish the message in hand only; the rest of the batch is not committed and is
            # delivered again to whoever takes the partition over.
            outcome = None if stop.is_set() else self.process(message, stop)
            if outcome is None:
                return False
            if self.after_handled is not None:
                self.after_handled(message, outcome)
            if not self._commit(message, batch[index + 1 :]):
                break
        return True

    def process_batch(self, batch: list[Message]) -> bool:
        """The whole batch in one transaction, then its offsets without waiting; False: nothing was committed, the
        batch is to be redone one message at a time."""
        outcomes = self._apply(batch)
        if outcomes is None:
            return False
        for message, outcome in zip(batch, outcomes, strict=True):
            metrics.CONSUMED.labels(self.name, outcome).inc()
            if self.after_handled is not None:
                self.after_handled(message, outcome)
        self.consumer.commit_async(batch)
        return True

    def _apply(self, batch: list[Message]) -> list[str] | None:
        try:
            items = [self._item(message) for message in batch]
            handled = [item for item in items if item is not None]
            applied = iter(batching.apply(self.name, handled, self.uow_factory) if handled else [])
        except Exception as exc:
            level = logging.INFO if isinstance(exc, batching.Unbatchable | Permanent) else logging.WARNING
            log.log(level, "%s: a batch of %d redone one message at a time: %r", self.name, len(batch), exc)
            metrics.CONSUMER_BATCHES.labels(self.name, "redone").inc()
            return None
        metrics.CONSUMER_BATCHES.labels(self.name, "applied").inc()
        metrics.CONSUMER_BATCH_SIZE.labels(self.name).observe(len(batch))
        return ["skipped" if item is None else "handled" if next(applied) else "duplicate" for item in items]

    def _item(self, message: Message) -> batching.Item | None:
        """The message decoded for its handler; None: a type this consumer skips. Permanent: it cannot be."""
        event_type = message.header("ce_type")
        if event_type is not None and event_type not in self._handled_types:
            return None
        envelope, handler, event = self._decode(message)
        return None if handler is None else batching.Item(message, envelope, handler, event)

    def _commit(self, message: Message, rest: list[Message]) -> bool:
        """Commit the offset; when the broker refuses (a rebalance, a restart), the rest of the batch is
        delivered again after the next poll and this message too if the group moved on without it (the inbox
        drops it then), so nothing polled is skipped and the loop keeps running."""
        try:
            self.consumer.commit(message)
            return True
        except CommitFailed as exc:
            log.warning("%s: offset of %s/%s@%s not committed, polling again: %s", self.name, message.topic,
                        message.partition, message.offset, exc)
            self.consumer.rewind(rest)
            return False

    def process(self, message: Message, stop: threading.Event | None = None) -> str | None:
        """Handle one message to its end; returns the outcome, or None if stopped before that."""
        attempts = tries = 0
        while True:
            try:
                outcome = self._handle(message)
                break
            except Permanent as exc:
                outcome = self._dead_letter(message, exc, attempts + 1, stop)
                break
            except Exception as exc:
                if not is_transient(exc):
                    attempts += 1
                    metrics.CONSUMER_RETRIES.labels(self.name).inc()
                    if attempts >= self.max_attempts:
                        outcome = self._dead_letter(message, exc, attempts, stop)
                        break
                tries += 1
                log.warning("%s: %s at %s/%s, retrying: %r", self.name, message.topic, message.partition,
                            message.offset, exc)
                if not self._wait(tries, stop):
                    return None
        if outcome is not None:
            metrics.CONSUMED.labels(self.name, outcome).inc()
        return outcome

    def _handle(self, message: Message) -> str:
        event_type = message.header("ce_type")
        if event_type is not None and event_type not in self._handled_types:
            return "skipped"
        envelope, handler, event = self._decode(message)
        if handler is None:
            return "skipped"
        uow = self.uow_factory(
            tenancy.tenant_id(envelope.tenant),
            trace=Trace(envelope.correlation_id, str(envelope.id), envelope.traceparent),
            inbox=InboxMark(self.name, envelope.id, message.topic),
        )
        with uow:
            if inbox.seen(uow.session, self.name, envelope.id):
                return "duplicate"
        try:
            handler(uow, event)
            if not uow.committed:
                with uow:
                    uow.commit()
        except IntegrityError:
            with uow:
                if inbox.seen(uow.session, self.name, envelope.id):
                    return "duplicate"
            raise
        return "handled"

    def _decode(self, message: Message) -> tuple[contracts.Envelope, Handler | None, object]:
        try:
            envelope = contracts.decode(message.value)
            tenancy.tenant_id(envelope.tenant)
        except (contracts.EnvelopeError, ValueError) as exc:
            raise Permanent(str(exc)) from exc
        if envelope.type not in self._handled_types:
            return envelope, None, None
        handler = self._types.get((envelope.type, envelope.version))
        if handler is None:
            raise Permanent(f"unsupported version {envelope.version} of {envelope.type}")
        try:
            return envelope, handler, envelope.event()
        except (contracts.CodecError, contracts.UnknownEvent, ValueError) as exc:
            raise Permanent(str(exc)) from exc

    def _dead_letter(self, message: Message, exc: BaseException, attempts: int, stop) -> str | None:
        topic = f"{message.topic}.dlq"
        headers = [h for h in message.headers if not h[0].startswith("x-")] + [
            ("x-original-topic", message.topic.encode()),
            ("x-original-partition", str(message.partition).encode()),
            ("x-original-offset", str(message.offset).encode()),
            ("x-error", repr(exc)[:1000].encode()),
            ("x-attempts", str(attempts).encode()),
            ("x-consumer", self.name.encode()),
        ]
        retry = 0
        while True:
            [error] = self.dead_letters.send_all([Outgoing(topic, message.key, message.value, headers)])
            if error is None:
                break
            log.error("%s: cannot write to %s: %r", self.name, topic, error)
            retry += 1
            if not self._wait(retry, stop):
                return None
        log.error("%s: dead-lettered %s/%s@%s: %r", self.name, message.topic, message.partition, message.offset, exc)
        metrics.DEAD_LETTERED.labels(self.name, message.topic).inc()
        return "dead-lettered"

    def _wait(self, attempt: int, stop: threading.Event | None) -> bool:
        delay = min(self.backoff * 2 ** max(attempt - 1, 0), self.max_backoff)
        if stop is not None:
            return not stop.wait(delay)
        self.sleep(delay)
        return True

    def _beat(self) -> None:
        if self.health_file is not None:
            self.health_file.touch()
