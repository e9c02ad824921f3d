"""Sums are exact (property-based): after any sequence of disbursements and settlements, accepted or refused,
the line's disbursed and settled totals and the report's totals equal the sums of the records, and no amount
anywhere is negative or fractional."""

from __future__ import annotations

import uuid
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budget.services import lines
from kit.errors import DomainError
from tests.budget.conftest import API

AMOUNTS = st.integers(min_value=0, max_value=5_000_000_000)
steps = st.lists(st.tuples(st.sampled_from(["disburse", "settle"]), AMOUNTS, st.booleans()), max_size=12)


def integral(value) -> bool:
    return type(value) is int and value >= 0


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(approved=st.integers(min_value=0, max_value=20_000_000_000), operations=steps)
def test_disbursed_and_settled_totals_are_the_sums_of_their_records(client, issuer, runtime, approved, operations):
    tenant = f"p-{uuid.uuid4().hex[:10]}"
    officer = issuer.headers(tenant=tenant, roles=["province_officer", "province_leader"])
    line = client.post(f"{API}/lines", headers=officer, json={
        "fiscal_year": 2025, "title": "Kiểm tra", "category": "KIEM_TRA", "funding_source": "NS_TINH",
        "estimate": approved}).get_json()
    client.post(f"{API}/lines/{line['id']}/approve", headers=officer,
                json={"approved": approved, "approving_doc": "1/QĐ-UBND", "approved_on": "2025-01-02"})
    for kind, amount, final in operations:
        apply(runtime, tenant, uuid.UUID(line["id"]), kind, amount, final)

    after = client.get(f"{API}/lines/{line['id']}", headers=officer).get_json()
    records = client.get(f"{API}/lines/{line['id']}/records", headers=officer).get_json()
    report = client.get(f"{API}/reports/plan-vs-actual?fiscal_year=2025&by=category", headers=officer).get_json()

    assert after["disbursed"] == sum(e["amount"] for e in records["expenditures"]) == report["total"]["disbursed"]
    assert after["settled"] == sum(s["amount"] for s in records["settlements"]) == report["total"]["settled"]
    assert after["settled"] <= after["disbursed"] <= approved
    amounts = [after[k] for k in ("estimate", "approved", "disbursed", "settled")] + [
        r["amount"] for r in records["expenditures"] + records["settlements"]] + [
        report["total"][k] for k in ("estimate", "approved", "disbursed", "settled")]
    assert all(integral(amount) for amount in amounts), amounts


def apply(runtime, tenant: str, line_id: uuid.UUID, kind: str, amount: int, final: bool) -> None:
    try:
        if kind == "disburse" and amount > 0:
            lines.disburse(runtime.uow(tenant), line_id, lines.Spending(
                amount=amount, spent_on=date(2025, 3, 1), description="chi"))
        elif kind == "settle":
            lines.settle(runtime.uow(tenant), line_id, amount=amount, settlement_doc="2/QĐ",
                         settled_on=date(2025, 12, 1), final=final)
    except DomainError:
        pass  # refused: nothing may have been written
