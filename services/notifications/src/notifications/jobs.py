"""The scheduler: one leader across replicas (a PostgreSQL advisory lock held by a connection of its own) that,
every minute, visits each province the service knows in that province's own unit of work: the reminders due now
become notices (services.schedule.plan), then the due e-mails go (services.sending). A replica that is not the
leader waits, and takes over when the leader's connection ends (its lock goes with it)."""

from __future__ import annotations

import argparse
import logging
import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, text

from kit import cli, serve
from kit.config import env_int
from kit.db import is_postgres, utcnow
from kit.runtime import Runtime
from kit.service import Service
from kit.settings import Settings
from notifications import metrics, repository
from notifications.services import schedule, sending
from notifications.services.smtp import SmtpMailer, SmtpSettings, mailer_from_env

log = logging.getLogger(__name__)

LOCK_KEY = 0x150_0024  # the advisory lock's key: "issue 24", the same in every replica
INTERVAL_SECONDS = 60.0


class Leadership:
    """Whether this process leads: it holds the advisory lock on a connection it keeps. On SQLite (one process,
    the embedded mode) it always leads."""

    def __init__(self, runtime: Runtime):
        self.engine = runtime.engine
        self.connection: Connection | None = None

    def held(self) -> bool:
        if not is_postgres(self.engine):
            return True
        if self.connection is not None and self._alive():
            return True
        self.release()
        connection = self.engine.connect()
        got = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LOCK_KEY}).scalar()
        connection.commit()  # the lock is the session's: it stays, the connection is not left in a transaction
        if got:
            self.connection = connection
            log.info("scheduler: leading")
        else:
            connection.close()
        return bool(got)

    def release(self) -> None:
        if self.connection is None:
            return
        try:
            self.connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LOCK_KEY})
            self.connection.commit()
        except Exception:  # noqa: BLE001 - a connection already gone has released its lock
            log.info("scheduler: leadership connection was gone")
        finally:
            self.connection.close()
            self.connection = None

    def _alive(self) -> bool:
        try:
            self.connection.execute(text("SELECT 1"))
            self.connection.commit()
            return True
        except Exception:  # noqa: BLE001 - the lock went with the connection
            log.warning("scheduler: lost the leadership connection", exc_info=True)
            return False


def tick(runtime: Runtime, mailer: sending.Mailer, now: datetime,
         options: sending.Options = sending.Options()) -> dict[str, sending.Sent]:
    """One pass over every province at `now`: plan its due reminders, then send its due e-mails (as `options`
    say). A province that fails is logged and left for the next pass; the others go on."""
    with runtime.engine.connect() as connection:
        provinces = repository.province_slugs(connection)
    done = {}
    for tenant in provinces:
        try:
            schedule.plan(runtime.uow(tenant, actor="scheduler"), now)
            done[tenant] = sending.send_due(runtime.uow(tenant, actor="scheduler"), mailer, now, options)
        except Exception:
            log.exception("scheduler: province %s failed this pass", tenant)
    return done


def count(done: dict[str, sending.Sent]) -> None:
    """Add a pass's outcomes, every province's, to the DELIVERIES counter."""
    for tally in done.values():
        for outcome in ("sent", "retried", "failed", "uncertain"):
            if amount := getattr(tally, outcome):
                metrics.DELIVERIES.labels(outcome).inc(amount)


def run(runtime: Runtime, mailer: sending.Mailer, stop: threading.Event, *, interval: float = INTERVAL_SECONDS,
        clock: Callable[[], datetime] = utcnow, health_file: Path | None = None,
        options: sending.Options = sending.Options()) -> None:
    """Lead or wait, pass after pass, until `stop` is set; each pass that did not hang touches `health_file` (the
    liveness probe's), the leader's and a waiting replica's alike. `options`: see `sending.Options`."""
    leadership = Leadership(runtime)
    try:
        while not stop.is_set():
            try:
                leading = leadership.held()
                metrics.LEADER.set(1 if leading else 0)
                if leading:
                    count(tick(runtime, mailer, clock(), options))
            except Exception:  # noqa: BLE001 - the scheduler outlives a database that is away
                log.warning("scheduler: this pass failed", exc_info=True)
            if health_file is not None:
                health_file.touch()
            stop.wait(interval)
    finally:
        leadership.release()
        metrics.LEADER.set(0)


def run_scheduler(service: Service, settings: Settings, _args: argparse.Namespace | None, *,
                  options: sending.Options = sending.Options()) -> None:
    """Lead (or wait to) and send the due reminders until SIGTERM; SCHEDULER_INTERVAL_SECONDS between passes.
    `options`: see `sending.Options`."""
    mailer = SmtpMailer(SmtpSettings.from_env(os.environ))
    interval = env_int(os.environ, "SCHEDULER_INTERVAL_SECONDS", int(INTERVAL_SECONDS))
    run(cli.runtime(service, settings), mailer, serve.stop_on_signals(), interval=interval,
        health_file=settings.health_file, options=options)


def embedded_scheduler(runtime: Runtime, stop: threading.Event) -> None:
    """The scheduler as a thread of the embedded mode (SQLite: it always leads); without SMTP_HOST its e-mails are
    recorded as not sent, with the reason (smtp.Unconfigured)."""
    run(runtime, mailer_from_env(os.environ), stop)


COMMANDS = {"scheduler": run_scheduler}
KINDS = {"scheduler": embedded_scheduler}
