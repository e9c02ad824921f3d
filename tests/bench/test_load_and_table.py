"""The load generator and the results table, without any server."""

from __future__ import annotations

import threading
import time

from bench.load import closed_model, open_model
from bench.table import Metric, Outcome, Summary, percentile, render


def test_percentile_is_the_nearest_rank():
    values = list(range(1, 101))

    assert [percentile(values, p) for p in (1, 50, 99, 100)] == [1, 50, 99, 100]
    assert percentile([7.0], 99) == 7.0


def test_a_stall_delays_the_requests_planned_behind_it_in_the_open_model():
    stalled = threading.Event()

    def request(_session) -> bool:
        if not stalled.is_set():
            stalled.set()
            time.sleep(0.3)
        return True

    load = open_model(request, rate=20, seconds=0.5, threads=1)

    # Requests planned at 50 ms and 100 ms were sent after the 300 ms stall: their lateness is their latency.
    assert load.sent == 10 and load.errors == 0
    assert sorted(load.latencies)[-3] >= 0.19


def test_the_closed_model_measures_from_the_actual_send():
    load = closed_model(lambda _session: True, concurrency=2, seconds=0.2)

    assert load.sent > 0 and load.errors == 0
    assert load.throughput > 0


def test_a_failed_request_is_counted_with_its_reason():
    def request(_session) -> bool:
        raise RuntimeError("502 upstream down")

    load = open_model(request, rate=50, seconds=0.1, threads=2)

    assert (load.errors, load.latencies) == (5, [])
    assert "502 upstream down" in load.first_error


def test_runs_become_median_min_max_and_a_ratio_to_their_base():
    summary = Summary("gateway", runs=[
        Outcome([Metric("p50 direct", 2.0, "ms"), Metric("p50 gateway", 5.0, "ms", "p50 direct")], 0, 10),
        Outcome([Metric("p50 direct", 4.0, "ms"), Metric("p50 gateway", 6.0, "ms", "p50 direct")], 1, 10),
        Outcome([Metric("p50 direct", 3.0, "ms"), Metric("p50 gateway", 9.0, "ms", "p50 direct")], 0, 10),
    ])

    direct, gateway = summary.rows()

    assert (direct["median"], direct["min"], direct["max"], direct["ratio"]) == (3.0, 2.0, 4.0, None)
    assert (gateway["median"], gateway["ratio"], gateway["ratio_to"]) == (6.0, 2.0, "p50 direct")
    assert summary.as_dict()["errors"] == 1
    assert "2.00x p50 direct" in render([summary])
