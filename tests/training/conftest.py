"""The training service on a real, migrated PostgreSQL database, with a Flask test client and test tokens."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import jwt
import pytest

from tests.support.service import outbox, service_fixtures
from training.services import compliance

API = "/api/v1/training"

under_test, runtime, app, client = service_fixtures("training", pool_size=20, max_overflow=20)


@pytest.fixture
def as_officer(issuer, tenant):
    return issuer.headers(tenant=tenant, roles=["province_officer"])


class Replica:
    """The training runtime of the session, so that helpers can put an agency in a province's replica of registry
    agencies, as the registry's AgencyRegistered event would (nominations and requests need a known agency)."""

    runtime = None
    known: set[str] = set()  # recorded already (parallel nominations must not record one agency twice)


@pytest.fixture(autouse=True)
def _replica(runtime):
    Replica.runtime = runtime


def known_agency(tenant: str, agency_id: str | None = None, name: str = "Sở Tư pháp") -> str:
    """`agency_id` (a new one when None) recorded in `tenant`'s replica of registry agencies."""
    agency_id = agency_id or str(uuid.uuid4())
    compliance.record_agency(Replica.runtime.uow(tenant), uuid.UUID(agency_id), 1, name=name)
    Replica.known.add(agency_id)
    return agency_id


def known_to(headers: dict, agency_id: str) -> str:
    """`agency_id` made known in the province of the caller's token (the test issuer's, read without checking)."""
    token = headers["Authorization"].removeprefix("Bearer ")
    return known_agency(jwt.decode(token, options={"verify_signature": False})["tenant"], agency_id)


@pytest.fixture
def agency(tenant) -> str:
    return known_agency(tenant)


@pytest.fixture
def as_agency(issuer, tenant, agency):
    return issuer.headers(tenant=tenant, roles=["agency_officer"], agency_id=agency, sub="thu-ky")


def at(day: int, hour: int, month: int = 6, year: int = 2026) -> str:
    return datetime(year, month, day, hour, tzinfo=UTC).isoformat()


def sessions(*days: int, month: int = 6) -> list[dict]:
    """A morning session (08:00-11:00 Hà Nội time, 01:00-04:00 UTC) on each day."""
    return [{"starts_at": at(d, 1, month), "ends_at": at(d, 4, month)} for d in days]


def new_class(client, headers, **fields) -> dict:
    body = {"title": "Lớp đại diện lãnh đạo và thư ký ISO", "course_type": "DAI_DIEN_LANH_DAO_THU_KY_ISO",
            "venue": "Hội trường Sở KH&CN", "capacity": 30, "provider": "Chi cục TĐC",
            "trainers": ["ThS. Nguyễn Văn Hùng"], "cost_estimate": 45_000_000, "sessions": sessions(10, 11),
            **fields}
    response = client.post(f"{API}/classes", json=body, headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def move(client, headers, class_id: str, *statuses: str, **extra) -> dict:
    for status in statuses:
        response = client.post(f"{API}/classes/{class_id}/status", json={"status": status, **extra}, headers=headers)
        assert response.status_code == 200, response.get_json()
    return response.get_json()


def open_class(client, headers, **fields) -> dict:
    created = new_class(client, headers, **fields)
    return move(client, headers, created["id"], "MO_DANG_KY")


def nominate(client, headers, class_id: str, name: str, agency_id: str | None = None, **fields):
    body = {"person_id": f"cccd-{name}", "full_name": name, "qms_role": "THU_KY_ISO", **fields}
    if agency_id:
        body["agency_id"] = agency_id if agency_id in Replica.known else known_to(headers, agency_id)
    return client.post(f"{API}/classes/{class_id}/registrations", json=body, headers=headers)


def fresh(client, path: str, headers: dict) -> dict:
    """`headers` with the If-Match of what `path` is now (its GET's ETag), for a PATCH or PUT of it."""
    current = client.get(f"{API}{path}", headers=headers)
    assert current.status_code == 200, current.get_json()
    return {**headers, "If-Match": current.headers["ETag"]}


def outbox_types(runtime, tenant, topic: str | None = None) -> list[str]:
    return [m.type for m in outbox(runtime, tenant, topic=topic)]
