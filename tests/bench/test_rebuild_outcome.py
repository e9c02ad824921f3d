"""What the rebuild benchmark makes of `reporting rebuild`'s answer, without a stack: a finished replay gives its
seconds and rate, one out of budget an error with the rate it reached, one that read less than the topics hold
fails the run."""

from __future__ import annotations

import subprocess
from types import SimpleNamespace

import pytest

from bench import rebuild


def _stack() -> SimpleNamespace:
    return SimpleNamespace(postgres=SimpleNamespace(host="127.0.0.1", port=5432),
                           topology=SimpleNamespace(env=lambda service, **extra: extra))


@pytest.fixture
def topics(monkeypatch):
    monkeypatch.setattr(rebuild, "_sizes", lambda _stack: {"registry.agency": 900, "registry.tenant": 100})


def _answers(monkeypatch, returncode: int, stderr: str) -> None:
    def run(command, **_options):
        return subprocess.CompletedProcess(command, returncode, "", stderr)
    monkeypatch.setattr(rebuild.subprocess, "run", run)


def test_a_finished_rebuild_gives_its_seconds_and_rate(monkeypatch, topics):
    _answers(monkeypatch, 0, "rebuild: 1000 messages applied\nrebuild: done, 1000 messages applied\n")

    outcome = rebuild.run(_stack(), rebuild.QUICK)

    found = {metric.name: metric for metric in outcome.metrics}
    assert found["events replayed"].value == 1000
    assert found["rebuild seconds"].base == "rebuild budget"
    assert found["rebuild events/s"].value == pytest.approx(1000 / found["rebuild seconds"].value)
    assert (outcome.errors, outcome.operations) == (0, 1000)


def test_a_rebuild_out_of_its_budget_is_an_error_with_its_rate(monkeypatch, topics):
    _answers(monkeypatch, 1, "TimeoutError: rebuild did not catch up in 600s (400 messages applied)\n")

    outcome = rebuild.run(_stack(), rebuild.QUICK)

    assert [metric.name for metric in outcome.metrics] == ["rebuild events/s"]
    assert outcome.errors == 1
    assert outcome.first_error.startswith("the rebuild read 400 of 1000 events")


def test_a_rebuild_that_read_less_than_the_topics_hold_fails(monkeypatch, topics):
    _answers(monkeypatch, 0, "rebuild: done, 999 messages applied\n")

    with pytest.raises(RuntimeError, match="read 999 of the 1000 events"):
        rebuild.run(_stack(), rebuild.QUICK)
