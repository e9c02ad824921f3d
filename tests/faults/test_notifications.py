"""Upkeep reminders under the fault suite's conditions (issue 24): every due notice reaches each recipient exactly
once, counted at the SMTP server.

The topology of its own: the registry's relay, the notifications consumer (tests/faults/killable.py `consume`) and
two scheduler replicas (`scheduler`) as real processes on a Kafka broker this module stops, databases of its own,
and the SMTP server (tests/notifications/smtp_sink.py's Recorder) in an aiosmtpd process. The registry's use cases
write the agencies and their secretaries (tests/faults/reminders.py); each province's deadline is today with a
0-day reminder, so the reminders are due on the real clock as soon as the service knows an agency. Each scenario
counts the messages per (recipient, Message-ID) and prints a `faults: notifications <scenario>: ...` line.
"""

from __future__ import annotations

import re
import signal
import time
import uuid
from collections import Counter
from dataclasses import dataclass

import pytest
from kafka import KafkaProducer

from kit import calendar, tenancy
from kit.service import load
from localinfra.kafka import start_kafka
from notifications.services import settings
from tests.e2e.conftest import eventually
from tests.faults.checks import SUMMARY, group_lag, header, inbox, kill_landed_in_window, records
from tests.faults.conftest import SCALE, TIMEOUT_S
from tests.faults.reminders import Mail, Secretaries, assert_once_each, count_mail, events_of, settled
from tests.faults.stack import TENANTS, FaultStack, consumer_of
from tests.notifications.conftest import smtp_recorder

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(TIMEOUT_S)]

NOTIFIER = consumer_of(load("notifications"))
SCHEDULERS = ("scheduler-1", "scheduler-2")  # the two replicas of the module (scenario 1 replaces them)
LEADING = "scheduler: leading"
LEASE_S = 6  # the schedulers' lease on a claim (production: 10 minutes), so an abandoned send is seen soon
PASSES_S = 3  # a few more passes of each scheduler before counting: nothing more may arrive
MAIL_KILL_AFTER = 4  # e-mails the SMTP server accepts from the victim scheduler before it dies


@dataclass(frozen=True)
class Size:
    """Agencies per scenario (one secretary each), the consumer's kill point and the writers' pace."""

    kill: int
    broker: int
    duplicates: int
    consumer_kill_after: int  # messages the notifications consumer handles before it kills itself
    rate: float  # registry commands per second, all producers together


SIZE = {"small": Size(12, 40, 30, 25, 20.0), "full": Size(100, 400, 300, 100, 60.0)}[SCALE.name]

class ReminderStack(FaultStack):
    """The fault stack with the notifications consumer as its only consumer, its schedulers and the SMTP server."""

    def __init__(self, workdir, database_urls: dict[str, str], broker, admin_url: str, smtp):
        super().__init__(workdir, database_urls, broker, admin_url, consumers=(NOTIFIER,))
        self.smtp = smtp

    def due_today(self) -> None:
        """Each province's upkeep deadline is today (Việt Nam's day), with one reminder, on the day itself."""
        runtime, today = load("notifications").runtime(self.engines["notifications"]), calendar.today()
        for tenant in TENANTS:
            settings.change(runtime.uow(tenancy.tenant_id(tenant)), {
                "deadline_month": today.month, "deadline_day": today.day, "lead_days": [0], "send_hour": 0},
                expected=0)

    def start_scheduler(self, name: str, kill_after: int = 0) -> None:
        """A scheduler process that kills itself once the SMTP server accepted its `kill_after`th e-mail."""
        self.run(name, "tests.faults.killable", "scheduler", service="notifications",
                 DATABASE_URL=self.database_urls["notifications"], FAULT_SERVICE="notifications",
                 FAULT_KILL_AFTER=str(kill_after), FAULT_LEASE_SECONDS=str(LEASE_S), SCHEDULER_INTERVAL_SECONDS="1",
                 SMTP_HOST="127.0.0.1", SMTP_PORT=str(self.smtp.port), SMTP_STARTTLS="0")

    def log(self, name: str) -> str:
        return (self.workdir / f"{name}.log").read_text()


@pytest.fixture(scope="module")
def reminders(tmp_path_factory, postgres):
    broker = start_kafka(tmp_path_factory.mktemp("reminders-kafka"))
    databases = {name: postgres.create_database(f"faults_{name}") for name in ("registry", "notifications")}
    try:
        with smtp_recorder(tmp_path_factory.mktemp("reminders-smtp")) as smtp:
            stack = ReminderStack(tmp_path_factory.mktemp("reminders"), databases, broker, postgres.base_url, smtp)
            try:
                stack.start()
                stack.due_today()
                eventually(lambda: len(stack.sql("notifications", "SELECT tenant FROM provinces")) == len(TENANTS),
                           timeout=120)  # the consumer has joined its group and applied the provinces
                for name in SCHEDULERS:
                    stack.start_scheduler(name)
                yield stack
            finally:
                stack.close()
    finally:
        broker.kill()


def report(scenario: str, mail: Mail, recovered_s: float, **extra) -> None:
    more = "".join(f" {key}={value}" for key, value in extra.items())
    line = f"faults: notifications {scenario}: {mail.line()} recovered_in={recovered_s:.1f}s{more}"
    SUMMARY.append(line)
    print(line, flush=True)


def settle(stack: ReminderStack, work: Secretaries, since: float) -> float:
    """Wait until every secretary's delivery is final; the seconds from `since` (a monotonic time) until then. Then
    a few more passes of each scheduler before anything is counted."""
    eventually(lambda: settled(stack, work), timeout=SCALE.recovery_s, interval=0.5)
    took = time.monotonic() - since
    time.sleep(PASSES_S)
    return took


ACCEPTED = re.compile(r"fault test: SIGKILL after the SMTP server accepted delivery ([0-9a-f-]{36})")


@pytest.mark.fault_smoke
def test_a_scheduler_killed_after_the_smtp_server_accepted_and_before_the_sent_commit(reminders):
    stack = reminders
    for name in [name for name in stack.processes if name.startswith("scheduler")]:
        stack.kill(name, signal.SIGTERM)
    stack.start_scheduler("scheduler-victim", kill_after=MAIL_KILL_AFTER)
    eventually(lambda: LEADING in stack.log("scheduler-victim"), timeout=60)
    stack.start_scheduler("scheduler-replica")
    work = Secretaries("kill", SIZE.kill, rate=SIZE.rate).start(stack)

    victim = stack.processes["scheduler-victim"]
    victim.wait(timeout=SCALE.recovery_s)
    died = time.monotonic()
    stack.start_scheduler("scheduler-victim")  # started again, as its Deployment would
    work.wait()
    recovered = settle(stack, work, died)

    mail = count_mail(stack, stack.smtp, work.addresses)
    [killed] = ACCEPTED.findall(stack.log("scheduler-victim"))
    [(status,)] = stack.sql("notifications", "SELECT status FROM deliveries WHERE id = :id", id=uuid.UUID(killed))
    steps = [row[0] for row in stack.sql("notifications", "SELECT step FROM send_log WHERE delivery_id = :id "
                                                          "ORDER BY at, attempt", id=uuid.UUID(killed))]
    report("scheduler-kill", mail, recovered, kills=1, interrupted=status, lease_s=LEASE_S)
    assert victim.returncode == -signal.SIGKILL
    assert LEADING in stack.log("scheduler-replica")  # the other replica took over
    assert_once_each(mail)  # the interrupted delivery's message too: it reached the server, once
    assert (status, steps) == ("UNCERTAIN", ["BEFORE_SEND", "UNCERTAIN"])
    assert mail.statuses == Counter(SENT=mail.recipients - 1, UNCERTAIN=1), mail.line()


def test_the_broker_stopped_and_restarted_while_registry_events_flow(reminders):
    stack = reminders
    work = Secretaries("broker", SIZE.broker, rate=SIZE.rate).start(stack)
    eventually(lambda: work.progress() >= 0.3, timeout=300)

    stack.broker.stop()
    stopped_at = work.committed
    time.sleep(SCALE.broker_down_s)
    committed_while_down = work.committed - stopped_at
    waiting = sum(1 for _event, _topic, published in events_of(stack, work) if not published)
    stack.broker.start()
    restarted = time.monotonic()
    work.wait()
    recovered = settle(stack, work, restarted)

    mail = count_mail(stack, stack.smtp, work.addresses)
    report("broker-restart", mail, recovered, broker_down_s=SCALE.broker_down_s,
           committed_while_down=committed_while_down, unpublished_at_restart=waiting)
    assert committed_while_down > 0 and waiting > 0, "the broker was not down while events flowed"
    assert_once_each(mail)
    assert mail.statuses == Counter(SENT=mail.recipients), mail.line()


def test_registry_events_delivered_twice(reminders):
    stack = reminders
    stack.kill(NOTIFIER.process, signal.SIGTERM)
    stack.start_consumer(NOTIFIER, kill_after=SIZE.consumer_kill_after)
    work = Secretaries("duplicates", SIZE.duplicates, rate=SIZE.rate).start(stack)
    landed = []
    for round_ in range(SCALE.kill_rounds):
        process = stack.processes[NOTIFIER.process]
        process.wait(timeout=SCALE.recovery_s)
        assert process.returncode == -signal.SIGKILL, process.returncode
        landed.append(kill_landed_in_window(stack, NOTIFIER))
        last = round_ == SCALE.kill_rounds - 1
        stack.start_consumer(NOTIFIER, kill_after=0 if last else SIZE.consumer_kill_after)
    work.wait()
    eventually(lambda: all(published for _event, _topic, published in events_of(stack, work)), timeout=120)
    events = [event for event, _topic, _published in events_of(stack, work)]
    started = time.monotonic()
    copied = produce_again(stack, {str(event) for event in events})
    eventually(lambda: group_lag(stack.kafka, NOTIFIER) == 0, timeout=SCALE.recovery_s, interval=0.5)
    recovered = settle(stack, work, started)

    mail = count_mail(stack, stack.smtp, work.addresses)
    applied = inbox(stack, NOTIFIER, events)
    report("duplicates", mail, recovered, events=len(events), copies_produced=copied, consumer_kills=len(landed),
           in_window=sum(landed), applied=len(applied))
    assert landed == [True] * SCALE.kill_rounds
    assert copied == len(events) == len(applied), (copied, len(events), len(applied))
    assert_once_each(mail)
    assert mail.statuses == Counter(SENT=mail.recipients), mail.line()


def produce_again(stack: ReminderStack, ids: set[str]) -> int:
    """Every event of `ids` produced once more on its topic as it is (the same key, value and headers, so the same
    event id), as a producer's retry or a relay's redelivery does; how many were."""
    firsts = {}
    for topic in NOTIFIER.topics:
        for record in records(stack.kafka, topic):
            if (event := header(record, "ce_id")) in ids:
                firsts.setdefault(event, (topic, record))
    assert set(firsts) == ids, f"{len(ids - set(firsts))} events of the batch not found on the topics"
    producer = KafkaProducer(bootstrap_servers=stack.kafka, acks="all", enable_idempotence=True)
    try:
        for topic, record in firsts.values():
            producer.send(topic, key=record.key, value=record.value, headers=record.headers)
        producer.flush(timeout=60)
    finally:
        producer.close()
    return len(firsts)
