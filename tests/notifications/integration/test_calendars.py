"""The calendar feeds: made by a signed-in person, read back by a standard parser (icalendar) with the right
times in Asia/Ho_Chi_Minh, without a bearer token; a revoked or unknown URL answers 404."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar

from kit import calendar
from tests.notifications.conftest import API, address, applying_agency, record_activity

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def make(client, headers) -> dict:
    response = client.post(f"{API}/calendars", headers=headers)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def read(client, url: str):
    return client.get(urlsplit(url).path)  # no Authorization header: a calendar client has only the URL


def events_of(body: bytes) -> list:
    return list(Calendar.from_ical(body).walk("VEVENT"))


def test_an_agency_officers_feed_lists_their_agencys_deadlines_at_the_hour_in_vietnam(client, issuer, runtime,
                                                                                       tenant):
    agency = applying_agency(runtime, tenant, name="Sở Y tế", secretary=address(tenant))
    applying_agency(runtime, tenant, name="Sở Xây dựng")
    officer = issuer.headers(tenant=tenant, roles=["agency_officer"], agency_id=str(agency), sub="lan")

    made = make(client, officer)
    response = read(client, made["url"])

    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/calendar"
    parsed = Calendar.from_ical(response.data)
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    year = calendar.today().year
    events = events_of(response.data)
    assert [str(event["SUMMARY"]).split(":")[1].split(" / ")[0].strip() for event in events] == ["Sở Y tế"] * 2
    starts = [event.decoded("DTSTART") for event in events]
    assert starts == [datetime(year, 11, 30, 8, 0, tzinfo=VIETNAM), datetime(year + 1, 11, 30, 8, 0, tzinfo=VIETNAM)]
    assert all(event["DTSTART"].params["TZID"] == "Asia/Ho_Chi_Minh" for event in events)
    assert [start.utcoffset().total_seconds() / 3600 for start in starts] == [7, 7]
    assert sorted(alarm.decoded("TRIGGER").days for alarm in events[0].walk("VALARM")) == [-30, -7, -1]


def test_a_province_feed_follows_the_provinces_settings_and_marks_the_upkeep_done(client, issuer, runtime, tenant):
    done = applying_agency(runtime, tenant, name="Sở Nội vụ")
    year = calendar.today().year
    record_activity(runtime, tenant, done, "DANH_GIA_NOI_BO", year=year)
    record_activity(runtime, tenant, done, "XEM_XET_LANH_DAO", year=year)
    admin = issuer.headers(tenant=tenant, roles=["province_admin"])
    changed = client.put(f"{API}/settings", json={"deadline_month": 12, "deadline_day": 15, "lead_days": [14, 3],
                                                  "send_hour": 9}, headers={**admin, "If-Match": '"0"'})
    assert changed.status_code == 200, changed.get_json()

    events = events_of(read(client, make(client, admin)["url"]).data)

    assert [event.decoded("DTSTART") for event in events] == [datetime(year, 12, 15, 9, 0, tzinfo=VIETNAM),
                                                              datetime(year + 1, 12, 15, 9, 0, tzinfo=VIETNAM)]
    assert "đã hoàn thành / done" in str(events[0]["SUMMARY"]) and "done" not in str(events[1]["SUMMARY"])
    assert list(events[0].walk("VALARM")) == []
    assert sorted(alarm.decoded("TRIGGER").days for alarm in events[1].walk("VALARM")) == [-14, -3]


def test_a_revoked_url_answers_404_and_only_its_owner_revokes_it(client, issuer, tenant):
    mine = issuer.headers(tenant=tenant, roles=["province_officer"], sub="minh")
    someone_else = issuer.headers(tenant=tenant, roles=["province_officer"], sub="hoa")
    made = make(client, mine)
    kept = make(client, mine)
    assert read(client, made["url"]).status_code == 200

    assert client.post(f"{API}/calendars/{made['id']}/revoke", headers=someone_else).status_code == 404
    assert read(client, made["url"]).status_code == 200
    revoked = client.post(f"{API}/calendars/{made['id']}/revoke", headers=mine)

    assert revoked.status_code == 200 and revoked.get_json()["revoked_at"]
    gone = read(client, made["url"])
    assert gone.status_code == 404 and gone.mimetype == "application/problem+json"
    assert read(client, kept["url"]).status_code == 200
    listed = client.get(f"{API}/calendars", headers=mine).get_json()
    assert {row["id"]: row["revoked_at"] is not None for row in listed} == {made["id"]: True, kept["id"]: False}
    assert "url" not in listed[0]


def test_an_unknown_secret_or_province_answers_404(client, issuer, tenant):
    made = make(client, issuer.headers(tenant=tenant, roles=["province_leader"]))
    path = urlsplit(made["url"]).path
    secret = path.rsplit("/", 1)[1]

    assert client.get(path.replace(secret, "x" + secret)).status_code == 404
    assert client.get(path.replace(f"/{tenant}/", "/t-another-one/")).status_code == 404
    assert client.get(path.replace(f"/{tenant}/", "/NOT_A_SLUG/")).status_code == 404
