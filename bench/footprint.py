"""Footprint: the start-up time of each service's API (process start to its first ready answer, database already
migrated) and its memory then, and the resident memory of each running process idle (after the benchmarks
before it) and under load (reads and writes through the gateway). A gunicorn API counts its master and
workers together; PostgreSQL and Kafka are shown for scale.
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from bench import data
from bench.load import expect, open_model
from bench.stack import RUNNING, Stack, migrate, say, start_api, stop
from bench.table import Outcome
from localinfra.topology import SERVICES

NAME = "footprint"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Plan:
    """Volumes for the load, and its rate and duration."""

    provinces: int
    agencies: int
    rate: float
    seconds: float
    runs: int = 3


FULL = Plan(provinces=34, agencies=200, rate=40, seconds=10)
QUICK = Plan(provinces=3, agencies=20, rate=15, seconds=2)


def prepare(stack: Stack, plan: Plan) -> None:
    """The registry's provinces (for the load), and a migrated database per service, so each start-up measures
    the process alone."""
    data.registry_loaded(stack, plan.provinces, plan.agencies)
    others = [(service, stack.database(service)) for service in SERVICES if service not in RUNNING]
    migrate(stack.topology, stack.postgres, others)


def run(stack: Stack, plan: Plan) -> Outcome:
    """Start each API once, then sample every process's memory idle and under load."""
    outcome = Outcome()
    for service in SERVICES:
        _url, seconds = start_api(stack, service, stack.database(service))
        outcome.add(f"start-up {service} API", seconds, "s")
        fresh = stack.topology.processes[f"{service}-{stack.database(service)}"].pid
        outcome.add(f"memory started {service} API", _rss(fresh) / MIB, "MiB")
    stop(stack, [f"{service}-{stack.database(service)}" for service in SERVICES])
    time.sleep(1.0)
    processes = _processes(stack)
    idle = {name: _rss(pid) for name, pid in processes.items()}
    say(f"{NAME}: reads and writes through the gateway at {plan.rate:g}/s for {plan.seconds:g}s")
    peak, done = dict(idle), threading.Event()
    sampler = threading.Thread(target=_sample, args=(processes, peak, done), daemon=True)
    sampler.start()
    load = open_model(_mixed(stack), plan.rate, plan.seconds)
    done.set()
    sampler.join()
    outcome.count(load)
    for name in processes:
        outcome.add(f"memory idle {name}", idle[name] / MIB, "MiB")
        outcome.add(f"memory load {name}", peak[name] / MIB, "MiB", f"memory idle {name}")
    return outcome


def _processes(stack: Stack) -> dict[str, int]:
    running = {name: process.pid for name, process in stack.topology.processes.items() if process.poll() is None
               and "-bench_" not in name}
    return {**running, "postgresql": stack.postgres.pid, "kafka": stack.kafka.pid}


def _mixed(stack: Stack):
    """Four reads of an agency for each registration, as one province's staff would."""
    province = stack.loaded["registry"][0]
    headers = stack.headers(province.tenant)
    base = f"{stack.gateway}/api/v1/registry/agencies"
    ids = [agency.id for agency in province.agencies]

    def request(session) -> bool:
        if random.random() < 0.8:
            return expect(session.get(f"{base}/{random.choice(ids)}", headers=headers, timeout=30))
        body = {"name": f"Sở đo bộ nhớ {uuid.uuid4().hex[:12]}", "agency_type": "SO"}
        return expect(session.post(base, json=body, headers=headers, timeout=30), 201)
    return request


def _sample(processes: dict[str, int], peak: dict[str, int], done: threading.Event) -> None:
    while not done.wait(0.25):
        for name, pid in processes.items():
            peak[name] = max(peak[name], _rss(pid))


def _rss(pid: int) -> int:
    """Resident bytes of the process and all its descendants."""
    return sum(_own_rss(p) for p in _tree(pid))


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        pending += children.get(current, [])
    return found


def _own_rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
