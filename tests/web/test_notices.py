"""The bell and the notices page in headless Chromium on the real topology (issue 24): the province's upkeep
deadline is today, so the notifications scheduler (a process of the topology, sending to its SMTP sink) makes
the day's reminders; a province officer sees the bell's unread count, opens the list, follows a notice to the
agency's page and the count goes down; an agency's ISO secretary sees only their agency's notices; axe-core finds
nothing wrong on the page.
"""

from __future__ import annotations

import re

import pytest
import requests
from playwright.sync_api import expect

from kit import calendar
from tests.e2e.conftest import eventually
from tests.web.a11y import violations

PROVINCE = "an-giang"
API = "/api/v1/notifications"
# The scheduler passes once a minute; the reminders come at its first pass after the settings change.
SCHEDULER_PASS = 150


def headers(ui, username: str) -> dict[str, str]:
    reply = requests.post(f"{ui.gateway}/auth/dev-token", json={"username": username}, timeout=30)
    reply.raise_for_status()
    return {"Authorization": f"Bearer {reply.json()['access_token']}"}


def inbox(ui, username: str) -> dict:
    reply = requests.get(f"{ui.gateway}{API}/inbox?page_size=100", headers=headers(ui, username), timeout=30)
    reply.raise_for_status()
    return reply.json()


@pytest.fixture(scope="module")
def reminders(settled):
    """Today is the province's deadline, with one reminder on the day itself from midnight (Việt Nam): the
    scheduler's next pass makes a notice for each agency applying a quality system whose upkeep is not done."""
    admin = headers(settled, f"{PROVINCE}.admin")
    current = requests.get(f"{settled.gateway}{API}/settings", headers=admin, timeout=30)
    today = calendar.today()
    changed = requests.put(f"{settled.gateway}{API}/settings", headers={**admin, "If-Match": current.headers["ETag"]},
                           json={"deadline_month": today.month, "deadline_day": today.day, "lead_days": [0],
                                 "send_hour": 0}, timeout=30)
    assert changed.status_code == 200, changed.text
    return eventually(lambda: inbox(settled, f"{PROVINCE}.officer")["total"], timeout=SCHEDULER_PASS)


def bell(page):
    return page.locator("#bell")


def test_an_officer_follows_a_notice_from_the_bell_to_the_agency_and_the_count_goes_down(ui, reminders, shot):
    officer = ui.login(f"{PROVINCE}.officer")
    expect(bell(officer)).to_have_text(f"Thông báo ({reminders} chưa đọc)")

    with officer.expect_navigation():
        officer.get_by_role("link", name=f"Thông báo ({reminders} chưa đọc)").click()
    expect(officer.locator("h1")).to_have_text("Thông báo")
    notices = officer.locator("#notices li")
    expect(notices).to_have_count(reminders)
    expect(notices.first).to_contain_text("Nhắc hạn duy trì HTQLCL năm")
    expect(notices.first).to_contain_text(calendar.today().strftime("%d/%m/%Y"))
    assert violations(officer) == []
    shot(officer, "notices")

    justice = next(item for item in inbox(ui, f"{PROVINCE}.officer")["items"] if "Sở Tư pháp" in item["agency_name"])
    with officer.expect_navigation():
        officer.get_by_role("button", name=justice["text"]).click()
    assert officer.url.endswith(f"/agencies/{justice['agency_id']}")
    expect(officer.locator("h1")).to_have_text(justice["agency_name"])
    expect(bell(officer)).to_have_text(f"Thông báo ({reminders - 1} chưa đọc)")

    with officer.expect_navigation():
        bell(officer).click()
    officer.get_by_label("Trạng thái").select_option("unread")
    with officer.expect_navigation():
        officer.get_by_role("button", name="Lọc").click()
    expect(notices).to_have_count(reminders - 1)
    expect(officer.get_by_role("button", name=justice["text"])).to_have_count(0)
    assert violations(officer) == []


def test_an_agency_secretary_sees_only_their_agencys_notices_and_marks_them_read(ui, reminders, shot):
    agency = ui.claims(f"{PROVINCE}.agency")["agency_id"]
    theirs = inbox(ui, f"{PROVINCE}.agency")
    assert theirs["total"] >= 1 and {item["agency_id"] for item in theirs["items"]} == {agency}
    assert theirs["total"] < reminders  # the province has others, which they do not see

    secretary = ui.login(f"{PROVINCE}.agency")
    expect(bell(secretary)).to_have_text(re.compile(rf"^\s*Thông báo \({theirs['total']} chưa đọc\)\s*$"))
    secretary.goto("/notifications")
    expect(secretary.locator("#notices li")).to_have_count(theirs["total"])
    for item in theirs["items"]:
        expect(secretary.get_by_role("button", name=item["text"])).to_have_count(1)
    assert violations(secretary) == []

    with secretary.expect_navigation():
        secretary.get_by_role("button", name="Đánh dấu đã đọc tất cả").click()
    expect(secretary.locator(".flash-ok")).to_have_text(f"Đã đánh dấu {theirs['total']} thông báo là đã đọc.")
    expect(bell(secretary)).to_have_text("Thông báo (0 chưa đọc)")
    shot(secretary, "notices-read")
