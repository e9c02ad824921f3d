"""The notifications API: roles on every route, the settings' versions, the deadlines and notices lists."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from notifications import jobs
from tests.notifications.conftest import API, address, applying_agency


@pytest.mark.parametrize(("method", "path", "roles"), [
    ("GET", "/settings", ["agency_officer"]),
    ("PUT", "/settings", ["province_officer"]),
    ("GET", "/notices", ["agency_officer"]),
    ("GET", "/deadlines", ["national_viewer"]),
    ("POST", "/calendars", ["platform_admin"]),
])
def test_a_route_refuses_a_role_it_does_not_name(client, issuer, tenant, method, path, roles):
    response = client.open(f"{API}{path}", method=method, headers=issuer.headers(tenant=tenant, roles=roles),
                           json={})

    assert response.status_code == 403


def test_every_route_but_the_feed_needs_a_token(client):
    assert client.get(f"{API}/settings").status_code == 401
    assert client.post(f"{API}/calendars").status_code == 401


def test_the_settings_start_at_the_defaults_and_change_from_the_version_read(client, issuer, tenant):
    admin = issuer.headers(tenant=tenant, roles=["province_admin"])
    body = {"deadline_month": 11, "deadline_day": 20, "lead_days": [7, 30, 7], "send_hour": 7}

    assert client.get(f"{API}/settings", headers=admin).get_json() == {
        "deadline_month": 11, "deadline_day": 30, "lead_days": [30, 7, 1], "send_hour": 8, "version": 0}
    assert client.put(f"{API}/settings", json=body, headers=admin).status_code == 428
    changed = client.put(f"{API}/settings", json=body, headers={**admin, "If-Match": '"0"'})
    stale = client.put(f"{API}/settings", json=body, headers={**admin, "If-Match": '"0"'})
    wrong = client.put(f"{API}/settings", json={**body, "deadline_month": 2, "deadline_day": 30},
                       headers={**admin, "If-Match": '"1"'})

    assert changed.status_code == 200 and changed.headers["ETag"] == '"1"'
    assert changed.get_json()["lead_days"] == [30, 7]
    assert stale.status_code == 412
    assert wrong.status_code == 422 and "không hợp lệ" in wrong.get_json()["detail"]


def test_an_agency_officer_sees_their_agencys_deadline_and_staff_see_the_notices(client, issuer, runtime, tenant,
                                                                                mailer):
    mine = applying_agency(runtime, tenant, name="Sở Công Thương", secretary=address(tenant))
    applying_agency(runtime, tenant, name="Sở Giáo dục", secretary=address(tenant, "refused"))
    officer = issuer.headers(tenant=tenant, roles=["agency_officer"], agency_id=str(mine))
    leader = issuer.headers(tenant=tenant, roles=["province_leader"])
    jobs.tick(runtime, mailer, datetime(2026, 11, 23, 1, 0, tzinfo=UTC))

    deadlines = client.get(f"{API}/deadlines?year=2026", headers=officer).get_json()
    notices = client.get(f"{API}/notices?year=2026", headers=leader).get_json()

    assert [(row["agency_name"], row["deadline"], row["done"]) for row in deadlines] == [
        ("Sở Công Thương", "2026-11-30", False)]
    assert deadlines[0]["deadline_at"] == "2026-11-30T08:00:00+07:00"
    assert sorted((n["agency_name"], n["lead_days"], [d["status"] for d in n["deliveries"]]) for n in notices) == [
        ("Sở Công Thương", 7, ["SENT"]), ("Sở Giáo dục", 7, ["FAILED"])]
