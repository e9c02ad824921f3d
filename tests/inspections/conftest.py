"""The inspections service on a real, migrated PostgreSQL database, with a Flask test client and test tokens.

Agencies reach the service as the registry's events do in production: through the consumer's handlers.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from contracts import registry as events
from inspections import consumers
from tests.support.service import service_fixtures

API = "/api/v1/inspections"
ONSITE, REVIEW = "TRUC_TIEP_TAI_TRU_SO", "QUA_BAO_CAO_HO_SO"
NOW = datetime(2021, 1, 5, tzinfo=UTC)

under_test, runtime, app, client = service_fixtures("inspections")


@pytest.fixture
def province(client, runtime, issuer, tenant):
    return Province(client, runtime, issuer, tenant)


@pytest.fixture
def other_province(client, runtime, issuer):
    return Province(client, runtime, issuer, "other-" + uuid.uuid4().hex[:8])


class Province:
    """Drives one province through the API, a step at a time, asserting each step succeeds."""

    def __init__(self, client, runtime, issuer, tenant: str):
        self.client, self.runtime, self.issuer, self.tenant = client, runtime, issuer, tenant
        self.officer = self.headers("province_officer")
        self.leader = self.headers("province_leader")

    def headers(self, *roles: str, **claims) -> dict:
        return self.issuer.headers(tenant=self.tenant, roles=list(roles), **claims)

    def agency_officer(self, agency_id) -> dict:
        return self.headers("agency_officer", agency_id=str(agency_id), sub=f"secretary-{agency_id}")

    def call(self, method: str, path: str, headers: dict | None = None, expect: int = 200, if_match: str = "read",
             **body):
        """A PATCH or PUT is made from the version a GET of the same path gives now (its ETag in If-Match), unless
        `if_match` names one, or is "" (none)."""
        headers = headers or self.officer
        if method in ("PATCH", "PUT") and if_match == "read":
            if_match = self.etag(path)
        if method in ("PATCH", "PUT") and if_match:
            headers = {**headers, "If-Match": if_match}
        response = self.client.open(f"{API}{path}", method=method, json=body if method != "GET" else None,
                                    headers=headers)
        assert response.status_code == expect, response.get_json()
        return response.get_json()

    def etag(self, path: str) -> str:
        """The ETag of a GET of `path` by the province's officer ("1" when they cannot read it)."""
        return self.client.get(f"{API}{path}", headers=self.officer).headers.get("ETag", '"1"')

    def agency(self, agency_type: str = "SO", name: str = "Sở Tư pháp", **fields) -> uuid.UUID:
        """An agency as the registry's event brings it, obliged unless `obligation` says otherwise."""
        agency_id = uuid.uuid4()
        fields.setdefault("obligation", events.Obligation.BAT_BUOC)
        consumers.on_registered(self.runtime.uow(self.tenant), events.AgencyRegistered(
            agency_id=agency_id, version=1, name=name, agency_type=events.AgencyType(agency_type),
            registered_at=NOW, **fields))
        return agency_id

    def dissolve(self, agency_id, on: date, version: int = 2) -> None:
        consumers.on_dissolved(self.runtime.uow(self.tenant), events.AgencyDissolved(
            agency_id=agency_id, version=version, dissolved_on=on, decision="01/NQ-HĐND", dissolved_at=NOW))

    def merge(self, agency_id, successor_id, on: date, version: int = 2, **fields) -> None:
        """`fields`: the successor's province (`successor_tenant`, `successor_tenant_name`) in a succession."""
        consumers.on_merged(self.runtime.uow(self.tenant), events.AgencyMerged(
            agency_id=agency_id, version=version, successor_agency_id=successor_id, merged_on=on, merged_at=NOW,
            **fields))

    def plan(self, targets: list, year: int = 2021, **fields) -> dict:
        rows = [{"agency_id": str(a), "planned_form": form, "planned_month": 7} for a, form in targets]
        return self.call("POST", "/plans", expect=201, year=year, targets=rows, **fields)

    def approved_plan(self, targets: list, year: int = 2021, **fields) -> dict:
        plan = self.plan(targets, year, **fields)
        self.call("POST", f"/plans/{plan['id']}/submit", proposing_doc="120/TTr-SKHCN ngày 20/02/2021")
        return self.call("POST", f"/plans/{plan['id']}/approve", self.leader,
                         approving_doc="726/KH-UBND ngày 03/3/2021")

    def team(self, plan: dict, inspector: str = "inspector-1") -> dict:
        members = [{"full_name": "Nguyễn Văn A", "organization": "Sở KH&CN", "role": "TRUONG_DOAN"},
                   {"full_name": "Trần Thị B", "organization": "Chi cục TĐC", "role": "PHO_TRUONG_DOAN"},
                   {"full_name": "Lê Văn C", "organization": "Sở Nội vụ", "role": "THANH_VIEN",
                    "user_subject": inspector},
                   {"full_name": "Phạm Thị D", "organization": "Chi cục TĐC", "role": "THU_KY_DOAN"}]
        return self.call("POST", f"/plans/{plan['id']}/teams", expect=201, decision_no="15/QĐ-SKHCN",
                         decision_date="2021-06-01", issuer="Sở KH&CN", members=members)

    def inspection(self, plan: dict | None, agency_id, form: str = ONSITE, **fields) -> dict:
        body = {"plan_id": plan["id"] if plan else None, "agency_id": str(agency_id), "form": form, **fields}
        return self.call("POST", "/inspections", expect=201, **body)

    def started(self, inspection: dict, headers: dict | None = None) -> dict:
        """Notified and started on 15/07/2021: its checklist and findings are open until the record."""
        path = f"/inspections/{inspection['id']}"
        self.call("POST", f"{path}/notify", headers, notice_doc="30/TB-SKHCN", scheduled_date="2021-07-15")
        return self.call("POST", f"{path}/start", headers, conducted_date="2021-07-15")

    def recorded(self, inspection: dict, headers: dict | None = None) -> dict:
        self.started(inspection, headers)
        return self.call("POST", f"/inspections/{inspection['id']}/record", headers, record_doc="BB-01/2021",
                         record_date="2021-07-15")

    def concluded(self, inspection: dict, result: str = "DAT", headers: dict | None = None) -> dict:
        self.recorded(inspection, headers)
        return self.call("POST", f"/inspections/{inspection['id']}/conclude", headers,
                         conclusion_doc="45/TB-SKHCN ngày 30/7/2021", conclusion_date="2021-07-30",
                         overall_result=result)

    def recommendation(self, inspection: dict, deadline: date = date(2021, 10, 31), headers=None) -> dict:
        return self.call("POST", f"/inspections/{inspection['id']}/recommendations", headers, expect=201,
                         description="Tổ chức đánh giá nội bộ năm 2021", deadline=deadline.isoformat())
