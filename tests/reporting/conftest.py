"""Reporting on a real, migrated PostgreSQL database; events are fed through the real consumer loop."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

import contracts
from contracts import registry as re
from kit.memory import InMemoryBroker
from kit.messaging import Message
from kit.runtime import Runtime
from tests.support.service import service_fixtures

under_test, runtime, app, client = service_fixtures("reporting")


def message(tenant: str, event, event_id: uuid.UUID | None = None) -> Message:
    envelope = contracts.wrap(event, id=event_id or uuid.uuid4(), source="/tests", time=datetime.now(UTC),
                              tenant=tenant)
    return Message(envelope.topic, envelope.subject.encode(), contracts.encode(envelope), contracts.headers(envelope))


def registered(agency_id, agency_type="SO", obligation="BAT_BUOC", valid_from=None, version=1, name="Sở"):
    """A `registry.agency.registered` event (registered on 1/1/2025)."""
    return re.AgencyRegistered(agency_id=agency_id, version=version, name=name, agency_type=agency_type,
                               obligation=obligation, valid_from=valid_from,
                               registered_at=datetime(2025, 1, 1, tzinfo=UTC))


def feed(runtime: Runtime, tenant: str, events: list) -> list[str]:
    """Apply events through the reporting consumer loop, as Kafka would deliver them; returns the outcomes."""
    broker = InMemoryBroker()
    loop = runtime.consumer_loop(broker.consumer("tests", []), broker)
    return [loop.process(item if isinstance(item, Message) else message(tenant, item)) for item in events]


def feed_in_batches(runtime: Runtime, tenant: str, events: list, sizes: list[int]) -> list[bool]:
    """Apply events as poll batches of the given sizes (the rest in one last batch), each in one transaction
    (kit.batching, ADR 26); returns, per batch, whether it was applied as one (False: redone one at a time)."""
    broker = InMemoryBroker()
    loop = runtime.consumer_loop(broker.consumer("tests", []), broker)
    messages, outcomes = [message(tenant, event) for event in events], []
    for size in [*sizes, len(events)]:
        batch, messages = messages[:size], messages[size:]
        if not batch:
            continue
        applied = loop.process_batch(batch)
        if not applied:  # as the run loop does
            for item in batch:
                loop.process(item)
        outcomes.append(applied)
    return outcomes


# A province with one agency applying a quality system, its officer, leader and the Ministry; annual reports.

TENANT_CREATED_AT = datetime(2021, 5, 1, tzinfo=UTC)
REPORTS = "/api/v1/reporting/reports"


@pytest.fixture
def province(runtime, tenant):
    agency, system = uuid.uuid4(), uuid.uuid4()
    feed(runtime, tenant, [
        re.TenantCreated(tenant_id=tenant, name="Tỉnh Bình Thuận", created_at=TENANT_CREATED_AT),
        re.AgencyRegistered(agency_id=agency, version=1, name="Sở Y tế", agency_type="SO", obligation="BAT_BUOC",
                            registered_at=TENANT_CREATED_AT),
        re.QualitySystemStatusChanged(quality_system_id=system, agency_id=agency, version=1, status="DA_CONG_BO",
                                      standard_version="TCVN_ISO_9001_2015", changed_on=date(2021, 3, 1),
                                      changed_at=TENANT_CREATED_AT),
    ])
    return tenant


@pytest.fixture
def people(issuer, province):
    return {role: issuer.headers(tenant=province, roles=[role], sub=f"{role}@{province}")
            for role in ("province_officer", "province_leader")} | {
        "national": issuer.headers(roles=["national_viewer"], sub="bo-khcn")}


def post(client, path, headers, body=None, status=200):
    response = client.post(path, json=body or {}, headers=headers)
    assert response.status_code == status, response.get_json()
    return response.get_json()


def edit(client, path, headers, body):
    """PATCH a report made from the version a GET of it gives now (its ETag in If-Match); the response."""
    etag = client.get(path, headers=headers).headers.get("ETag", '"1"')
    return client.patch(path, json=body, headers={**headers, "If-Match": etag})


def annual(client, people):
    return post(client, REPORTS, people["province_officer"], {"report_type": "BC_TINH_NAM",
                                                              "period_start": "2021-01-01", "cutoff": "2021-12-14"},
                201)


def submitted(client, people, report) -> None:
    """Take a report through the province's chain to the Ministry."""
    path = f"{REPORTS}/{report['id']}"
    for action, who in (("send-for-approval", "province_officer"), ("approve", "province_leader"),
                        ("submit", "province_officer")):
        post(client, f"{path}/{action}", people[who])
