"""Event pipeline (QUALITY.md G10, issue 22): commit-to-effect latency of `registry.agency.registered` (registry
outbox, relay, Kafka, reporting's consumer, its read model) at a low rate and at the target's 1,000 events/s, and
the sustained rate of a burst, beside raw kafka-python produce-and-consume of messages of the same size on the
same broker in the same run.

Commit time is the outbox row's `created_at` (written in the registering transaction); effect time is the
`processed_at` of reporting's inbox row, written in the transaction that updates the read model. At the target
rate one Python process on a shared machine cannot commit a thousand single registrations a second, so each
planned commit there holds `per_commit` registrations of the registry's use case. A row's `created_at` is taken
when it is flushed, and a registration's queries flush the one before, so the time of a commit is the
`created_at` of its last row (flushed by the commit itself): never later than the commit, never earlier than the
registrations before it. The rate reached is reported ("achieved rate").

The raw baseline is what the pipeline is held to: a producer with the relay's settings and a consumer in a
consumer group with kit's consumer settings (kit.kafka), polling as the service's loop does and committing each
poll batch's offsets asynchronously, as the batching consumer does after its database commit.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from kafka import KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic

from bench.load import open_model
from bench.stack import Stack, app_url, say
from bench.table import Outcome, percentile
from kit import tenancy
from kit.kafka import KafkaClients
from kit.service import load
from registry.api.agencies import AgencyCreateSchema
from registry.services import agencies as services
from registry.services import tenants

NAME = "events"
REGISTERED = "registry.agency.registered"
TENANT = "bench-events"
WAIT = 300.0
PARTITIONS = 3  # of each topic the raw client measures on
# A consumer not assigned the new topic's partitions by then gives way to another in a new group: in CI one sat
# in its group with nothing assigned for the whole WAIT (kafka-python 3.0.12; the broker had the topic's leaders).
JOIN = 30.0


@dataclass(frozen=True)
class Plan:
    """The low and the target rate (registrations a second) with the seconds of each, the registrations of one
    commit at the target rate, and the size of the burst for throughput."""

    low_rate: float
    rate: float
    seconds: float
    per_commit: int
    burst: int
    runs: int = 3


FULL = Plan(low_rate=20, rate=1000, seconds=10, per_commit=10, burst=5000)
QUICK = Plan(low_rate=20, rate=1000, seconds=0.5, per_commit=10, burst=300)


def prepare(stack: Stack, plan: Plan) -> None:
    """A registry runtime in this process (its use cases commit as the API would) and a province for it."""
    runtime = load("registry").runtime_at(app_url(stack.postgres, stack.database("registry")))
    tenants.create_tenant(runtime.uow(tenancy.tenant_id(TENANT)), name="Tỉnh thử sự kiện")
    stack.loaded[NAME] = runtime


def run(stack: Stack, plan: Plan) -> Outcome:
    """Registrations at the low rate, then at the target rate, then a burst; raw Kafka at the same rates and
    burst."""
    outcome = Outcome()
    runtime = stack.loaded[NAME]
    latencies, achieved = {}, {}
    for rate, per_commit in ((plan.low_rate, 1), (plan.rate, plan.per_commit)):
        say(f"{NAME}: registering agencies at {rate:g}/s for {plan.seconds:g}s, {per_commit} a commit")
        since, commits = _now(), []
        load = open_model(_registering(runtime, per_commit, commits), rate / per_commit, plan.seconds, threads=4)
        outcome.count(load)
        achieved[rate] = per_commit * len(load.latencies) / load.span
        latencies[rate] = _commit_to_effect(stack, since, commits)
    say(f"{NAME}: a burst of {plan.burst} registrations in one transaction")
    burst = _burst(stack, runtime, plan.burst)
    outcome.operations += plan.burst
    size = _event_size(stack)
    raw = {}
    for rate in (plan.low_rate, plan.rate):
        say(f"{NAME}: raw kafka-python, {size}-byte messages at {rate:g}/s for {plan.seconds:g}s")
        raw[rate] = _raw_latencies(stack.kafka.bootstrap, size, rate, plan.seconds)
    say(f"{NAME}: raw kafka-python, a burst of {plan.burst}")
    raw_rate = _raw_burst(stack.kafka.bootstrap, size, plan.burst)
    for p in (50, 99):
        outcome.add(f"raw kafka p{p}", 1000 * percentile(raw[plan.rate], p), "ms")
        outcome.add(f"raw kafka p{p} {plan.low_rate:g}/s", 1000 * percentile(raw[plan.low_rate], p), "ms")
        for rate in (plan.low_rate, plan.rate):
            outcome.add(f"commit-to-effect p{p} {rate:g}/s", 1000 * percentile(latencies[rate], p), "ms",
                        f"raw kafka p{p}" if rate == plan.rate else f"raw kafka p{p} {rate:g}/s")
    outcome.add("achieved rate", achieved[plan.rate], "ev/s")
    outcome.add("raw kafka events/s", raw_rate, "ev/s")
    outcome.add("relay published events/s", burst["published"], "ev/s", "raw kafka events/s")
    outcome.add("pipeline events/s", burst["applied"], "ev/s", "raw kafka events/s")
    return outcome


def _registering(runtime, count: int, commits: list[list[str]]):
    """One planned commit: `count` registrations through the registry's use case in one transaction; the ids of
    its agencies (the keys of its events) go to `commits`."""
    tenant = tenancy.tenant_id(TENANT)

    def request(_session) -> bool:
        uow = runtime.uow(tenant)
        with uow:
            agencies = [services.add_agency(uow, _fields("Sở thử sự kiện", "SO")) for _ in range(count)]
            uow.commit()
        commits.append([str(agency.id) for agency in agencies])
        return True
    return request


def _fields(name: str, kind: str) -> dict:
    return AgencyCreateSchema().load({"name": f"{name} {uuid.uuid4().hex[:12]}", "agency_type": kind})


def _burst(stack: Stack, runtime, count: int) -> dict:
    started, uow = _now(), runtime.uow(tenancy.tenant_id(TENANT))
    with uow:
        for _ in range(count):
            services.add_agency(uow, _fields("Xã thử", "UBND_XA"))
        committed = _now()
        uow.commit()
    ids = _wait_applied(stack, started)
    with stack.connect("registry") as conn:
        published = conn.execute("SELECT max(published_at) FROM outbox_messages WHERE created_at >= %s",
                                 (started,)).fetchone()[0]
    with stack.connect("reporting") as conn:
        applied = conn.execute("SELECT max(processed_at) FROM processed_messages WHERE message_id = ANY(%s)",
                               (ids,)).fetchone()[0]
    return {"published": count / (published - committed).total_seconds(),
            "applied": count / (applied - committed).total_seconds()}


def _commit_to_effect(stack: Stack, since: datetime, commits: list[list[str]]) -> list[float]:
    """Seconds from each event's commit (the `created_at` of its transaction's last outbox row) to its effect."""
    with stack.connect("registry") as conn:
        rows = conn.execute("SELECT event_id, key, created_at FROM outbox_messages WHERE type = %s "
                            "AND created_at >= %s", (REGISTERED, since)).fetchall()
    created = {key: at for _event, key, at in rows}
    for keys in commits:
        committed = max(created[key] for key in keys)
        created.update(dict.fromkeys(keys, committed))
    _wait_applied(stack, since)
    with stack.connect("reporting") as conn:
        applied = dict(conn.execute("SELECT message_id, processed_at FROM processed_messages "
                                    "WHERE message_id = ANY(%s)", ([event for event, _k, _a in rows],)).fetchall())
    return [(applied[event] - created[key]).total_seconds() for event, key, _at in rows]


def _wait_applied(stack: Stack, since: datetime) -> list[uuid.UUID]:
    """The ids of the registrations committed since `since`, once reporting has applied every one."""
    with stack.connect("registry") as conn:
        ids = [row[0] for row in conn.execute("SELECT event_id FROM outbox_messages WHERE type = %s "
                                              "AND created_at >= %s", (REGISTERED, since))]
    deadline = time.monotonic() + WAIT
    with stack.connect("reporting") as conn:
        while time.monotonic() < deadline:
            done = conn.execute("SELECT count(*) FROM processed_messages WHERE message_id = ANY(%s)",
                                (ids,)).fetchone()[0]
            if done == len(ids):
                return ids
            time.sleep(0.05)
    raise TimeoutError(f"reporting applied {done} of {len(ids)} events in {WAIT:.0f}s")


def _event_size(stack: Stack) -> int:
    with stack.connect("registry") as conn:
        return int(conn.execute("SELECT avg(octet_length(payload::text)) FROM outbox_messages WHERE type = %s",
                                (REGISTERED,)).fetchone()[0])


def _producer(bootstrap: str) -> KafkaProducer:
    """The relay's producer settings (kit.kafka.KafkaProducerAdapter), sending without a flush per message."""
    return KafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=5,
                         max_in_flight_requests_per_connection=5, delivery_timeout_ms=120_000,
                         request_timeout_ms=30_000)


def _raw_latencies(bootstrap: str, size: int, rate: float, seconds: float) -> list[float]:
    """Send to receive of messages sent at `rate` for `seconds`."""
    producer, value = _producer(bootstrap), b"x" * size
    try:
        with _Receiver(bootstrap, round(rate * seconds)) as received:
            open_model(lambda _s: bool(producer.send(received.topic, key=uuid.uuid4().bytes, value=value,
                                                     headers=[("sent", repr(time.time()).encode())])),
                       rate, seconds, threads=2)
            producer.flush()
        return received.latencies
    finally:
        producer.close()


def _raw_burst(bootstrap: str, size: int, count: int) -> float:
    """Messages a second from the first send of `count` to the last one received."""
    producer, value = _producer(bootstrap), b"x" * size
    try:
        with _Receiver(bootstrap, count) as burst:
            first = time.time()
            for _ in range(count):
                producer.send(burst.topic, key=uuid.uuid4().bytes, value=value, headers=[("sent", b"0")])
            producer.flush()
        return count / (burst.last - first)
    finally:
        producer.close()


def _led(admin: KafkaAdminClient, topic: str) -> None:
    """Wait until the broker's metadata gives each partition of the new `topic` a leader: a consumer that joins its
    group before that may be assigned nothing until its next metadata refresh (minutes)."""
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        [found] = admin.describe_topics([topic])
        if found["error_code"] == 0 and sum(p["leader_id"] >= 0 for p in found["partitions"]) == PARTITIONS:
            return
        time.sleep(0.1)
    raise TimeoutError(f"the partitions of {topic} have no leader after {WAIT:.0f}s")


class _Receiver:
    """A consumer in a group of its own on a fresh topic (kit's consumer, its settings), in a thread until
    `expected` messages arrived; each poll batch's offsets are committed asynchronously, as the batching consumer
    commits them after its database transaction."""

    def __init__(self, bootstrap: str, expected: int):
        self.topic, self.expected = f"bench.raw.{uuid.uuid4().hex[:10]}", expected
        admin = KafkaAdminClient(bootstrap_servers=bootstrap)
        try:
            admin.create_topics([NewTopic(self.topic, num_partitions=PARTITIONS, replication_factor=1)])
            _led(admin, self.topic)
        finally:
            admin.close()
        self.bootstrap = bootstrap
        self.consumer = self._joining()
        self.latencies: list[float] = []
        self.last = 0.0
        self.count = 0
        self.thread = threading.Thread(target=self._consume, daemon=True)

    def _joining(self):
        """A consumer in a new group of its own, subscribed to the topic."""
        return KafkaClients(self.bootstrap).consumer(f"bench.raw.{uuid.uuid4().hex[:10]}", [self.topic])

    def __enter__(self) -> _Receiver:
        deadline = time.monotonic() + WAIT
        while not self._assigned(min(JOIN, deadline - time.monotonic())):
            self.consumer.close()
            if time.monotonic() >= deadline:
                raise TimeoutError(f"no partition of {self.topic} assigned in {WAIT:.0f}s")
            say(f"{NAME}: no partition of {self.topic} assigned in {JOIN:.0f}s; another consumer joins")
            self.consumer = self._joining()
        self.thread.start()
        return self

    def _assigned(self, seconds: float) -> bool:
        """Polls as the service's loop does until the consumer joined its group, was assigned the partitions and
        stands at their (empty) ends; False after `seconds`."""
        deadline = time.monotonic() + seconds
        while not self.consumer.caught_up():
            if time.monotonic() > deadline:
                return False
            self.consumer.poll(timeout_ms=500, max_records=100)
        return True

    def _consume(self) -> None:
        deadline = time.monotonic() + WAIT
        while self.count < self.expected and time.monotonic() < deadline:
            batch = self.consumer.poll(timeout_ms=500, max_records=100)  # as kit.consumer.ConsumerLoop polls
            if not batch:
                continue
            now = time.time()
            for message in batch:
                sent = float(message.header("sent"))
                if sent:
                    self.latencies.append(now - sent)
            self.consumer.commit_async(batch)
            self.count += len(batch)
            self.last = now

    def __exit__(self, *_exc) -> None:
        self.thread.join(WAIT)
        self.consumer.close()
        if self.count < self.expected:
            raise TimeoutError(f"{self.count} of {self.expected} messages arrived on {self.topic}")


def _now() -> datetime:
    return datetime.now(UTC)
