"""API under load (QUALITY.md G9): the registry's single-agency reads, list queries and an agency's ten years of
upkeep records, each at a constant arrival rate against 34 provinces of ~200 agencies; p50, p99 and errors.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench import data
from bench.load import expect, open_model
from bench.stack import Stack, say
from bench.table import Outcome

NAME = "api"
LIST_FILTERS = ("agency_type=UBND_XA", "agency_type=SO", "status=HOAT_DONG", "q=ubnd", "admin_level=HUYEN", "")


@dataclass(frozen=True)
class Plan:
    """Volumes, the arrival rate of each kind of request, and how long each is sent."""

    provinces: int
    agencies: int
    rates: dict
    seconds: float
    runs: int = 3


FULL = Plan(provinces=34, agencies=200, rates={"single": 50, "list": 25, "records": 25}, seconds=12)
QUICK = Plan(provinces=3, agencies=20, rates={"single": 15, "list": 10, "records": 10}, seconds=2)


def prepare(stack: Stack, plan: Plan) -> None:
    """The registry's provinces, loaded once."""
    data.registry_loaded(stack, plan.provinces, plan.agencies)


def run(stack: Stack, plan: Plan) -> Outcome:
    """Each kind of request in turn at its rate; latencies from the planned send times."""
    outcome = Outcome()
    provinces = stack.loaded["registry"]
    headers = {p.tenant: stack.headers(p.tenant) for p in provinces}
    base = f"{stack.direct('registry')}/api/v1/registry/agencies"

    def single(session) -> bool:
        province = random.choice(provinces)
        return expect(session.get(f"{base}/{random.choice(province.agencies).id}",
                                  headers=headers[province.tenant], timeout=30))

    def listing(session) -> bool:
        province = random.choice(provinces)
        query = f"{random.choice(LIST_FILTERS)}&page={random.randint(1, 2)}&page_size=50"
        return expect(session.get(f"{base}?{query}", headers=headers[province.tenant], timeout=30))

    def records(session) -> bool:
        province = random.choice(provinces)
        agency = random.choice([a for a in province.agencies if a.system] or province.agencies)
        return expect(session.get(f"{base}/{agency.id}/maintenance", headers=headers[province.tenant], timeout=30))

    for kind, request in (("single", single), ("list", listing), ("records", records)):
        rate = plan.rates[kind]
        say(f"{NAME}: {kind} at {rate}/s for {plan.seconds:g}s")
        load = open_model(request, rate, plan.seconds)
        outcome.count(load)
        for p in (50, 99):
            outcome.add(f"{kind} p{p}", load.ms(p), "ms", None if kind == "single" else f"single p{p}")
        outcome.add(f"{kind} throughput", load.throughput, "req/s")
    return outcome
