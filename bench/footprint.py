"""Footprint: the start-up time of each service's API (process start to its first ready answer, database already
migrated), and the proportional set size (PSS: each shared page divided among the processes sharing it, so the
sizes add up) of each running process idle (after the benchmarks before it) and under load (reads and writes
through the gateway). A gunicorn API shows its master and its largest worker apart (a worker is what the target
of issue 22 counts), the gateway its whole tree and its largest worker. The APIs of the services the stack does
not run (budget, inspections, training) are measured idle once started and ready; registry's and reporting's are
the running ones. PostgreSQL and Kafka (their whole process trees) are shown for scale.
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
IDLE = 1.0  # seconds of quiet before an idle sample


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
        name = f"{service}-{stack.database(service)}"
        _url, seconds = start_api(stack, service, stack.database(service))
        outcome.add(f"start-up {service} API", seconds, "s")
        if service not in RUNNING:
            time.sleep(IDLE)
            for part, size in _sizes({f"{service}-api": stack.topology.processes[name].pid}).items():
                outcome.add(f"PSS idle {part}", size / MIB, "MiB")
    stop(stack, [f"{service}-{stack.database(service)}" for service in SERVICES])
    time.sleep(IDLE)
    processes = _processes(stack)
    idle = _sizes(processes)
    say(f"{NAME}: reads and writes through the gateway at {plan.rate:g}/s for {plan.seconds:g}s")
    peak, done = dict(idle), threading.Event()
    sampler = threading.Thread(target=_sample, args=(processes, peak, done), daemon=True)
    sampler.start()
    load = open_model(_mixed(stack), plan.rate, plan.seconds)
    done.set()
    sampler.join()
    outcome.count(load)
    for part in idle:
        outcome.add(f"PSS idle {part}", idle[part] / MIB, "MiB")
        outcome.add(f"PSS load {part}", peak[part] / MIB, "MiB", f"PSS idle {part}")
    return outcome


def _processes(stack: Stack) -> dict[str, int]:
    running = {name: process.pid for name, process in stack.topology.processes.items() if process.poll() is None
               and "-bench_" not in name}
    return {**running, "postgresql": stack.postgres.pid, "kafka": stack.kafka.pid}


def _sizes(processes: dict[str, int]) -> dict[str, int]:
    """PSS in bytes: of each API's gunicorn master and of its largest worker (`<service> API master`, `<service> API
    worker`), of the gateway's largest worker (`gateway worker`), and of every process with its descendants
    (`gateway`, `registry-relay`...)."""
    sizes = {}
    for name, pid in processes.items():
        if name.endswith("-api"):
            sizes[f"{name.removesuffix('-api')} API master"] = _pss(pid)
        else:
            sizes[name] = sum(_pss(p) for p in _tree(pid))
        if name == "gateway" or name.endswith("-api"):
            part = "gateway" if name == "gateway" else f"{name.removesuffix('-api')} API"
            sizes[f"{part} worker"] = max((_pss(worker) for worker in _children(pid)), default=0)
    return sizes


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
        for part, size in _sizes(processes).items():
            peak[part] = max(peak[part], size)


def _children(pid: int) -> list[int]:
    return _parents().get(pid, [])


def _tree(pid: int) -> list[int]:
    children = _parents()
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        pending += children.get(current, [])
    return found


def _parents() -> dict[int, list[int]]:
    """{pid: its children's pids} of every process."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return children


def _pss(pid: int) -> int:
    """The process's proportional set size in bytes; 0 once it has gone."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0
