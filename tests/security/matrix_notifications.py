"""Fixture objects and calls for every notifications route in the authorization matrix.

Agencies reach the service's replica as the registry's events put them there (`replicas.record_agency`); the
province's settings and its calendar URLs are made through the API.
"""

from __future__ import annotations

import uuid

from notifications.services import replicas
from tests.security.matrix import Spec, World

SETTINGS = {"deadline_month": 11, "deadline_day": 30, "lead_days": [30, 7, 1], "send_hour": 8}


class NotificationsWorld(World):
    service = "notifications"
    province_wide = frozenset({"calendar"})  # a calendar URL belongs to its person, not to an agency

    def make_agency(self) -> str:
        agency_id = uuid.uuid4()
        replicas.record_agency(self.sut.runtime.uow(self.tenant), agency_id=agency_id, version=1,
                               name="Sở Tài chính")
        return str(agency_id)

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
