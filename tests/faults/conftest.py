"""Fixtures of the fault suite: a Kafka broker it may stop, databases it may take away, the processes.

`FAULTS_SCALE=full` (`make test-faults`) runs every scenario with the numbers of the issue (10,000 events through a
broker restart, a 30 s database outage, ten consumer kills); `FAULTS_SCALE=small` runs every scenario small;
unset (`make test`), only the scenarios marked `fault_smoke` run, small: a broker restart, consumers killed between
their two commits, and a scheduler killed between sending and recording, so `make test` keeps its time.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass

import pytest

from localinfra.kafka import start_kafka
from tests.faults.checks import SUMMARY, assert_clean, reconcile
from tests.faults.stack import CONSUMERS, Batch, FaultStack


@dataclass(frozen=True)
class Scale:
    """How big each scenario is."""

    name: str
    broker_events: int  # scenario 1
    events: int  # every other scenario
    broker_down_s: float
    outage_s: float
    kill_rounds: int
    kill_after: int  # messages a consumer handles before its fault-point kill
    relay_kills: int
    rate: float  # commands per second, all producers together
    recovery_s: float  # how long a scenario may take to drain after its fault


SMALL = Scale("small", broker_events=1000, events=200, broker_down_s=5, outage_s=8, kill_rounds=2, kill_after=40,
              relay_kills=2, rate=150, recovery_s=180)
FULL = Scale("full", broker_events=10_000, events=2000, broker_down_s=20, outage_s=30, kill_rounds=10,
             kill_after=150, relay_kills=10, rate=250, recovery_s=1200)


SCALE = FULL if os.environ.get("FAULTS_SCALE") == "full" else SMALL
EVERY_SCENARIO = bool(os.environ.get("FAULTS_SCALE"))
# pytest-timeout's limit per test: a full-scale scenario drains tens of thousands of applications.
TIMEOUT_S = 3600 if SCALE is FULL else 600


@pytest.fixture(scope="session")
def scale() -> Scale:
    return SCALE


@pytest.fixture(scope="module")
def faults(tmp_path_factory, postgres):
    """The topology on a broker of its own (the suite stops it) and databases of its own (the suite takes them
    away); the shared session broker and other tests' databases are never touched."""
    broker = start_kafka(tmp_path_factory.mktemp("faults-kafka"))
    databases = {name: postgres.create_database(f"faults_{name}")
                 for name in ("registry", *(c.database for c in CONSUMERS if c.database != "registry"))}
    stack = FaultStack(tmp_path_factory.mktemp("faults"), databases, broker, postgres.base_url)
    try:
        stack.start()
        warm_up(stack)
        yield stack
    finally:
        stack.close()
        broker.kill()


def warm_up(stack: FaultStack) -> None:
    """A few events through every process before any fault, so every consumer has joined its group."""
    work = Batch("warm-up", agencies=4, rate=100).start(stack)
    work.wait()
    assert_clean(reconcile(stack, work, "warm-up", Counter(), timeout=120))


def pytest_collection_modifyitems(config, items):
    """Without FAULTS_SCALE, the scenarios not marked `fault_smoke` are deselected (they run in make test-faults)."""
    if EVERY_SCENARIO:
        return
    here = os.path.dirname(__file__)
    dropped = [item for item in items
               if str(item.path).startswith(here) and not item.get_closest_marker("fault_smoke")]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if item not in dropped]


def pytest_terminal_summary(terminalreporter) -> None:
    """The counts each scenario checked, also when pytest captured its output."""
    if SUMMARY:
        terminalreporter.section("fault injection")
        for line in SUMMARY:
            terminalreporter.write_line(line)
