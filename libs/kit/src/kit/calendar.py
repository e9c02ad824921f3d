"""Days of Việt Nam's calendar: clocks and events are UTC, but a province's day (an as-of date, an effective date,
"today" on a dashboard) is the day in Việt Nam, seven hours ahead (20:00 UTC is already tomorrow there)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def day_of(moment: datetime) -> date:
    """The day in Việt Nam `moment` falls on."""
    return moment.astimezone(VIETNAM).date()


def today() -> date:
    """Today in Việt Nam, whatever the server's time zone: the default as-of date of every figure."""
    return day_of(datetime.now(UTC))
