"""Days in Việt Nam: events carry UTC times, figures count local days."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def local_day(moment: datetime) -> date:
    """The day in Việt Nam of an event's UTC time (20:00 UTC is already the next day there)."""
    return moment.astimezone(VIETNAM).date()
