"""Threads released together, round after round: the shape of every test in this suite.

Each thread has its own test client of the gateway and waits at a barrier, so that all the requests of a round
reach the services at the same moment. A thread that raises, or a round that does not end, fails the test as the
harness's fault, never counted as an invariant violation.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.concurrency.stack import Stack

THREADS = 6
ROUNDS = 8
JOIN_SECONDS = 120


@dataclass
class Round:
    """What `prepare` gave the round, and what each thread's call returned, in thread order."""

    number: int
    context: Any
    results: list[Any]


def together(stack: Stack, n: int, call: Callable[[Any, int], Any]) -> list[Any]:
    """`call(client, index)` in `n` threads released at once; their results in thread order."""
    clients = [stack.client() for _ in range(n)]
    barrier = threading.Barrier(n, timeout=JOIN_SECONDS)
    results: list[Any] = [None] * n
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            barrier.wait()
            results[index] = call(clients[index], index)
        except BaseException as exc:  # noqa: BLE001 - handed to the test's thread below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,), name=f"race-{i}", daemon=True) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_SECONDS)
    if any(thread.is_alive() for thread in threads):
        raise AssertionError(f"a round of {n} threads did not end within {JOIN_SECONDS} s (a deadlock?)")
    if errors:
        raise errors[0]
    return results


def race(stack: Stack, n: int, call: Callable[[Any, Any, int], Any], rounds: int = ROUNDS,
         prepare: Callable[[int], Any] = lambda number: None) -> list[Round]:
    """`rounds` rounds; each first runs `prepare(number)` alone (a fresh line, class, report...), then
    `call(context, client, index)` in `n` threads released together."""
    done = []
    for number in range(rounds):
        context = prepare(number)
        done.append(Round(number, context, together(stack, n, lambda client, i: call(context, client, i))))
    return done
