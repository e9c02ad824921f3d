"""Event pipeline (QUALITY.md G10): commit-to-effect latency of `registry.agency.registered` (registry outbox,
relay, Kafka, reporting's consumer, its read model) at a fixed rate, and the sustained rate of a burst, beside
raw kafka-python produce-and-consume of messages of the same size on the same broker in the same run.

Commit time is the outbox row's `created_at` (written in the registering transaction); effect time is the
`processed_at` of reporting's inbox row, written in the transaction that updates the read model.
"""

from __future__ import annotations

import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from kafka import KafkaConsumer, KafkaProducer
from kafka.admin import KafkaAdminClient, NewTopic

from bench.load import open_model
from bench.stack import Stack, app_url, say
from bench.table import Outcome, percentile
from kit import tenancy
from kit.service import load
from registry.api.agencies import AgencyCreateSchema
from registry.services import agencies as services
from registry.services import tenants

NAME = "events"
REGISTERED = "registry.agency.registered"
WAIT = 300.0


@dataclass(frozen=True)
class Plan:
    """The registration rate and duration for latency, and the size of the burst for throughput."""

    rate: float
    seconds: float
    burst: int
    runs: int = 3


FULL = Plan(rate=20, seconds=15, burst=2000)
QUICK = Plan(rate=10, seconds=2, burst=100)


def prepare(stack: Stack, plan: Plan) -> None:
    """A registry runtime in this process (its use cases commit as the API would) and a province for it."""
    runtime = load("registry").runtime_at(app_url(stack.postgres, stack.database("registry")))
    tenants.create_tenant(runtime.uow(tenancy.tenant_id("bench-events")), name="Tỉnh thử sự kiện")
    stack.loaded[NAME] = runtime


def run(stack: Stack, plan: Plan) -> Outcome:
    """Registrations at a fixed rate, then a burst, then raw Kafka at the same rate and burst."""
    outcome = Outcome()
    runtime, tenant = stack.loaded[NAME], tenancy.tenant_id("bench-events")
    say(f"{NAME}: registering agencies at {plan.rate:g}/s for {plan.seconds:g}s")
    since = _now()
    load = open_model(lambda _session: bool(_register(runtime, tenant)), plan.rate, plan.seconds, threads=4)
    latencies = _commit_to_effect(stack, since)
    outcome.count(load)
    outcome.operations += plan.burst
    say(f"{NAME}: a burst of {plan.burst} registrations in one transaction")
    burst = _burst(stack, runtime, tenant, plan.burst)
    size = _event_size(stack, since)
    say(f"{NAME}: raw kafka-python, {size}-byte messages at {plan.rate:g}/s, then a burst of {plan.burst}")
    raw_latencies, raw_rate = _raw(stack.kafka.bootstrap, size, plan)
    for p in (50, 95, 99):
        raw = 1000 * percentile(raw_latencies, p)
        outcome.add(f"raw kafka p{p}", raw, "ms")
        outcome.add(f"commit-to-effect p{p}", 1000 * percentile(latencies, p), "ms", f"raw kafka p{p}")
    outcome.add("raw kafka events/s", raw_rate, "ev/s")
    outcome.add("relay published events/s", burst["published"], "ev/s", "raw kafka events/s")
    outcome.add("pipeline events/s", burst["applied"], "ev/s", "raw kafka events/s")
    return outcome


def _register(runtime, tenant) -> object:
    fields = AgencyCreateSchema().load({"name": f"Sở thử sự kiện {uuid.uuid4().hex[:12]}",
                                                "agency_type": "SO"})
    return services.register_agency(runtime.uow(tenant), fields)


def _burst(stack: Stack, runtime, tenant, count: int) -> dict:
    started, uow = _now(), runtime.uow(tenant)
    with uow:
        for n in range(count):
            fields = AgencyCreateSchema().load({"name": f"Xã thử {n} {uuid.uuid4().hex[:8]}",
                                                        "agency_type": "UBND_XA"})
            services.add_agency(uow, fields)
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


def _commit_to_effect(stack: Stack, since: datetime) -> list[float]:
    with stack.connect("registry") as conn:
        created = dict(conn.execute("SELECT event_id, created_at FROM outbox_messages WHERE type = %s "
                                    "AND created_at >= %s", (REGISTERED, since)).fetchall())
    _wait_applied(stack, since)
    with stack.connect("reporting") as conn:
        applied = conn.execute("SELECT message_id, processed_at FROM processed_messages WHERE message_id = ANY(%s)",
                               (list(created),)).fetchall()
    return [(at - created[event_id]).total_seconds() for event_id, at in applied]


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


def _event_size(stack: Stack, since: datetime) -> int:
    with stack.connect("registry") as conn:
        return int(conn.execute("SELECT avg(octet_length(payload::text)) FROM outbox_messages WHERE type = %s "
                                "AND created_at >= %s", (REGISTERED, since)).fetchone()[0])


def _raw(bootstrap: str, size: int, plan: Plan) -> tuple[list[float], float]:
    """Latencies (send to receive) at the plan's rate, and the rate of a burst, with the relay's producer settings
    (acks=all, idempotent, linger 5 ms) and a consumer that reads as it arrives."""
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=5,
                             max_in_flight_requests_per_connection=5)
    value = b"x" * size
    try:
        with _Receiver(bootstrap, round(plan.rate * plan.seconds)) as received:
            open_model(lambda _s: bool(producer.send(received.topic, key=uuid.uuid4().bytes, value=value,
                                                     headers=[("sent", repr(time.time()).encode())])),
                       plan.rate, plan.seconds, threads=2)
            producer.flush()
        with _Receiver(bootstrap, plan.burst) as burst:
            first = time.time()
            for _ in range(plan.burst):
                producer.send(burst.topic, key=uuid.uuid4().bytes, value=value, headers=[("sent", b"0")])
            producer.flush()
        return received.latencies, plan.burst / (burst.last - first)
    finally:
        producer.close()


class _Receiver:
    """Consumes a fresh topic from its start in a thread until `expected` messages arrived."""

    def __init__(self, bootstrap: str, expected: int):
        self.topic, self.expected = f"bench.raw.{uuid.uuid4().hex[:10]}", expected
        admin = KafkaAdminClient(bootstrap_servers=bootstrap)
        admin.create_topics([NewTopic(self.topic, num_partitions=3, replication_factor=1)])
        admin.close()
        self.consumer = KafkaConsumer(self.topic, bootstrap_servers=bootstrap, group_id=None,
                                      auto_offset_reset="earliest", enable_auto_commit=False)
        self.latencies: list[float] = []
        self.last = 0.0
        self.thread = threading.Thread(target=self._consume, daemon=True)

    def __enter__(self) -> _Receiver:
        while not self.consumer.assignment():
            self.consumer.poll(timeout_ms=100)
        self.thread.start()
        return self

    def _consume(self) -> None:
        deadline = time.monotonic() + WAIT
        count = 0
        while count < self.expected and time.monotonic() < deadline:
            for records in self.consumer.poll(timeout_ms=100).values():
                now = time.time()
                for record in records:
                    sent = float(dict(record.headers)["sent"])
                    if sent:
                        self.latencies.append(now - sent)
                    count += 1
                self.last = now

    def __exit__(self, *_exc) -> None:
        self.thread.join(WAIT)
        self.consumer.close()
        if self.last == 0.0:
            raise TimeoutError(f"no message arrived on {self.topic}")


def _now() -> datetime:
    return datetime.now(UTC)
