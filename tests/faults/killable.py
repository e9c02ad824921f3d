"""`python -m tests.faults.killable relay|consume|scheduler`: a service's relay, consumer or (notifications)
scheduler with the fault suite's kill point.

FAULT_SERVICE names the service (`registry`, `reporting`, ... or the probe, `faultprobe`). With FAULT_KILL_AFTER=N
the process kills itself with SIGKILL: a consumer right after the database commit of its Nth handled message and
before its offset commit; a relay once the broker acknowledged its Nth batch and before the rows are marked
published; the notifications scheduler once the SMTP server accepted its Nth e-mail and before the delivery is
recorded SENT (FAULT_LEASE_SECONDS: its lease on a claim, short in the tests). The kill point is a callback handed
to kit's loops (the scheduler's `sending.Options`), so production code reads no fault setting; the line logged
before the kill is what the checks look for.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from datetime import timedelta

from kit import cli, logs, metrics
from kit.service import load
from kit.settings import Settings
from tests.faults import probe

log = logging.getLogger("tests.faults.killable")


class KillPoint:
    """SIGKILL this process at the Nth call that counts (never when N is 0)."""

    def __init__(self, after: int):
        self.left = after

    def hit(self, what: str) -> None:
        if not self.left:
            return
        self.left -= 1
        if self.left == 0:
            log.warning("fault test: SIGKILL after %s", what)
            os.kill(os.getpid(), signal.SIGKILL)

    def after_send(self, rows) -> None:
        self.hit(f"sending outbox rows {rows[0].seq}..{rows[-1].seq}")

    def after_handled(self, message, outcome: str) -> None:
        if outcome == "handled":
            self.hit(f"the database commit of {message.topic}/{message.partition}@{message.offset}")

    def after_mail(self, delivery_id, outcome) -> None:
        if outcome.sent:
            self.hit(f"the SMTP server accepted delivery {delivery_id}")


def run_scheduler(service, settings: Settings, point: KillPoint) -> None:
    from notifications import jobs  # only the notifications service has a scheduler
    from notifications.services import sending

    lease = timedelta(seconds=float(os.environ.get("FAULT_LEASE_SECONDS", "600")))
    jobs.run_scheduler(service, settings, None, options=sending.Options(lease=lease, after_send=point.after_mail))


def main(command: str) -> None:
    name = os.environ["FAULT_SERVICE"]
    service = probe.SERVICE if name == probe.SERVICE.name else load(name)
    settings = Settings.from_env(os.environ, service.default_bind)
    logs.configure_logging(f"{service.name}-{command}", settings.log_level)
    if settings.metrics_port:
        metrics.serve(settings.metrics_port)
    point = KillPoint(int(os.environ.get("FAULT_KILL_AFTER", "0")))
    if command == "relay":
        cli.run_relay(service, settings, after_send=point.after_send)
    elif command == "consume":
        cli.run_consumer(service, settings, after_handled=point.after_handled)
    elif command == "scheduler":
        run_scheduler(service, settings, point)
    else:
        raise SystemExit(f"unknown command {command!r}: relay, consume or scheduler")


if __name__ == "__main__":
    main(sys.argv[1])
