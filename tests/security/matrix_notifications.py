"""Fixture objects and calls for every notifications route in the authorization matrix.

Agencies reach the service's replica as the registry's events put them there (`replicas.record_agency`), and a
notice as the scheduler makes it (`schedule.plan`, when a reminder is due); the province's settings and its
calendar URLs are made through the API.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from notifications import repository
from notifications.services import replicas, schedule
from tests.security.matrix import Spec, World

SETTINGS = {"deadline_month": 11, "deadline_day": 30, "lead_days": [30, 7, 1], "send_hour": 8}
SEVEN_DAYS_BEFORE = datetime(2026, 11, 23, 3, 0, tzinfo=UTC)  # 10:00 in Việt Nam: the 7-day reminder is due


class NotificationsWorld(World):
    service = "notifications"
    province_wide = frozenset({"calendar"})  # a calendar URL belongs to its person, not to an agency

    def make_agency(self) -> str:
        agency_id = uuid.uuid4()
        replicas.record_agency(self.sut.runtime.uow(self.tenant), agency_id=agency_id, version=1,
                               name="Sở Tài chính")
        return str(agency_id)

    def make_notice(self) -> str:
        """The 7-day upkeep reminder of the world's agency, its quality system in use."""
        agency_id = uuid.UUID(self["agency"])
        runtime = self.sut.runtime
        replicas.record_quality_system(runtime.uow(self.tenant), quality_system_id=uuid.uuid4(), agency_id=agency_id,
                                       version=1, status="DA_CONG_BO")
        schedule.plan(runtime.uow(self.tenant), SEVEN_DAYS_BEFORE)
        with runtime.uow(self.tenant) as uow:
            notices = repository.notices_of_reminder(uow.session, schedule.UPKEEP_REMINDER, 2026, 7)
            return str(notices[agency_id][0].id)

    def make_settings(self) -> dict:
        return self.call("PUT", "/settings", {**SETTINGS, "send_hour": 9})

    def make_calendar(self) -> str:
        return self.call("POST", "/calendars", role="province_officer", ok=(201,))["id"]

    def make_feed_secret(self) -> str:
        """The secret of a live calendar URL (the last part of its path, before `.ics`)."""
        url = self.call("POST", "/calendars", role="province_leader", ok=(201,))["url"]
        return url.rsplit("/", 1)[1].removesuffix(".ics")


A = "/api/v1/notifications"
SPECS = {
    ("GET", f"{A}/audit"): Spec("/audit", needs=("settings",)),
    ("GET", f"{A}/calendars"): Spec("/calendars", needs=("calendar",)),
    ("POST", f"{A}/calendars"): Spec("/calendars"),
    ("GET", f"{A}/deadlines"): Spec("/deadlines", needs=("agency",)),
    ("GET", f"{A}/inbox"): Spec("/inbox", needs=("notice",)),
    ("GET", f"{A}/inbox/unread-count"): Spec("/inbox/unread-count", needs=("notice",)),
    ("POST", f"{A}/inbox/<uuid:notice_id>/read"): Spec("/inbox/{notice}/read"),
    ("POST", f"{A}/inbox/read-all"): Spec("/inbox/read-all", needs=("notice",)),
    ("GET", f"{A}/notices"): Spec("/notices", needs=("agency",)),
    ("GET", f"{A}/settings"): Spec("/settings"),
    ("PUT", f"{A}/settings"): Spec("/settings", SETTINGS),
}
UNCOVERED = {
    ("GET", f"{A}/calendars/<tenant>/<secret>.ics"): (
        "public by design: the secret URL is the credential and the route has no role; an unknown or revoked "
        "URL answering 404 is tested in tests/notifications/integration/test_calendars.py"),
    ("POST", f"{A}/calendars/<uuid:calendar_id>/revoke"): (
        "per person: only the subject who made the URL may revoke it, and the matrix gives every call a fresh "
        "subject, so no role-wide positive control exists; another person's revocation answering "
        "404 is tested in tests/notifications/integration/test_calendars.py"),
}
