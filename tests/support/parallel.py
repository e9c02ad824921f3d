"""Calls released together, for the tests of what must hold when requests race (issue 20)."""

from __future__ import annotations

import threading
from collections.abc import Callable

TIMEOUT = 120  # seconds a round may take before the test says it hangs (a deadlock)


def in_parallel(*calls: Callable[[], object]) -> list:
    """Run each call in its own thread, all released at the same moment by a barrier; their results in order.
    An exception in a call is raised here; a round that does not end fails rather than hanging the suite."""
    barrier, results, errors = threading.Barrier(len(calls), timeout=TIMEOUT), [None] * len(calls), []

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except BaseException as exc:  # noqa: BLE001 - raised in the test's thread below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i, call), daemon=True) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a round did not end (a deadlock?)"
    if errors:
        raise errors[0]
    return results
