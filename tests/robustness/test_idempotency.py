"""Issue 20, finding "no Idempotency-Key": a POST sent again (a lost answer, a double click, a client's retry) moved
money or registered twice. Through the gateway, over the real services on PostgreSQL: the same key and body answer
the first answer again and change nothing more; the key with another body is refused; racing copies of one request
have one effect."""

from __future__ import annotations

import uuid

import pytest

from registry.services import tenants
from tests.support.parallel import in_parallel
from tests.support.service import outbox

API = "/api/v1"
THREADS = 6


@pytest.fixture
def admin(services, issuer, tenant) -> dict:
    tenants.create_tenant(services["registry"].runtime.uow(tenant), name=f"Tỉnh {tenant}")
    return issuer.headers(sub="admin", tenant=tenant, roles=["province_admin"])


@pytest.fixture
def line(gateway, admin) -> str:
    """A budget line approved at 1,000,000 VND."""
    created = gateway.post(f"{API}/budget/lines", headers=admin, json={
        "fiscal_year": 2026, "owner": "PROGRAMME", "title": "Đào tạo ISO", "category": "DAO_TAO",
        "funding_source": "NS_TINH", "estimate": 1_000_000})
    assert created.status_code == 201, created.get_data(as_text=True)
    line_id = created.get_json()["id"]
    approved = gateway.post(f"{API}/budget/lines/{line_id}/approve", headers=admin, json={
        "approved": 1_000_000, "approving_doc": "312/QĐ-UBND", "approved_on": "2026-01-20"})
    assert approved.status_code == 200, approved.get_data(as_text=True)
    return line_id


def disburse(client, admin: dict, line: str, key: str, amount: int = 600_000):
    return client.post(f"{API}/budget/lines/{line}/disbursements", json={
        "amount": amount, "spent_on": "2026-06-10", "description": "Chi thuê chuyên gia"},
        headers={**admin, "Idempotency-Key": key})


def expenditures(gateway, admin: dict, line: str) -> list:
    return gateway.get(f"{API}/budget/lines/{line}/records", headers=admin).get_json()["expenditures"]


def test_a_disbursement_sent_twice_with_one_key_is_made_once_and_answered_twice(gateway, services, admin, line,
                                                                                 tenant):
    first = disburse(gateway, admin, line, "pay-1")
    events = len(outbox(services["budget"].runtime, tenant))

    again = disburse(gateway, admin, line, "pay-1")

    assert first.status_code == 201, first.get_data(as_text=True)
    assert (again.status_code, again.get_json()) == (201, first.get_json())
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(expenditures(gateway, admin, line)) == 1
    assert len(outbox(services["budget"].runtime, tenant)) == events


def test_the_key_of_a_disbursement_with_another_amount_is_a_bilingual_422(gateway, admin, line):
    disburse(gateway, admin, line, "pay-2")

    other = disburse(gateway, admin, line, "pay-2", amount=100_000)

    assert other.status_code == 422 and other.content_type == "application/problem+json"
    assert other.get_json()["code"] == "idempotency_key_reused" and " / " in other.get_json()["detail"]
    assert len(expenditures(gateway, admin, line)) == 1


def test_an_agency_registered_twice_with_one_key_is_registered_once(gateway, services, admin, tenant):
    body = {"name": "Sở Tư pháp", "agency_type": "SO"}
    answers = [gateway.post(f"{API}/registry/agencies", json=body, headers={**admin, "Idempotency-Key": "reg-1"})
               for _ in range(2)]

    assert [a.status_code for a in answers] == [201, 201] and answers[0].get_json() == answers[1].get_json()
    assert len(outbox(services["registry"].runtime, tenant, event_type="registry.agency.registered")) == 1


def test_racing_copies_of_one_disbursement_move_the_money_once(gateway_app, gateway, admin, line):
    key = f"race-{uuid.uuid4().hex[:8]}"
    statuses = [answer.status_code for answer in in_parallel(*[
        lambda client=gateway_app.test_client(): disburse(client, admin, line, key, amount=100_000)
        for _ in range(THREADS)])]

    assert set(statuses) <= {201, 409} and 201 in statuses, statuses
    assert len(expenditures(gateway, admin, line)) == 1
