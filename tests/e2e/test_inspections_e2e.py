"""End to end on real Kafka: the registry dissolves an agency, the inspections service (its own processes and
database, fed by the registry's events) cancels that agency's open inspection."""

from __future__ import annotations

import pytest
import requests

from tests.e2e.conftest import eventually, kafka_messages, token

pytestmark = pytest.mark.e2e

REGISTRY, INSPECTIONS = "/api/v1/registry", "/api/v1/inspections"


def call(stack, method: str, path: str, user: str, expect: int | None = None, **body):
    response = requests.request(method, f"{stack.gateway}{path}", json=body or None, headers=token(stack, user),
                                timeout=10)
    if expect is not None:
        assert response.status_code == expect, response.text
    return response


def plan_when_replicated(stack, agency_id: str):
    """The plan can name the agency once the registry's event reached the inspections replica."""
    body = {"year": 2025, "targets": [{"agency_id": agency_id, "planned_form": "TRUC_TIEP_TAI_TRU_SO"}]}
    response = call(stack, "POST", f"{INSPECTIONS}/plans", "an-giang.officer", **body)
    return response.json() if response.status_code == 201 else None


def test_dissolving_an_agency_in_the_registry_cancels_its_open_inspection(stack, kafka):
    agency = call(stack, "POST", f"{REGISTRY}/agencies", "an-giang.admin", 201, name="Sở Ngoại vụ An Giang",
                  agency_type="SO").json()
    plan = eventually(lambda: plan_when_replicated(stack, agency["id"]))
    call(stack, "POST", f"{INSPECTIONS}/plans/{plan['id']}/submit", "an-giang.officer", 200)
    call(stack, "POST", f"{INSPECTIONS}/plans/{plan['id']}/approve", "an-giang.leader", 200,
         approving_doc="726/KH-UBND ngày 03/3/2025")
    inspection = call(stack, "POST", f"{INSPECTIONS}/inspections", "an-giang.officer", 201, plan_id=plan["id"],
                      agency_id=agency["id"], form="TRUC_TIEP_TAI_TRU_SO").json()

    call(stack, "POST", f"{REGISTRY}/agencies/{agency['id']}/dissolve", "an-giang.admin", 200,
         dissolved_on="2025-06-30", decision="1666/NQ-UBTVQH15")

    path = f"{INSPECTIONS}/inspections/{inspection['id']}"
    cancelled = eventually(lambda: (r := call(stack, "GET", path, "an-giang.officer").json())["status"] == "HUY" and r)
    assert "giải thể" in cancelled["status_note"] and "1666/NQ-UBTVQH15" in cancelled["status_note"]
    [message] = kafka_messages(kafka, "inspections.inspection",
                               lambda m: m.key == inspection["id"].encode()
                               and dict(m.headers)["ce_type"] == b"inspections.inspection.cancelled")
    assert dict(message.headers)["ce_tenant"] == b"an-giang"
    other = call(stack, "GET", path, "binh-thuan.officer")
    assert other.status_code == 404


def test_a_team_inspector_runs_inspections_through_the_gateway_and_coverage_follows(stack):
    agencies = [call(stack, "POST", f"{REGISTRY}/agencies", "an-giang.admin", 201, name=f"Sở thử {n} An Giang",
                     agency_type="SO").json()["id"] for n in range(2)]
    targets = [{"agency_id": agencies[0], "planned_form": "TRUC_TIEP_TAI_TRU_SO", "planned_month": 7},
               {"agency_id": agencies[1], "planned_form": "QUA_BAO_CAO_HO_SO", "planned_month": 8}]
    plan = eventually(lambda: (r := call(stack, "POST", f"{INSPECTIONS}/plans", "an-giang.officer", year=2026,
                                         coverage_basis="PLAN_TARGETS", targets=targets)).status_code == 201
                      and r.json())
    call(stack, "POST", f"{INSPECTIONS}/plans/{plan['id']}/submit", "an-giang.officer", 200)
    call(stack, "POST", f"{INSPECTIONS}/plans/{plan['id']}/approve", "an-giang.leader", 200,
         approving_doc="120/KH-UBND ngày 10/02/2026")
    call(stack, "POST", f"{INSPECTIONS}/plans/{plan['id']}/teams", "an-giang.officer", 201,
         decision_no="05/QĐ-SKHCN", decision_date="2026-05-04",
         members=[{"full_name": "Trưởng đoàn", "role": "TRUONG_DOAN", "organization": "Sở KH&CN"},
                  {"full_name": "Thanh tra viên", "role": "THANH_VIEN", "user_subject": "an-giang.inspector"}])

    for target in targets:
        inspection = call(stack, "POST", f"{INSPECTIONS}/inspections", "an-giang.officer", 201, plan_id=plan["id"],
                          agency_id=target["agency_id"], form=target["planned_form"]).json()
        path = f"{INSPECTIONS}/inspections/{inspection['id']}"
        for step, body in [("notify", {"notice_doc": "30/TB-SKHCN"}), ("start", {"conducted_date": "2026-07-15"}),
                           ("record", {"record_doc": "BB-01", "record_date": "2026-07-15"}),
                           ("conclude", {"conclusion_doc": "45/TB-SKHCN", "conclusion_date": "2026-07-30",
                                         "overall_result": "DAT"})]:
            call(stack, "POST", f"{path}/{step}", "an-giang.inspector", 200, **body)

    coverage = call(stack, "GET", f"{INSPECTIONS}/plans/{plan['id']}/coverage?as_of=2026-12-31",
                    "an-giang.officer", 200).json()
    assert (coverage["obliged"], coverage["inspected_onsite"], coverage["inspected"]) == (2, 1, 2)
    assert coverage["onsite_percent"] == 50.0 and coverage["meets_onsite_target"] is True
    assert call(stack, "GET", f"{INSPECTIONS}/plans/{plan['id']}", "binh-thuan.officer").status_code == 404
