"""Gateway overhead (QUALITY.md G8): the same reads and writes at the same fixed arrival rate sent to the
registry directly and through the gateway, its rate limits counted in Redis (bench.stack); p50 and p99 each way
and what the gateway adds within the run; then the most each serves with the same client threads on the same
cores (closed model), their ratio, and the CPU the gateway, Redis, the registry and the load generator spent on it.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass

from bench import data
from bench.load import Load, closed_model, cpu_seconds, expect, open_model, own_cpu_seconds
from bench.stack import Stack, say
from bench.table import Outcome

NAME = "gateway"
TARGETS = ("direct", "gateway")


@dataclass(frozen=True)
class Plan:
    """Volumes, arrival rates and durations; `concurrency` clients measure the most each side serves."""

    provinces: int
    agencies: int
    read_rate: float
    write_rate: float
    seconds: float
    concurrency: int
    capacity_seconds: float
    runs: int = 3


FULL = Plan(provinces=34, agencies=200, read_rate=40, write_rate=15, seconds=10, concurrency=8, capacity_seconds=5)
QUICK = Plan(provinces=3, agencies=20, read_rate=15, write_rate=5, seconds=2, concurrency=4, capacity_seconds=1.5)


def prepare(stack: Stack, plan: Plan) -> None:
    """The registry's provinces, and a few requests each way so neither side is measured cold."""
    data.registry_loaded(stack, plan.provinces, plan.agencies)
    for request in (_read(stack), _write(stack)):
        for target in TARGETS:
            closed_model(request(target), concurrency=2, seconds=1)
    stack.loaded[NAME] = 0


def run(stack: Stack, plan: Plan) -> Outcome:
    """Direct first in odd runs, the gateway first in even ones, so order does not favour either."""
    outcome = Outcome()
    reads, writes = _read(stack), _write(stack)
    stack.loaded[NAME] += 1
    order = TARGETS if stack.loaded[NAME] % 2 else TARGETS[::-1]
    for kind, rate, request in (("read", plan.read_rate, reads), ("write", plan.write_rate, writes)):
        latency = {}
        for target in order:
            say(f"{NAME}: {kind} {target} at {rate:g}/s for {plan.seconds:g}s")
            load = _counted(stack, target, open_model, request(target), rate, plan.seconds)
            outcome.count(load)
            latency[target] = {p: load.ms(p) for p in (50, 99)}
            for p in (50, 99):
                outcome.add(f"{kind} p{p} {target}", latency[target][p], "ms",
                            None if target == "direct" else f"{kind} p{p} direct")
        for p in (50, 99):
            outcome.add(f"{kind} p{p} added", latency["gateway"][p] - latency["direct"][p], "ms")
    throughput = {}
    for target in order:
        say(f"{NAME}: read capacity {target}, {plan.concurrency} clients for {plan.capacity_seconds:g}s")
        processes = _processes(stack, target)
        before, client = {name: cpu_seconds(pids) for name, pids in processes.items()}, own_cpu_seconds()
        load = _counted(stack, target, closed_model, reads(target), plan.concurrency, plan.capacity_seconds)
        spent = {name: cpu_seconds(pids) - before[name] for name, pids in processes.items()}
        spent["client"] = own_cpu_seconds() - client
        outcome.count(load)
        throughput[target] = load.throughput
        outcome.add(f"read throughput {target}", load.throughput, "req/s",
                    None if target == "direct" else "read throughput direct")
        for name, seconds in spent.items():
            shared = name in ("registry", "client")  # spent both ways; the gateway and Redis only through it
            outcome.add(f"{name} CPU per read{f' {target}' if shared else ''}",
                        1000 * seconds / max(1, len(load.latencies)), "ms")
    outcome.add("capacity gateway/direct", throughput["gateway"] / throughput["direct"], "x")
    return outcome


def _counted(stack: Stack, target: str, measure, *args) -> Load:
    """`measure(*args)`; through the gateway, an error unless Redis counted a rate-limit check for each request."""
    checks = stack.limiter_checks()
    load = measure(*args)
    counted = stack.limiter_checks() - checks
    if target == "gateway" and counted < len(load.latencies):
        raise RuntimeError(f"{len(load.latencies)} answers through the gateway, {counted} rate-limit checks in Redis")
    return load


def _processes(stack: Stack, target: str) -> dict[str, list[int]]:
    """The server processes a request reaches each way (with their workers); the gateway's include Redis."""
    running = stack.topology.processes
    serving = {"registry": [running["registry-api"].pid]}
    if target == "gateway":
        serving.update(gateway=[running["gateway"].pid], redis=[stack.redis.pid])
    return serving


def _read(stack: Stack):
    provinces = stack.loaded["registry"]
    headers = {p.tenant: stack.headers(p.tenant) for p in provinces}

    def at(target: str):
        base = _base(stack, target)

        def request(session) -> bool:
            province = random.choice(provinces)
            agency = random.choice(province.agencies)
            return expect(session.get(f"{base}/api/v1/registry/agencies/{agency.id}", headers=headers[province.tenant],
                                      timeout=30))
        return request
    return at


def _write(stack: Stack):
    tenant = stack.loaded["registry"][0].tenant
    headers = stack.headers(tenant)

    def at(target: str):
        base = _base(stack, target)

        def request(session) -> bool:
            body = {"name": f"Sở thử tải {uuid.uuid4().hex[:12]}", "agency_type": "SO"}
            return expect(session.post(f"{base}/api/v1/registry/agencies", json=body, headers=headers, timeout=30),
                          201)
        return request
    return at


def _base(stack: Stack, target: str) -> str:
    return stack.gateway if target == "gateway" else stack.direct("registry")
