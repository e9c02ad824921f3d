"""The bell and the notices page, against a test double of the services: the unread count in every page's header,
the list with its filters and dates, opening a notice (marked read, then its record) and marking all read, and a
notifications service that fails, is slow or is missing leaving every other page whole. The browser test
(tests/web/test_notices.py) does the same on the real services."""

from __future__ import annotations

import re
import uuid

import pytest
from flask import Flask, jsonify, request

from gateway.proxy import UpstreamUnavailable
from tests.gateway.web_app import SERVICES, gateway_over, signed_in

AGENCY = str(uuid.uuid4())
INBOX = "notifications/inbox"
TEXT_VI = ("Nhắc hạn duy trì HTQLCL năm 2026: Sở Tư pháp cần hoàn thành đánh giá nội bộ và xem xét của lãnh đạo "
           "trước ngày 30/11/2026.")
TEXT_EN = "Upkeep reminder 2026: Sở Tư pháp must complete the internal audit and the management review by 30/11/2026."


def notice(link: str = f"/agencies/{AGENCY}") -> dict:
    return {"id": str(uuid.uuid4()), "kind": "UPKEEP_REMINDER", "agency_id": AGENCY, "agency_name": "Sở Tư pháp",
            "year": 2026, "lead_days": 7, "deadline": "2026-11-30", "due_at": "2026-11-23T01:00:00+00:00",
            "read": False, "read_at": None, "text": TEXT_VI, "text_en": TEXT_EN, "link": link}


class Services:
    """The notifications inbox (with the reads and the queries it was sent) and what the other pages read."""

    def __init__(self):
        self.notices = [notice(), notice()]
        self.queries: list[dict] = []
        self.failing = False
        self.app = Flask("fake-services")
        self.app.add_url_rule("/api/v1/<path:rest>", "any", self.answer, methods=["GET", "POST"])

    def unread(self) -> int:
        return sum(not item["read"] for item in self.notices)

    def answer(self, rest: str):
        if rest.startswith("notifications/") and self.failing:
            return jsonify(status=500, title="Internal Server Error"), 500
        if rest == "registry/tenants/current":
            return jsonify({"id": "an-giang", "name": "Tỉnh An Giang"})
        if rest == "inspections/recommendations":
            return jsonify({"items": [], "total": 0})
        if rest == f"{INBOX}/unread-count":
            return jsonify({"unread": self.unread()})
        if rest == INBOX:
            self.queries.append(dict(request.args))
            return jsonify({"items": self.notices, "total": len(self.notices), "page": 1, "page_size": 20})
        if rest == f"{INBOX}/read-all" and request.method == "POST":
            marked = self.unread()
            for item in self.notices:
                item["read"] = True
            return jsonify({"marked": marked})
        if found := re.fullmatch(rf"{INBOX}/([0-9a-f-]+)/read", rest):
            item = next(item for item in self.notices if item["id"] == found.group(1))
            item["read"] = True
            return jsonify(item)
        return jsonify(status=404, title="Not Found"), 404


class Down:
    def forward(self, *_args, **_options):
        raise UpstreamUnavailable("timed out")


@pytest.fixture
def services():
    return Services()


@pytest.fixture
def app(services):
    return gateway_over(services.app, (*SERVICES, "notifications"))


@pytest.fixture
def browser(app):
    return signed_in(app)


def bell(page: str) -> str:
    """The bell's link text, as a screen reader says it (tags dropped, spaces folded)."""
    found = re.search(r'<a class="bell[^"]*" id="bell" href="/notifications">(.*?)</a>', page, re.S)
    assert found, "no bell on the page"
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


class TestTheBell:
    def test_every_page_header_says_how_many_notices_are_unread(self, browser):
        page = browser.get("/recommendations").get_data(as_text=True)

        assert bell(page) == "Thông báo (2 chưa đọc)"

    def test_in_english_it_says_so_in_english(self, browser):
        page = browser.get("/recommendations?lang=en").get_data(as_text=True)

        assert bell(page) == "Notices (2 unread)"

    @pytest.mark.parametrize("failure", ["answers 500", "does not answer", "is not there"])
    def test_a_notifications_service_that_fails_leaves_the_page_whole_and_the_bell_without_a_count(
            self, app, browser, services, failure):
        upstreams = app.extensions["gateway"]["upstreams"]
        if failure == "answers 500":
            services.failing = True
        elif failure == "does not answer":
            upstreams["notifications"] = Down()
        else:
            del upstreams["notifications"]

        response = browser.get("/recommendations")

        assert response.status_code == 200
        assert bell(response.get_data(as_text=True)) == "Thông báo"

    def test_a_user_of_no_province_has_no_bell(self, app):
        page = signed_in(app, "national").get("/recommendations").get_data(as_text=True)

        assert '<div class="who">' in page and 'id="bell"' not in page


class TestTheNoticesPage:
    def test_it_lists_each_notice_with_its_text_state_and_day_in_vietnam(self, browser, services):
        services.notices[1]["read"] = True

        page = browser.get("/notifications").get_data(as_text=True)

        assert page.count(TEXT_VI) == 2
        assert page.count('<span class="badge badge-warn">Chưa đọc</span>') == 1
        assert page.count('<span class="badge">Đã đọc</span>') == 1
        assert ">23/11/2026</time>" in page
        assert 'Nhắc hạn duy trì HTQLCL · <span translate="no">Sở Tư pháp</span>' in page
        assert services.queries == [{"page": "1", "page_size": "20"}]

    def test_the_filters_go_to_the_service_and_what_it_would_refuse_is_left_out(self, browser, services):
        browser.get("/notifications?state=unread&kind=UPKEEP_REMINDER&year=2026")
        browser.get("/notifications?state=bogus&kind=BIRTHDAY&year=1800&page=0")

        assert services.queries == [
            {"page": "1", "page_size": "20", "unread": "true", "kind": "UPKEEP_REMINDER", "year": "2026"},
            {"page": "1", "page_size": "20"}]

    def test_opening_a_notice_marks_it_read_and_goes_to_its_record(self, browser, services):
        first = services.notices[0]

        response = browser.post(f"/notifications/{first['id']}/open", data={"csrf": "known"})

        assert response.status_code == 302 and response.headers["Location"] == f"/agencies/{AGENCY}"
        assert first["read"] and bell(browser.get("/recommendations").get_data(as_text=True)) == (
            "Thông báo (1 chưa đọc)")

    def test_opening_needs_the_forms_csrf_token(self, browser, services):
        response = browser.post(f"/notifications/{services.notices[0]['id']}/open", data={"csrf": "forged"})

        assert response.status_code == 400 and not services.notices[0]["read"]

    def test_a_link_off_this_site_is_not_followed(self, browser, services):
        services.notices[0]["link"] = "https://phishing.example/agencies"

        response = browser.post(f"/notifications/{services.notices[0]['id']}/open", data={"csrf": "known"})

        assert response.headers["Location"] == "/notifications"

    def test_marking_all_read_says_how_many_and_comes_back_to_the_list_as_filtered(self, browser, services):
        response = browser.post("/notifications/read-all",
                                data={"csrf": "known", "next": "/notifications?state=unread"})
        page = browser.get(response.headers["Location"]).get_data(as_text=True)

        assert response.headers["Location"] == "/notifications?state=unread"
        assert "Đã đánh dấu 2 thông báo là đã đọc." in page
        assert bell(page) == "Thông báo (0 chưa đọc)"
