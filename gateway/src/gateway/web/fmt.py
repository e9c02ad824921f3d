"""Vietnamese formats: dates dd/mm/yyyy, money as `1.234.567 ₫`, percentages."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

# Officials read times in Vietnam's time (UTC+7, no daylight saving); the services send UTC.
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")


def parse_day(value) -> date | None:
    """A date from an ISO 8601 date or timestamp (what every service sends) or a date."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return _local(value).date()
    if isinstance(value, date):
        return value
    text = str(value)
    try:
        return _local(datetime.fromisoformat(text)).date()
    except ValueError:
        return None


def day(value) -> str:
    """dd/mm/yyyy, or a dash when there is no date."""
    parsed = parse_day(value)
    return parsed.strftime("%d/%m/%Y") if parsed else "—"


def moment(value) -> str:
    """dd/mm/yyyy HH:MM of an ISO timestamp, in Vietnam's time."""
    if not value:
        return "—"
    try:
        return _local(datetime.fromisoformat(str(value))).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return day(value)


def _local(moment: datetime) -> datetime:
    """An aware time in Vietnam's time: a session at 08:00+07:00, sent by a service as 01:00 UTC, shows 08:00.
    A naive value is a date or a local time already, shown as it is."""
    return moment.astimezone(LOCAL) if moment.tzinfo else moment


def number(value) -> str:
    """An integer with dots between thousands (1.234.567)."""
    if value is None:
        return "—"
    return f"{int(value):,}".replace(",", ".")


def vnd(value) -> str:
    """A VND amount: `1.234.567 ₫`."""
    return "—" if value is None else f"{number(value)} ₫"


def percent(part, whole) -> int | None:
    """part/whole as a rounded percentage, None when whole is zero."""
    return round(100 * part / whole) if whole else None
