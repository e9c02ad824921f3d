"""Event reliability under faults (QUALITY.md 2.10) on the local topology: real Kafka, PostgreSQL and processes.

Each scenario writes its own agencies through the registry's use cases while it injects its fault, then
reconciles the registry's outbox with the inbox and effects of the five consumers (tests/faults/checks.py):
0 lost, 0 duplicated effects, 0 out-of-order applications, every copy at the registry's version, dead letters
exactly as injected, lag back to 0. Each prints its counts in a `faults: <scenario>: ...` line.
"""

from __future__ import annotations

import time

import pytest

from tests.e2e.conftest import eventually
from tests.faults.checks import (
    assert_clean,
    dead_letters,
    reconcile,
)
from tests.faults.stack import Batch

pytestmark = pytest.mark.e2e


def batch(name: str, events: int, scale) -> Batch:
    return Batch(name, agencies=events // 5, rate=scale.rate)


def test_broker_stopped_and_restarted_while_events_flow(faults, scale):
    before = dead_letters(faults.kafka)
    work = batch("broker", scale.broker_events, scale).start(faults)
    eventually(lambda: work.progress() >= 0.3, timeout=300)

    faults.broker.stop()
    time.sleep(scale.broker_down_s)
    produced_while_down = work.committed
    faults.broker.start()
    work.wait()

    counts = reconcile(faults, work, "broker-restart", before, timeout=scale.recovery_s)
    counts.extra.update(broker_down_s=scale.broker_down_s, producers=work.threads)
    counts.report()
    assert produced_while_down > 0
    assert_clean(counts)
