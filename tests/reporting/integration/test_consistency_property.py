"""The consistency check (issue 18) finds no difference on random histories: agencies of every kind registered,
their quality systems moved on random dates through the registry's routes, the events relayed to the other
services and to reporting, then `reporting.cli.check` on several dates of each history (property-based).

Every service runs in this process on its own migrated PostgreSQL database, with one in-memory broker between
their outboxes and their consumers, as the embedded mode wires them.
"""

import uuid
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.memory import InMemoryBroker
from registry.services import tenants
from reporting.cli import Unreachable, check
from tests.support.service import ServiceUnderTest

START = date(2015, 1, 1)
DAYS = st.integers(0, 4100)  # to 2026
OWNERS = ("registry", "inspections", "training", "budget")
LIFECYCLE = ("start-building", "apply", "audit", "announce", "start-transition", "stop")

# A quality system goes some way along its lifecycle, each step some days after the last (the registry refuses
# what does not follow, e.g. a step before the agency exists: that is not history then).
agency = st.fixed_dictionaries({
    "agency_type": st.sampled_from(["SO", "CHI_CUC", "UBND_HUYEN", "UBND_XA", "DVSN"]),
    "valid_from": DAYS | st.none(),
    "dissolved": DAYS | st.none(),
    "standard": st.sampled_from(["TCVN_ISO_9001_2008", "TCVN_ISO_9001_2015"]) | st.none(),
    "built_on": st.integers(0, 3000),
    "gaps": st.lists(st.integers(0, 900), min_size=len(LIFECYCLE), max_size=len(LIFECYCLE)),
    "reached": st.integers(0, len(LIFECYCLE)),
})


def steps(item: dict) -> list[tuple[int, str]]:
    days = [item["built_on"] + sum(item["gaps"][:i]) for i in range(len(LIFECYCLE))]
    return list(zip(days, LIFECYCLE, strict=True))[:item["reached"]]


@pytest.fixture(scope="module")
def platform(postgres, issuer, runtime, app):
    """The four owning services (fresh databases) and this session's reporting, wired through one broker."""
    services = {name: ServiceUnderTest.start(postgres, issuer, name, database=f"consistency_{name}")
                for name in OWNERS}
    runtimes = {name: s.runtime for name, s in services.items()} | {"reporting": runtime}
    apps = {name: s.app for name, s in services.items()} | {"reporting": app}
    return Platform(runtimes, apps, InMemoryBroker())


class Platform:
    def __init__(self, runtimes: dict, apps: dict, broker: InMemoryBroker):
        self.runtimes, self.broker = runtimes, broker
        self.clients = {name: flask_app.test_client() for name, flask_app in apps.items()}
        self.loops = []
        for service_runtime in runtimes.values():
            if service_runtime.group:
                consumer = broker.consumer(service_runtime.group, service_runtime.topics)
                self.loops.append((consumer, service_runtime.consumer_loop(consumer, broker)))

    def settle(self) -> None:
        """Relay every outbox and apply every event until nothing moves (a service's reaction may publish)."""
        moved = True
        while moved:
            # reporting's own outbox is the session's, shared with other tests: only the owners' are relayed
            moved = sum(self.runtimes[name].relay(self.broker).publish_batch() for name in OWNERS)
            for consumer, loop in self.loops:
                for message in consumer.poll(timeout_ms=0, max_records=1000):
                    loop.process(message)
                    consumer.commit(message)
                    moved += 1

    def fetch(self, issuer):
        def answer(tenant: str, path: str, query: dict) -> dict:
            reply = self.clients[path.split("/")[3]].get(path, query_string=query, headers=issuer.headers(
                tenant=tenant, roles=["province_officer"]))
            if reply.status_code != 200:
                raise Unreachable(f"{path} answered {reply.status_code}: {reply.get_json()}")
            return reply.get_json()
        return answer


def day(n: int) -> str:
    return (START + timedelta(days=n)).isoformat()


def record(client, headers, item: dict) -> None:
    """Register the agency and play its steps in date order."""
    body = {"name": "Cơ quan", "agency_type": item["agency_type"]}
    if item["valid_from"] is not None:
        body["valid_from"] = day(item["valid_from"])
    created = client.post("/api/v1/registry/agencies", json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    base = f"/api/v1/registry/agencies/{created.get_json()['id']}"
    if item["standard"]:
        answered(client.post(f"{base}/quality-system", json={"standard_version": item["standard"]}, headers=headers))
    for n, command in steps(item):
        for path, fields in step(command, day(n)):
            answered(client.post(f"{base}{path}", json=fields, headers=headers))
    if item["dissolved"] is not None:
        answered(client.post(f"{base}/dissolve", json={"dissolved_on": day(item["dissolved"])}, headers=headers))


def step(command: str, on: str) -> list[tuple[str, dict]]:
    if command == "audit":
        return [("/maintenance", {"activity_type": kind, "activity_date": on})
                for kind in ("DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO")]
    if command == "announce":
        return [("/quality-system/announce", {"decision_no": "1/QĐ", "decision_date": on})]
    if command == "stop":
        return [("/quality-system/stop", {"on": on, "reason": "Sáp nhập"})]
    return [(f"/quality-system/{command}", {"on": on})]


def answered(reply) -> None:
    assert reply.status_code < 500, reply.get_json()


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=st.lists(agency, min_size=1, max_size=6), days=st.lists(DAYS, min_size=1, max_size=3))
def test_the_services_and_reporting_tell_the_same_figures(platform, issuer, history, days):
    tenant = f"c-{uuid.uuid4().hex[:10]}"
    tenants.create_tenant(platform.runtimes["registry"].uow(tenant), name=f"Tỉnh {tenant}")
    headers = issuer.headers(tenant=tenant, roles=["province_admin"])
    for item in history:
        record(platform.clients["registry"], headers, item)
    platform.settle()
    dates = sorted({START + timedelta(days=n) for n in days} | {date(2025, 6, 30), date.today()})

    found = check(platform.fetch(issuer), [tenant], dates, date.today())

    assert [str(d) for d in found] == []
