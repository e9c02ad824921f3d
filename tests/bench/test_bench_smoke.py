"""`python -m bench --quick` end to end: every benchmark runs once on the real stack and reports numbers.

No timing thresholds: timing targets belong to the benchmarks themselves (bench/RESULTS.md).
"""

from __future__ import annotations

import json
import math
import os
import signal
import subprocess
import sys

import pytest

from bench.__main__ import BENCHMARKS
from tests.conftest import ROOT

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict:
    output = tmp_path_factory.mktemp("bench") / "results.json"
    process = subprocess.Popen([sys.executable, "-m", "bench", "--quick", "--output", str(output)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = process.communicate(timeout=600)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)  # the bench stops what it started on SIGTERM
        out, err = process.communicate(timeout=120)
    assert process.returncode == 0, out[-3000:] + err[-6000:]
    return json.loads(output.read_text())


def test_every_benchmark_ran_once_without_errors(results):
    found = {b["benchmark"]: b for b in results["benchmarks"]}

    assert set(found) == set(BENCHMARKS)
    for name, benchmark in found.items():
        assert (benchmark["failure"], benchmark["runs"], benchmark["errors"]) == (None, 1, 0), name
        assert benchmark["operations"] > 0, name


def test_every_number_is_positive_and_finite(results):
    for benchmark in results["benchmarks"]:
        assert benchmark["rows"], benchmark["benchmark"]
        for row in benchmark["rows"]:
            numbers = [row["median"], row["min"], row["max"]] + ([row["ratio"]] if row["ratio_to"] else [])
            assert all(math.isfinite(n) for n in numbers), row
            # what the gateway adds is a difference of two noisy latencies: it may come out below zero
            assert row["metric"].endswith(" added") or all(n > 0 for n in numbers), row
            assert row["min"] <= row["median"] <= row["max"], row


def test_every_benchmark_reports_a_ratio(results):
    for benchmark in results["benchmarks"]:
        assert any(row["ratio_to"] for row in benchmark["rows"]), benchmark["benchmark"]


def test_the_machine_is_recorded(results):
    machine = results["machine"]

    assert machine["mode"] == "quick"
    assert machine["cores"] > 0 and machine["memory_gib"] > 0
    assert "PostgreSQL" in machine["postgresql"] and machine["kafka"] != "unknown"
