"""Load generation: an open model at a fixed arrival rate (latency from the intended send time, as wrk2 does,
so a stalled server cannot hide its tail), and a closed model for the most a target can serve.

A request is a function of a thread's own `requests.Session` that returns True when the answer is the one
expected; an exception counts as an error.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import requests

from bench.table import percentile

Request = Callable[[requests.Session], bool]


@dataclass
class Load:
    """Latencies (seconds) of the requests that succeeded, errors, and the span from first send to last answer."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    span: float = 0.0
    first_error: str | None = None

    @property
    def sent(self) -> int:
        """Requests sent, answered or not."""
        return len(self.latencies) + self.errors

    def ms(self, p: float) -> float:
        """The p-th percentile latency in milliseconds."""
        return 1000 * percentile(self.latencies, p)

    @property
    def throughput(self) -> float:
        """Successful requests per second over the span."""
        return len(self.latencies) / self.span if self.span else 0.0


def open_model(request: Request, rate: float, seconds: float, threads: int = 16) -> Load:
    """Send `rate` requests per second for `seconds`, each at its planned time; a thread that falls behind
    sends late, and the lateness counts in that request's latency (no coordinated omission)."""
    total = max(1, round(rate * seconds))
    load, lock, slots = Load(), threading.Lock(), iter(range(total))
    start = time.perf_counter() + 0.05
    last = [start]

    def worker() -> None:
        session = requests.Session()
        while True:
            with lock:
                slot = next(slots, None)
            if slot is None:
                return
            planned = start + slot / rate
            time.sleep(max(0.0, planned - time.perf_counter()))
            ok, error = _send(request, session)
            done = time.perf_counter()
            with lock:
                _record(load, ok, error, done - planned)
                last[0] = max(last[0], done)

    _run(worker, threads)
    load.span = last[0] - start
    return load


def closed_model(request: Request, concurrency: int, seconds: float) -> Load:
    """`concurrency` threads each send the next request as soon as the last one answered, for `seconds`."""
    load, lock = Load(), threading.Lock()
    start = time.perf_counter()
    deadline = start + seconds

    def worker() -> None:
        session = requests.Session()
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            ok, error = _send(request, session)
            with lock:
                _record(load, ok, error, time.perf_counter() - began)

    _run(worker, concurrency)
    load.span = time.perf_counter() - start
    return load


def expect(response: requests.Response, status: int = 200) -> bool:
    """True when the answer has `status`; otherwise an error naming what came back instead."""
    if response.status_code != status:
        raise RuntimeError(f"{response.request.method} {response.url}: {response.status_code} {response.text[:200]}")
    return True


def _send(request: Request, session: requests.Session) -> tuple[bool, str | None]:
    try:
        return bool(request(session)), None
    except Exception as exc:  # noqa: BLE001 - any failure of a request is an error of the run
        return False, repr(exc)[:300]


def _record(load: Load, ok: bool, error: str | None, latency: float) -> None:
    if ok:
        load.latencies.append(latency)
    else:
        load.errors += 1
        load.first_error = load.first_error or error or "unexpected answer"


def _run(worker: Callable[[], None], threads: int) -> None:
    pool = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()


def cpu_seconds(pids: Iterable[int]) -> float:
    """User and system CPU seconds used so far by these processes and every descendant alive now (gunicorn's
    workers): the difference over a load is what the processes spent serving it."""
    stats = {}
    for path in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = path.read_text().rsplit(")", 1)[1].split()  # after "pid (comm)": state, ppid, ...
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        stats[int(path.parent.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    wanted, seen = list(pids), set()
    while wanted:
        pid = wanted.pop()
        if pid in stats and pid not in seen:
            seen.add(pid)
            wanted += [child for child, (parent, _) in stats.items() if parent == pid]
    return sum(stats[pid][1] for pid in seen) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """CPU seconds this process (the load generator, all its threads) has used so far."""
    times = os.times()
    return times.user + times.system
