"""Reporting end to end: registry events reach the read models over real Kafka, and a replay of every topic
into a fresh database gives the same read model as live consumption."""

from __future__ import annotations

import time
from datetime import date

import pytest
import requests

from kit.kafka import KafkaConsumerAdapter, KafkaProducerAdapter
from kit.runtime import Runtime
from kit.service import load
from reporting import rebuild
from reporting.services import national as services
from tests.e2e.conftest import eventually, token

pytestmark = pytest.mark.e2e

TODAY = date.today()


def figures(stack, headers) -> dict:
    response = requests.get(f"{stack.gateway}/api/v1/reporting/figures", headers=headers, timeout=10)
    response.raise_for_status()
    return response.json()


def settled(stack, headers) -> dict:
    """The figures once the read models have caught up: Kafka reports no lag and nothing more is applied."""
    def freshness():
        return requests.get(f"{stack.gateway}/api/v1/reporting/freshness", headers=headers, timeout=10).json()

    previous, deadline = freshness(), time.monotonic() + 180
    while time.monotonic() < deadline:
        time.sleep(2)
        current = freshness()
        if current["lag"] == 0 and current["messages_applied"] == previous["messages_applied"] > 0:
            break
        previous = current
    assert current["lag"] == 0 and set(current["lag_by_topic"]) == set(load("reporting").topics), current
    return figures(stack, headers)


def national(runtime: Runtime) -> dict:
    def uow_for(tenant, lineage=False):
        return runtime.uow(tenant, lineage=lineage) if tenant else runtime.across_tenants()

    body = services.national_figures(uow_for, TODAY, date(TODAY.year, 1, 1))
    return body["provinces"]


def test_registry_changes_reach_the_figures_and_a_replay_rebuilds_the_same_read_model(stack, kafka, postgres):
    admin = token(stack, "an-giang.admin")
    before = settled(stack, admin)
    agency = requests.post(f"{stack.gateway}/api/v1/registry/agencies", headers=admin, timeout=10,
                           json={"name": "Sở Nội vụ tỉnh An Giang (e2e)", "agency_type": "SO"}).json()
    base = f"{stack.gateway}/api/v1/registry/agencies/{agency['id']}/quality-system"
    requests.post(base, json={}, headers=admin, timeout=10).raise_for_status()
    requests.post(f"{base}/start-building", json={"on": "2024-01-02"}, headers=admin, timeout=10).raise_for_status()
    requests.post(f"{base}/apply", json={"on": "2024-06-03"}, headers=admin, timeout=10).raise_for_status()

    after = eventually(lambda: figures(stack, admin)["applying"] == before["applying"] + 1 and figures(stack, admin))

    assert after["total"] == before["total"] + 1
    live = load("reporting").runtime_at(stack.database_urls["reporting"])
    fresh_url = postgres.create_database("rebuilt")
    load("reporting").migrate(fresh_url)
    rebuilt = load("reporting").runtime_at(fresh_url)
    consumer = KafkaConsumerAdapter(kafka, group_id=f"rebuild-test-{time.time_ns()}", topics=load("reporting").topics)
    dead_letters = KafkaProducerAdapter(kafka, client_id="rebuild-test")
    try:
        rebuild.clear(rebuilt)
        applied = rebuild.replay(rebuilt, consumer, dead_letters, timeout=120)
    finally:
        consumer.close()
        dead_letters.close()

    assert applied > 0
    deadline = time.monotonic() + 30
    while national(live) != national(rebuilt) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert national(rebuilt) == national(live)
    assert national(rebuilt)["an-giang"]["applying"] == after["applying"]
