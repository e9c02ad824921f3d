"""End to end on real Kafka: the same `training.class.finished` event delivered twice records one expenditure on
the province's training programme line. Only the budget service (its own processes and database), the registry's API
(which the gateway asks about the province before a write, gateway.provinces) and the gateway are started; the
training service's events are produced raw, correctly enveloped."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
import requests

import contracts
from contracts import training
from localinfra.topology import Topology
from tests.e2e.conftest import eventually, kafka_messages, produce_raw, token

pytestmark = pytest.mark.e2e

BUDGET = "/api/v1/budget"
NOW = datetime(2025, 5, 13, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def stack(tmp_path_factory, postgres, kafka, kafka_logins):
    urls = {"budget": postgres.create_database("e2e_budget"), "registry": postgres.create_database("e2e_b_registry")}
    topology = Topology(tmp_path_factory.mktemp("budget-stack"), urls, kafka, logins=kafka_logins)
    try:
        topology.migrate("budget", sample=True)
        topology.migrate("registry", sample=True)  # the provinces: the gateway forwards writes only for those
        topology.create_topics()  # as the topology does: the budget service's user may not create them (ADR 20)
        topology.start_gateway()
        topology.start_service("registry", roles=("api",))
        topology.start_service("budget")
        yield topology
    finally:
        topology.stop_all()


def call(stack, method: str, path: str, user: str, expect: int | None = None, **body):
    response = requests.request(method, f"{stack.gateway}{path}", json=body or None, headers=token(stack, user),
                                timeout=10)
    if expect is not None:
        assert response.status_code == expect, response.text
    return response


def produce(kafka: str, event, key: uuid.UUID, envelope_id: uuid.UUID | None = None) -> None:
    envelope = contracts.wrap(event, id=envelope_id or uuid.uuid4(), source="/training", time=NOW, tenant="an-giang")
    produce_raw(kafka, contracts.topic_of(event.event_type), str(key).encode(), contracts.encode(envelope),
                contracts.headers(envelope))


def a_class(class_id: uuid.UUID, title: str, cost: int) -> list:
    scheduled = training.ClassScheduled(
        class_id=class_id, year=2025, title=title, course_type="DAI_DIEN_LANH_DAO_THU_KY_ISO", capacity=60,
        first_day=date(2025, 5, 12), last_day=date(2025, 5, 13), session_count=2, cost_estimate=cost,
        scheduled_at=NOW)
    finished = training.ClassFinished(class_id=class_id, course_type="DAI_DIEN_LANH_DAO_THU_KY_ISO",
                                      participants=58, completed=55, finished_at=NOW)
    return [scheduled, finished]


def training_line(stack, disbursed: int):
    items = call(stack, "GET", f"{BUDGET}/lines?owner=PROGRAMME&category=DAO_TAO&fiscal_year=2025",
                 "an-giang.officer", 200).json()["items"]
    return items if items and items[0]["disbursed"] == disbursed else None


def test_the_same_finished_class_delivered_twice_records_one_expenditure(stack, kafka):
    line = call(stack, "POST", f"{BUDGET}/lines", "an-giang.officer", 201, fiscal_year=2025, category="DAO_TAO",
                title="Đào tạo thư ký ISO 2025", funding_source="NS_TINH", estimate=100_000_000).json()
    call(stack, "POST", f"{BUDGET}/lines/{line['id']}/approve", "an-giang.leader", 200, approved=100_000_000,
         approving_doc="312/QĐ-UBND ngày 20/01/2025", approved_on="2025-01-20")
    class_id, duplicate_id = uuid.uuid4(), uuid.uuid4()
    scheduled, finished = a_class(class_id, "Thư ký ISO khóa 1", 45_000_000)

    produce(kafka, scheduled, class_id)
    produce(kafka, finished, class_id, duplicate_id)
    produce(kafka, finished, class_id, duplicate_id)
    # A later class on the same key (so the same partition): once it is recorded, the duplicate was handled too.
    for event in a_class(uuid.uuid4(), "Sentinel", 1_000):
        produce(kafka, event, class_id)

    [recorded] = eventually(lambda: training_line(stack, 45_001_000), timeout=60)
    assert recorded["id"] == line["id"] and recorded["status"] == "DANG_THUC_HIEN"
    records = call(stack, "GET", f"{BUDGET}/lines/{line['id']}/records", "an-giang.officer", 200).json()
    assert sorted(e["amount"] for e in records["expenditures"]) == [1_000, 45_000_000]
    eventually(lambda: len(disbursed_events(kafka, line["id"])) == 2)
    assert call(stack, "GET", f"{BUDGET}/lines/{line['id']}", "binh-thuan.officer").status_code == 404


def disbursed_events(kafka: str, line_id: str) -> list:
    return kafka_messages(kafka, "budget.line", lambda m: m.key == line_id.encode()
                          and dict(m.headers)["ce_type"] == b"budget.line.disbursed")
