"""Read-model rebuild (issue 22): `python -m reporting rebuild`, as an operator runs it, timed over every event on
reporting's topics, those the benchmarks before it produced and at least `Plan.events`.

The rebuild empties the read models and replays each topic from its first offset in a consumer group of its own.
Here it runs on a second, migrated reporting database, so the live read model and consumer of the other
benchmarks go on untouched; it reads the same topics, as reporting signs in to the broker, with the same handlers.
The seconds are the command's, start to exit; its budget is the replay's own time limit (reporting.rebuild). A
rebuild that runs out of it is an error of the run, with the rate it reached until then.
"""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass

from kafka import KafkaConsumer, TopicPartition

from bench.stack import Stack, app_url, migrate, say
from bench.table import Outcome
from kit import tenancy
from kit.service import load
from registry.api.agencies import AgencyCreateSchema
from registry.services import agencies as services
from registry.services import tenants
from reporting import rebuild

NAME = "rebuild"
DATABASE = "bench_reporting_rebuild"
TENANT = "bench-rebuild"
BUDGET = inspect.signature(rebuild.replay).parameters["timeout"].default
DONE = re.compile(r"rebuild: done, (\d+) messages applied")
OUT_OF_TIME = re.compile(r"did not catch up in \d+s \((\d+) messages applied\)")


@dataclass(frozen=True)
class Plan:
    """The fewest events the topics hold before the rebuild: registrations are added up to it."""

    events: int
    runs: int = 3


FULL = Plan(events=10_000, runs=1)  # every event of a full run, replayed once: minutes
QUICK = Plan(events=500)


def prepare(stack: Stack, plan: Plan) -> None:
    """The database to rebuild into, and registrations until reporting's topics hold `plan.events` events, all
    published."""
    migrate(stack.topology, stack.postgres, [("reporting", DATABASE)])
    missing = plan.events - sum(_sizes(stack).values())
    if missing > 0:
        say(f"{NAME}: registering {missing} agencies in one transaction")
        runtime = load("registry").runtime_at(app_url(stack.postgres, stack.database("registry")))
        tenants.create_tenant(runtime.uow(tenancy.tenant_id(TENANT)), name="Tỉnh thử dựng lại")
        uow = runtime.uow(tenancy.tenant_id(TENANT))
        with uow:
            for _ in range(missing):
                fields = AgencyCreateSchema().load({"name": f"Sở dựng lại {uuid.uuid4().hex[:12]}",
                                                    "agency_type": "SO"})
                services.add_agency(uow, fields)
            uow.commit()
        _wait_published(stack)


def run(stack: Stack, plan: Plan) -> Outcome:
    """One `reporting rebuild` into the second database; every event on the topics must have been read."""
    outcome = Outcome()
    events = sum(_sizes(stack).values())
    say(f"{NAME}: rebuilding reporting's read models from {events} events")
    env = stack.topology.env("reporting", DATABASE_URL=app_url(stack.postgres, DATABASE), LOG_FORMAT="text")
    began = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "reporting", "rebuild"], env=env, capture_output=True, text=True,
                          timeout=BUDGET + 120)
    seconds = time.monotonic() - began
    if late := OUT_OF_TIME.search(done.stderr):  # the rate so far is still worth a row; the run has an error
        applied = int(late.group(1))
        outcome.operations, outcome.errors = applied + 1, 1
        rate = applied / seconds
        outcome.first_error = (f"the rebuild read {applied} of {events} events in its {BUDGET:.0f} s budget; at "
                               f"{rate:.0f} events/s all of them would take about {events / rate:.0f} s")
        outcome.add("rebuild events/s", rate, "ev/s")
        return outcome
    found = DONE.search(done.stderr)
    if done.returncode or not found:
        raise RuntimeError(f"reporting rebuild exited with {done.returncode}:\n{done.stderr[-2000:]}")
    applied = int(found.group(1))
    outcome.operations += applied
    if applied < events:
        raise RuntimeError(f"the rebuild read {applied} of the {events} events on reporting's topics")
    outcome.add("events replayed", applied, "count")
    outcome.add("rebuild budget", BUDGET, "s")
    outcome.add("rebuild seconds", seconds, "s", "rebuild budget")
    outcome.add("rebuild events/s", applied / seconds, "ev/s")
    return outcome


def _sizes(stack: Stack) -> dict[str, int]:
    """{topic: messages it holds} for each topic reporting consumes."""
    reader = KafkaConsumer(bootstrap_servers=stack.kafka.bootstrap, enable_auto_commit=False)
    try:
        topics = load("reporting").topics
        partitions = [TopicPartition(t, p) for t in topics for p in sorted(reader.partitions_for_topic(t) or ())]
        ends, starts = reader.end_offsets(partitions), reader.beginning_offsets(partitions)
        sizes = dict.fromkeys(topics, 0)
        for partition in partitions:
            sizes[partition.topic] += ends[partition] - starts[partition]
        return sizes
    finally:
        reader.close()


def _wait_published(stack: Stack, wait: float = 300.0) -> None:
    deadline = time.monotonic() + wait
    with stack.connect("registry") as conn:
        while conn.execute("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL").fetchone()[0]:
            if time.monotonic() > deadline:
                raise TimeoutError(f"the registry's relay did not publish its outbox in {wait:.0f}s")
            time.sleep(0.2)
