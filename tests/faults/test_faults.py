"""Event reliability under faults (QUALITY.md 2.10) on the local topology: real Kafka, PostgreSQL and processes.

Each scenario writes its own agencies through the registry's use cases while it injects its fault, then
reconciles the registry's outbox with the inbox and effects of the five consumers (tests/faults/checks.py):
0 lost, 0 duplicated effects, 0 out-of-order applications, every copy at the registry's version, dead letters
exactly as injected, lag back to 0. Each prints its counts in a `faults: <scenario>: ...` line.
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
import requests
from sqlalchemy import text

from kit import db
from localinfra.faults import database_name, database_outage
from localinfra.topology import free_port, wait_http
from reporting.rebuild import PROJECTIONS
from tests.e2e.conftest import eventually, produce_raw
from tests.faults.checks import (
    Counts,
    assert_clean,
    dead_letters,
    group_lag,
    header,
    kill_landed_in_window,
    reconcile,
    records,
)
from tests.faults.conftest import TIMEOUT_S
from tests.faults.stack import AGENCY_TOPIC, CONSUMERS, Batch, migrate

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(TIMEOUT_S)]


def batch(name: str, events: int, scale) -> Batch:
    """About `events` events: agencies of five versions each, at the scale's rate."""
    return Batch(name, agencies=events // 5, rate=scale.rate)


@pytest.mark.fault_smoke
def test_broker_stopped_and_restarted_while_events_flow(faults, scale):
    before = dead_letters(faults.kafka)
    work = batch("broker", scale.broker_events, scale).start(faults)
    eventually(lambda: work.progress() >= 0.3, timeout=300)

    faults.broker.stop()
    stopped_at = work.committed
    time.sleep(scale.broker_down_s)
    committed_while_down = work.committed - stopped_at
    waiting = unpublished(faults, work)
    faults.broker.start()
    work.wait()

    counts = reconcile(faults, work, "broker-restart", before, timeout=scale.recovery_s)
    counts.extra.update(broker_down_s=scale.broker_down_s, producers=work.threads,
                        committed_while_down=committed_while_down, unpublished_at_restart=waiting)
    counts.report()
    assert committed_while_down > 0 and waiting > 0, "the broker was not down while events flowed"
    # The backlog of the restart reaches every consumer in poll batches, each applied in one transaction.
    assert min(counts.extra["largest_batch"].values()) > 1, counts.line()
    assert_clean(counts)


def unpublished(faults, work) -> int:
    """The batch's outbox rows the relay has not been able to publish yet."""
    [(count,)] = faults.sql("registry", "SELECT count(*) FROM outbox_messages WHERE key = ANY(:keys) AND "
                            "published_at IS NULL", keys=[str(i) for i in work.ids])
    return count


@pytest.mark.fault_smoke
def test_consumers_killed_after_their_database_commit_and_before_their_offset_commit(faults, scale):
    before = dead_letters(faults.kafka)
    victims = [c for c in CONSUMERS if c.group in ("faults.probe", "reporting.read-models")]
    for victim in victims:
        faults.kill(victim.process, signal.SIGTERM)
        faults.start_consumer(victim, kill_after=scale.kill_after)
    work = batch("kills", scale.events, scale).start(faults)
    landed: dict[str, list[bool]] = {victim.group: [] for victim in victims}
    killers = [threading.Thread(target=kill_rounds, args=(faults, victim, scale, landed[victim.group]))
               for victim in victims]
    for killer in killers:
        killer.start()
    for killer in killers:
        killer.join()
    work.wait()

    counts = reconcile(faults, work, "consumer-kill", before, timeout=scale.recovery_s)
    counts.extra.update(kills=sum(len(v) for v in landed.values()),
                        in_window=sum(sum(v) for v in landed.values()), victims=len(victims))
    counts.report()
    assert {group: len(rounds) for group, rounds in landed.items()} == {v.group: scale.kill_rounds for v in victims}
    assert all(all(rounds) for rounds in landed.values()), landed
    assert all(counts.extra["largest_batch"][v.database] > 1 for v in victims), counts.line()
    assert_clean(counts)


def kill_rounds(faults, victim, scale, landed: list[bool]) -> None:
    """Let the victim kill itself at the fault point `kill_rounds` times, restarting it after each death."""
    for round_ in range(scale.kill_rounds):
        process = faults.processes[victim.process]
        process.wait(timeout=scale.recovery_s)
        assert process.returncode == -signal.SIGKILL, (victim.process, process.returncode)
        landed.append(kill_landed_in_window(faults, victim))
        last = round_ == scale.kill_rounds - 1
        faults.start_consumer(victim, kill_after=0 if last else scale.kill_after)


def test_consumer_databases_unavailable_during_consumption(faults, scale):
    before = dead_letters(faults.kafka)
    consumers = [c for c in CONSUMERS if c.database != "registry"]
    work = batch("outage", scale.events, scale).start(faults)
    eventually(lambda: work.progress() >= 0.3, timeout=300)

    outage = database_outage(faults.admin_url, [database_name(faults.database_urls[c.database]) for c in consumers],
                             scale.outage_s)
    work.wait()

    counts = reconcile(faults, work, "db-outage", before, timeout=scale.recovery_s)
    held = held_by_outage(faults, work, outage)
    retries = sum(log_lines(faults, c.process, "retrying: ") for c in consumers)
    counts.extra.update(outage_s=scale.outage_s, databases=len(consumers), cut_connections=outage["terminated"],
                        held_back=held, transient_retries=retries)
    counts.report()
    assert held > 0, "no event waited for the databases: the outage did not hit consumption"
    assert retries > 0
    assert_clean(counts)


def held_by_outage(faults, work, outage: dict) -> int:
    """Events the registry committed during the outage that the probe could apply only after it."""
    during = faults.sql("registry", "SELECT event_id FROM outbox_messages WHERE key = ANY(:keys) AND "
                        "created_at BETWEEN to_timestamp(:a) AND to_timestamp(:b)",
                        keys=[str(i) for i in work.ids], a=outage["started"], b=outage["ended"])
    after = faults.sql("faultprobe", "SELECT count(*) FROM processed_messages WHERE message_id = ANY(:ids) AND "
                       "processed_at >= to_timestamp(:b)", ids=[row[0] for row in during], b=outage["ended"])
    return after[0][0]


def log_lines(faults, process: str, needle: str) -> int:
    """How many lines of a process's log contain `needle`."""
    return sum(needle in line for line in (faults.workdir / f"{process}.log").read_text().splitlines())


def test_relays_killed_between_the_brokers_ack_and_marking_the_rows(faults, scale):
    before = dead_letters(faults.kafka)
    faults.kill("registry-relay", signal.SIGTERM)
    # Each relay dies after the broker acknowledged its first batch; the next one starts with those rows again
    # (they are still unmarked), so every round has a batch to die on, however fast the producers are.
    faults.start_relay(kill_after=1)
    work = batch("relay-kill", scale.events, scale).start(faults)
    landed = []
    for round_ in range(scale.relay_kills):
        process = faults.processes["registry-relay"]
        process.wait(timeout=scale.recovery_s)
        assert process.returncode == -signal.SIGKILL
        landed.append(relay_rows_left_unmarked(faults))
        last = round_ == scale.relay_kills - 1
        faults.start_relay(kill_after=0 if last else 1)
    work.wait()

    counts = reconcile(faults, work, "relay-kill", before, timeout=scale.recovery_s)
    counts.extra.update(kills=len(landed), in_window=sum(landed))
    counts.report()
    assert landed == [True] * scale.relay_kills
    assert counts.redelivered > 0, "no row was sent twice: the kills did not land after the broker's ack"
    assert_clean(counts)


RELAY_KILL_LINE = re.compile(r"fault test: SIGKILL after sending outbox rows (\d+)\.\.(\d+)")


def relay_rows_left_unmarked(faults) -> bool:
    """The rows of the batch the relay sent last are on the broker but still unpublished in the outbox."""
    first, last = map(int, RELAY_KILL_LINE.findall((faults.workdir / "registry-relay.log").read_text())[-1])
    [(unmarked,)] = faults.sql("registry", "SELECT count(*) FROM outbox_messages WHERE seq BETWEEN :a AND :b "
                               "AND published_at IS NULL", a=first, b=last)
    return unmarked == last - first + 1


def test_two_relays_publishing_at_once(faults, scale):
    before = dead_letters(faults.kafka)
    ports = {"registry-relay": free_port(), "registry-relay-2": free_port()}
    faults.kill("registry-relay", signal.SIGTERM)
    for name, port in ports.items():
        faults.start_relay(name, METRICS_PORT=str(port))
    for port in ports.values():
        wait_http(f"http://127.0.0.1:{port}/metrics")
    # Slower than the others, so that both relays are polling while rows come in.
    work = Batch("two-relays", agencies=scale.events // 5, rate=scale.rate / 3).start(faults)
    work.wait()

    counts = reconcile(faults, work, "two-relays", before, timeout=scale.recovery_s)
    published = {name: relay_published(port) for name, port in ports.items()}
    alive = [name for name in ports if faults.processes[name].poll() is None]
    faults.kill("registry-relay-2", signal.SIGTERM)
    counts.extra.update(**{f"published_by_{name}": count for name, count in published.items()})
    counts.report()
    assert alive == list(ports)
    assert sum(published.values()) >= counts.produced
    assert_clean(counts)


def relay_published(port: int) -> int:
    """Outbox rows a relay process says it published (its `outbox_published_total`)."""
    body = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=10).text
    rows = [line for line in body.splitlines() if line.startswith("outbox_published_total{")]
    return int(sum(float(row.rsplit(" ", 1)[1]) for row in rows))


def test_a_poison_message_in_a_busy_partition(faults, scale):
    before = dead_letters(faults.kafka)
    work = batch("poison", scale.events, scale).start(faults)
    eventually(lambda: work.progress() >= 0.5, timeout=300)

    busy = str(work.ids[0]).encode()  # its partition is carrying this batch's events right now
    produce_raw(faults.kafka, AGENCY_TOPIC, busy, b"\x00not an event", [("ce_type", b"registry.agency.updated")])
    work.wait()

    counts = reconcile(faults, work, "poison", before, timeout=scale.recovery_s)
    added = dead_letters(faults.kafka) - before
    counts.extra.update(injected=1, dead_letters_by_consumer=len(added))
    counts.report()
    assert added == Counter({c.group: 1 for c in CONSUMERS})
    assert_clean(counts, dlq=len(CONSUMERS))


def test_replay_of_every_topic_into_a_fresh_reporting_database(faults, postgres, scale):
    before = dead_letters(faults.kafka)
    reporting = next(c for c in CONSUMERS if c.database == "reporting")
    eventually(lambda: group_lag(faults.kafka, reporting) == 0, timeout=scale.recovery_s)
    fresh = postgres.create_database("faults_replay")
    migrate("reporting", fresh)

    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "reporting", "rebuild"],
                          env=faults.env("reporting", DATABASE_URL=fresh),
                          capture_output=True, text=True, timeout=scale.recovery_s)
    assert done.returncode == 0, done.stderr[-3000:]

    counts = Counts("replay", recovered_s=time.monotonic() - started, consumers=1)
    events = [row[0] for row in faults.sql("registry", "SELECT event_id FROM outbox_messages")]
    engine = db.make_engine(fresh)
    try:
        with engine.connect() as connection:
            replayed = {row[0] for row in connection.execute(text(
                "SELECT message_id FROM processed_messages WHERE consumer = :c"), {"c": reporting.group})}
            tables = {view.__tablename__: (table_rows(faults.engines["reporting"], view.__tablename__),
                                           table_rows(engine, view.__tablename__)) for view in PROJECTIONS}
    finally:
        engine.dispose()
    poisons = sum(header(r, "ce_id") is None for r in records(faults.kafka, AGENCY_TOPIC))
    counts.produced, counts.consumed = len(events), len(replayed & set(events))
    counts.lost = len(set(events) - replayed)
    counts.dlq = sum((dead_letters(faults.kafka) - before).values())
    counts.lag = group_lag(faults.kafka, reporting)
    differing = sum(len(set(live) ^ set(again)) for live, again in tables.values())
    counts.extra.update(tables=len(tables), rows_compared=sum(len(live) for live, _ in tables.values()),
                        rows_differing=differing)
    counts.report()
    assert counts.produced > 0 and counts.lost == 0, counts.line()
    assert sum(len(live) for live, _ in tables.values()) > 0
    assert {name: sorted(map(repr, live)) for name, (live, _) in tables.items()} == \
        {name: sorted(map(repr, again)) for name, (_, again) in tables.items()}
    assert counts.dlq == poisons, counts.line()
    assert counts.lag == 0


def table_rows(engine, table: str) -> list[tuple]:
    """Every row of a table."""
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(f"SELECT * FROM {table}"))]  # noqa: S608
