"""How an idle relay learns at once that outbox rows were committed, instead of at its next poll (ADR 23).

A unit of work that writes outbox rows announces them (`announce`): on PostgreSQL with `pg_notify` in its own
transaction (delivered at commit, dropped with a rollback), and in-process by ringing the runtime's `Doorbell`
after the commit. A relay waits on one of:
- `Listener`: LISTEN on a connection of its own, to the database directly. Not through PgBouncer in transaction
  mode: a LISTEN there binds a server session the pooler hands to other clients (the setting OUTBOX_LISTEN_URL
  names a direct URL, or `off`).
- `Doorbell`: the runtime's in-process bell (the embedded mode: SQLite has no LISTEN).
- `Poll`: nothing to wait on but the poll interval.
Every wait ends after its timeout anyway: the poll stays, for a notification lost or never sent.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from time import monotonic
from typing import Protocol

import psycopg
from sqlalchemy import event, func, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from kit.outbox import OutboxMessage

log = logging.getLogger(__name__)

CHANNEL = "kit_outbox"  # channels are per database, so one name serves every service
STOP_CHECK = 0.5  # seconds: how often a waiting relay looks at its stop event
_WRITTEN = "kit_outbox_written"  # session.info: this transaction wrote outbox rows


class Wakeup(Protocol):
    def open(self) -> None: ...

    def wait(self, stop: threading.Event, timeout: float) -> None:
        """Return when woken, when `stop` is set, or after `timeout` seconds."""

    def close(self) -> None: ...


def announce(sessions: sessionmaker, ring: Callable[[], None]) -> None:
    """Sessions of `sessions` that write outbox rows NOTIFY on PostgreSQL, and call `ring` once they commit."""

    @event.listens_for(sessions, "after_flush")
    def _written(session: Session, _context) -> None:
        if session.info.get(_WRITTEN) or not any(isinstance(o, OutboxMessage) for o in session.new):
            return
        session.info[_WRITTEN] = True
        if session.get_bind().dialect.name == "postgresql":
            session.connection().execute(select(func.pg_notify(CHANNEL, "")))

    @event.listens_for(sessions, "after_commit")
    def _committed(session: Session) -> None:
        if session.info.pop(_WRITTEN, False):
            ring()

    @event.listens_for(sessions, "after_soft_rollback")
    def _rolled_back(session: Session, _previous) -> None:
        session.info.pop(_WRITTEN, None)  # a NOTIFY of a rolled-back savepoint is gone: send it again if need be


def _slices(stop: threading.Event, timeout: float) -> Iterator[float]:
    deadline = monotonic() + timeout
    while not stop.is_set() and (left := deadline - monotonic()) > 0:
        yield min(left, STOP_CHECK)


class Poll:
    def open(self) -> None:
        pass

    def wait(self, stop: threading.Event, timeout: float) -> None:
        stop.wait(timeout)

    def close(self) -> None:
        pass


class Doorbell(Poll):
    """Rung after a commit that wrote outbox rows, in this process; a ring while nobody waits is kept."""

    def __init__(self) -> None:
        self._rung = threading.Event()

    def ring(self) -> None:
        self._rung.set()

    def wait(self, stop: threading.Event, timeout: float) -> None:
        for part in _slices(stop, timeout):
            if self._rung.wait(part):
                break
        self._rung.clear()


class Listener(Poll):
    """LISTEN on its own autocommit connection to `url` (an SQLAlchemy or libpq URL). A broken connection is
    logged and opened again at the next wait; meanwhile the relay polls."""

    def __init__(self, url: str):
        self.url = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
        self._connection = None

    def open(self) -> None:
        if self._connection is not None:
            return
        try:
            self._connection = psycopg.connect(self.url, autocommit=True)
            self._connection.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as error:
            self._broken(error)

    def wait(self, stop: threading.Event, timeout: float) -> None:
        self.open()
        if self._connection is None:
            stop.wait(timeout)
            return
        try:
            for part in _slices(stop, timeout):
                if list(self._connection.notifies(timeout=part, stop_after=1)):
                    break
            for _ in self._connection.notifies(timeout=0):
                pass  # the commits notified meanwhile: the next batch takes their rows too
        except psycopg.Error as error:
            self._broken(error)

    def _broken(self, error: psycopg.Error) -> None:
        log.warning("outbox LISTEN failed (%s); polling until it works again", error)
        self.close()

    def close(self) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            connection.close()
