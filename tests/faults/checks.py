"""The reconciliation after a fault: what the outbox committed against what every consumer applied.

`reconcile` waits until the batch's outbox rows are published, every consumer's inbox holds every one of them
and every group's lag is 0, then counts (QUALITY.md 2.10): lost events (an outbox row missing from a consumer's
inbox), duplicated effects (the probe's effect rows beyond one per event), out-of-order applications (an event
applied after a later version of the same agency, in any consumer), stale copies (a replica's version, or the
registry history's length, differing from the registry's agency), dead letters added, and lag.
"""

from __future__ import annotations

import re
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kafka import KafkaAdminClient, KafkaConsumer, TopicPartition
from kafka.errors import KafkaError
from sqlalchemy.exc import OperationalError

from tests.faults.stack import AGENCY_TOPIC, CONSUMERS, REPLICAS, Batch, Consumer, FaultStack

SUMMARY: list[str] = []


@dataclass
class Counts:
    """What one scenario checked; `line()` is its summary."""

    scenario: str
    produced: int = 0
    consumed: int = 0
    lost: int = 0
    duplicates: int = 0
    redelivered: int = 0
    out_of_order: int = 0
    stale: int = 0
    dlq: int = 0
    lag: int = 0
    recovered_s: float = 0.0
    consumers: int = len(CONSUMERS)
    extra: dict = field(default_factory=dict)

    def line(self) -> str:
        fields = (f"produced={self.produced} consumed={self.consumed} consumers={self.consumers} lost={self.lost} "
                  f"duplicates={self.duplicates} redelivered={self.redelivered} out_of_order={self.out_of_order} "
                  f"stale={self.stale} dlq={self.dlq} lag={self.lag} recovered_in={self.recovered_s:.1f}s")
        more = "".join(f" {key}={value}" for key, value in self.extra.items())
        return f"faults: {self.scenario}: {fields}{more}"

    def report(self) -> None:
        SUMMARY.append(self.line())
        print(self.line(), flush=True)


def outbox_rows(stack: FaultStack, batch: Batch) -> list:
    """(event_id, key, version, published) of the batch's outbox rows."""
    return stack.sql("registry", "SELECT event_id, key, version, published_at IS NOT NULL FROM outbox_messages "
                     "WHERE topic = :topic AND key = ANY(:keys)", topic=AGENCY_TOPIC, keys=[str(i) for i in batch.ids])


def inbox(stack: FaultStack, consumer: Consumer, ids: list[uuid.UUID]) -> list:
    """(message_id, processed_at) of the given messages in the consumer's inbox."""
    return stack.sql(consumer.database, "SELECT message_id, processed_at FROM processed_messages "
                     "WHERE consumer = :c AND message_id = ANY(:ids)", c=consumer.group, ids=ids)


def group_lag(bootstrap: str, consumer: Consumer) -> int:
    """Messages on the consumer's topics past its group's committed offsets."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10_000)
    reader = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False)
    try:
        committed = admin.list_group_offsets({consumer.group: None})[consumer.group]
        existing = reader.topics()
        partitions = [TopicPartition(topic, p) for topic in consumer.topics if topic in existing
                      for p in reader.partitions_for_topic(topic) or ()]
        ends = reader.end_offsets(partitions)
        return sum(max(0, ends[tp] - (committed[tp].offset if tp in committed else 0)) for tp in partitions)
    finally:
        reader.close()
        admin.close()


def records(bootstrap: str, topic: str) -> list:
    """Every record of `topic` from its first offset to its end (empty if there is no such topic)."""
    reader = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False)
    try:
        if topic not in reader.topics():
            return []
        partitions = [TopicPartition(topic, p) for p in reader.partitions_for_topic(topic)]
        reader.assign(partitions)
        reader.seek_to_beginning(*partitions)
        ends, found = reader.end_offsets(partitions), []
        while any(reader.position(tp) < ends[tp] for tp in partitions):
            for batch in reader.poll(timeout_ms=1000).values():
                found.extend(batch)
        return found
    finally:
        reader.close()


def header(record, name: str) -> str | None:
    """The text of a Kafka record's header, or None."""
    return next((value.decode() for key, value in record.headers if key == name), None)


def dead_letters(bootstrap: str) -> Counter:
    """Dead letters on `registry.agency.dlq` by consumer (`x-consumer`)."""
    return Counter(header(record, "x-consumer") for record in records(bootstrap, f"{AGENCY_TOPIC}.dlq"))


def committed_offset(bootstrap: str, group: str, topic: str, partition: int) -> int:
    """The group's committed offset on one partition (0 when it never committed there)."""
    admin = KafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10_000)
    try:
        offsets = admin.list_group_offsets({group: None})[group]
    finally:
        admin.close()
    meta = offsets.get(TopicPartition(topic, partition))
    return meta.offset if meta is not None else 0


def record_at(bootstrap: str, topic: str, partition: int, offset: int):
    """The record at one offset of one partition."""
    reader = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False)
    try:
        tp = TopicPartition(topic, partition)
        reader.assign([tp])
        reader.seek(tp, offset)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            for record in reader.poll(timeout_ms=1000).get(tp, []):
                if record.offset == offset:
                    return record
        raise AssertionError(f"no record at {topic}/{partition}@{offset}")
    finally:
        reader.close()


KILL_LINE = re.compile(r"fault test: SIGKILL after the database commit of (\S+)/(\d+)@(\d+)")


def kill_landed_in_window(stack: FaultStack, consumer: Consumer) -> bool:
    """After a consumer killed itself at the fault point: its last message is in its inbox (database committed)
    and its group's offset has not passed that message (offset not committed). A batched consumer (ADR 26) commits
    the offsets of a poll batch after the batch's database commit and every message's fault point, so the offset
    may still be at an earlier message of that batch: all of them come again after the restart."""
    found = KILL_LINE.findall((stack.workdir / f"{consumer.process}.log").read_text())
    assert found, f"{consumer.process} died without reaching the fault point"
    topic, partition, offset = found[-1][0], int(found[-1][1]), int(found[-1][2])
    record = record_at(stack.kafka, topic, partition, offset)
    applied = inbox(stack, consumer, [uuid.UUID(header(record, "ce_id"))])
    return bool(applied) and committed_offset(stack.kafka, consumer.group, topic, partition) <= offset


def largest_batch(stack: FaultStack, consumer: Consumer, ids: list[uuid.UUID]) -> int:
    """The most of `ids` one database transaction of the consumer applied (the rows one transaction wrote share
    PostgreSQL's xmin): above 1, the consumer applied poll batches in one transaction (ADR 26)."""
    rows = stack.sql(consumer.database, "SELECT count(*) FROM processed_messages WHERE consumer = :c AND "
                     "message_id = ANY(:ids) GROUP BY xmin::text ORDER BY 1 DESC LIMIT 1", c=consumer.group, ids=ids)
    return rows[0][0] if rows else 0


def inversions(sequence: list[tuple[object, int]]) -> int:
    """Applications of a version after a higher one of the same aggregate, in the given order."""
    highest: dict[object, int] = {}
    count = 0
    for key, version in sequence:
        if version < highest.get(key, 0):
            count += 1
        highest[key] = max(highest.get(key, 0), version)
    return count


def drained(stack: FaultStack, batch: Batch) -> bool:
    """Every outbox row of the batch published, in every consumer's inbox, and no group has lag."""
    rows = outbox_rows(stack, batch)
    if len(rows) < batch.committed or not all(row[3] for row in rows):
        return False
    ids = [row[0] for row in rows]
    if any(len(inbox(stack, consumer, ids)) < len(ids) for consumer in CONSUMERS):
        return False
    return all(group_lag(stack.kafka, consumer) == 0 for consumer in CONSUMERS)


def wait_drained(stack: FaultStack, batch: Batch, timeout: float) -> float:
    """Seconds until everything of the batch is applied everywhere with no lag (or `timeout`, then checked)."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if drained(stack, batch):
                break
        except (KafkaError, OperationalError):  # the broker or a database still coming back: look again
            pass
        time.sleep(0.5)
    return time.monotonic() - started


def reconcile(stack: FaultStack, batch: Batch, scenario: str, dlq_before: Counter, *, timeout: float) -> Counts:
    """Wait for the batch to drain after the fault, then count everything QUALITY.md 2.10 asks for."""
    counts = Counts(scenario, recovered_s=wait_drained(stack, batch, timeout))
    rows = outbox_rows(stack, batch)
    ids = [row[0] for row in rows]
    versions = {row[0]: (row[1], row[2]) for row in rows}
    assert len(rows) == batch.committed == batch.events, (scenario, len(rows), batch.committed, batch.events)
    counts.produced = len(rows)
    consumed = []
    for consumer in CONSUMERS:
        applied = inbox(stack, consumer, ids)
        consumed.append(len(applied))
        counts.lost += len(ids) - len(applied)
        ordered = sorted(applied, key=lambda row: row[1])
        counts.out_of_order += inversions([versions[row[0]] for row in ordered])
    counts.consumed = min(consumed)
    effects = stack.sql("faultprobe", "SELECT event_id, agency_id, version FROM fault_effects "
                        "WHERE agency_id = ANY(:ids) ORDER BY seq", ids=batch.ids)
    counts.duplicates = len(effects) - len({row[0] for row in effects})
    counts.lost += len(set(ids) - {row[0] for row in effects})
    counts.out_of_order += inversions([(row[1], row[2]) for row in effects])
    counts.stale = stale_copies(stack, batch)
    published = [header(r, "ce_id") for r in records(stack.kafka, AGENCY_TOPIC)]
    wanted = {str(i) for i in ids}
    counts.redelivered = sum(1 for ce_id in published if ce_id in wanted) - len(wanted & set(published))
    counts.dlq = sum((dead_letters(stack.kafka) - dlq_before).values())
    counts.lag = sum(group_lag(stack.kafka, consumer) for consumer in CONSUMERS)
    counts.extra["largest_batch"] = {c.database: largest_batch(stack, c, ids) for c in CONSUMERS}
    return counts


def stale_copies(stack: FaultStack, batch: Batch) -> int:
    """Agencies whose history or replica version is not the registry's own version."""
    truth = dict(stack.sql("registry", "SELECT id, version FROM agencies WHERE id = ANY(:ids)", ids=batch.ids))
    history = defaultdict(list)
    for agency_id, version in stack.sql("registry", "SELECT agency_id, version FROM agency_history "
                                        "WHERE agency_id = ANY(:ids)", ids=batch.ids):
        history[agency_id].append(version)
    stale = sum(1 for agency_id, version in truth.items() if sorted(history[agency_id]) != list(range(1, version + 1)))
    for database, (table, key) in REPLICAS.items():
        copies = dict(stack.sql(database, f"SELECT {key}, version FROM {table} WHERE {key} = ANY(:ids)",  # noqa: S608
                                ids=batch.ids))
        stale += sum(1 for agency_id, version in truth.items() if copies.get(agency_id) != version)
    return stale


def assert_clean(counts: Counts, *, dlq: int = 0) -> None:
    """The invariants: nothing lost, duplicated or reordered, every copy current, dead letters as injected."""
    assert counts.produced > 0
    assert counts.consumed == counts.produced, counts.line()
    assert (counts.lost, counts.duplicates, counts.out_of_order, counts.stale) == (0, 0, 0, 0), counts.line()
    assert counts.dlq == dlq, counts.line()
    assert counts.lag == 0, counts.line()
