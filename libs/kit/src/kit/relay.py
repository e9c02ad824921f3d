"""The outbox relay: publishes unpublished rows in order, then marks them published."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from time import monotonic

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from kit import metrics, outbox, tenancy
from kit.db import utcnow
from kit.messaging import Outgoing, Producer
from kit.outbox import OutboxMessage, to_wire
from kit.wakeup import Poll, Wakeup

log = logging.getLogger(__name__)

# One active relay per database keeps per-aggregate order across replicas (QUALITY.md 2.1).
ADVISORY_LOCK = 0x15_0_4CC
BACKLOG_EVERY = 5.0  # seconds between two counts of the backlog (a count scans the unpublished rows)


class Relay:
    """Select a batch in `seq` order, send it, wait for acks, mark it published in one UPDATE, commit; when idle,
    wait for a wakeup (kit.wakeup) or the poll interval. At least once by design."""

    def __init__(self, session_factory: sessionmaker, producer: Producer, *, service: str, batch_size: int = 1000,
                 after_send: Callable[[list[OutboxMessage]], None] | None = None, wakeup: Wakeup | None = None):
        """`after_send(rows)` runs once the broker acknowledged a batch and before its rows are marked published:
        the one place a test may interrupt the relay between the two (tests/faults)."""
        self.session_factory, self.producer = session_factory, producer
        self.service, self.batch_size = service, batch_size
        self.after_send = after_send
        self.wakeup = wakeup or Poll()
        self._counted_at: float | None = None

    def publish_batch(self) -> int:
        """Publish one batch; returns how many rows were marked published."""
        with self.session_factory() as session, session.begin():
            tenancy.bind(session, None, cross_tenant=True)
            if not self._leader(session):
                return 0
            rows = self._pending(session)
            outcomes = self.producer.send_all([Outgoing(*to_wire(row)) for row in rows]) if rows else []
            if rows and self.after_send is not None:
                self.after_send(rows)
            published = self._mark(session, rows, outcomes)
            backlog = outbox.backlog(session) - published if self._backlog_due() else None
        metrics.OUTBOX_PUBLISHED.labels(self.service).inc(published)
        if backlog is not None:
            metrics.OUTBOX_BACKLOG.labels(self.service).set(backlog)
        return published

    def run(self, stop: threading.Event, *, idle_seconds: float = 1.0, max_backoff: float = 10.0) -> None:
        """Publish until `stop` is set. `idle_seconds`: the fallback poll, for a wakeup lost or never sent."""
        backoff = idle_seconds
        self.wakeup.open()
        try:
            while not stop.is_set():
                try:
                    if self.publish_batch() == 0:
                        self.wakeup.wait(stop, idle_seconds)
                    backoff = idle_seconds
                except Exception:
                    log.exception("relay batch failed; retrying in %.1fs", backoff)
                    stop.wait(backoff)
                    backoff = min(backoff * 2, max_backoff)
        finally:
            self.wakeup.close()

    def _backlog_due(self) -> bool:
        now = monotonic()
        if self._counted_at is not None and now - self._counted_at < BACKLOG_EVERY:
            return False
        self._counted_at = now
        return True

    def _leader(self, session: Session) -> bool:
        if session.get_bind().dialect.name != "postgresql":
            return True
        return bool(session.execute(select(func.pg_try_advisory_xact_lock(ADVISORY_LOCK))).scalar())

    def _pending(self, session: Session) -> list[OutboxMessage]:
        query = (
            select(OutboxMessage)
            .where(OutboxMessage.published_at.is_(None))
            .order_by(OutboxMessage.seq)
            .limit(self.batch_size)
            .with_for_update(skip_locked=True)
        )
        return list(session.scalars(query))

    def _mark(self, session: Session, rows: list[OutboxMessage], outcomes: list[Exception | None]) -> int:
        # Stop at the first failure so that a retry re-sends in order (duplicates are deduped downstream).
        sent = len(rows)
        for count, (row, error) in enumerate(zip(rows, outcomes, strict=False)):
            if error is not None:
                row.attempts += 1
                row.last_error = repr(error)[:2000]
                log.warning("outbox row %s not published: %r", row.seq, error)
                sent = count
                break
        if sent:
            # One statement for the batch, where the ORM would send one UPDATE per row.
            marked = update(OutboxMessage).where(OutboxMessage.seq.in_([row.seq for row in rows[:sent]]))
            session.execute(marked.values(published_at=utcnow()), execution_options={"synchronize_session": False})
        return sent
