"""Formats through Babel: dates dd/mm/yyyy and times HH:mm on 24 hours whatever the language (the officials'
convention), numbers and money (`1.234.567 ₫`) by the page's language; percentages."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal
from flask_babel import get_locale

# Officials read times in Vietnam's time (UTC+7, no daylight saving); the services send UTC.
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = "dd/MM/yyyy"
MOMENT = "dd/MM/yyyy HH:mm"


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


TYPED_DAY = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
TYPED_TIME = re.compile(r"^\s*(\d{1,2})\s*[:hH.]\s*(\d{2})?\s*$")
# What a date or time field accepts in the browser (its `pattern`): dd/mm/yyyy (also d/m/yyyy), or ISO yyyy-mm-dd;
# HH:MM on 24 hours. The fields are text, so the browser's language cannot turn them into mm/dd or 12 hours.
DAY_PATTERN = r"\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}"
TIME_PATTERN = r"([01]?\d|2[0-3]):[0-5]\d"


def typed_day(text: str) -> str:
    """A date typed in a form as the service takes it (yyyy-mm-dd): dd/mm/yyyy, d/m/yyyy (or with dots or dashes)
    and yyyy-mm-dd are read; anything else is passed on as typed, for the service to refuse with its message."""
    found = TYPED_DAY.match(text or "")
    if not found:
        return (text or "").strip()
    dd, mm, yyyy = (int(part) for part in found.groups())
    try:
        return date(yyyy, mm, dd).isoformat()
    except ValueError:
        return text.strip()


def typed_time(text: str) -> str:
    """A time of day typed in a form as HH:MM on 24 hours ("8:00", "8h", "08h30" -> "08:00", "08:00", "08:30")."""
    found = TYPED_TIME.match(text or "")
    if not found:
        return (text or "").strip()
    hours, minutes = int(found.group(1)), int(found.group(2) or 0)
    return f"{hours:02d}:{minutes:02d}" if hours < 24 and minutes < 60 else text.strip()


def field_day(value) -> str:
    """A date as a date field shows it: dd/mm/yyyy, empty when there is none (a typed value kept as typed)."""
    parsed = parse_day(value)
    return format_date(parsed, DAY, locale=_locale()) if parsed else (value or "")


def day(value) -> str:
    """dd/mm/yyyy, or a dash when there is no date."""
    parsed = parse_day(value)
    return format_date(parsed, DAY, locale=_locale()) if parsed else "—"


def moment(value) -> str:
    """dd/mm/yyyy HH:MM of an ISO timestamp, in Vietnam's time."""
    if not value:
        return "—"
    try:
        return format_datetime(_local(datetime.fromisoformat(str(value))), MOMENT, locale=_locale())
    except ValueError:
        return day(value)


def _local(moment: datetime) -> datetime:
    """An aware time in Vietnam's time: a session at 08:00+07:00, sent by a service as 01:00 UTC, shows 08:00.
    A naive value is a date or a local time already, shown as it is."""
    return moment.astimezone(LOCAL) if moment.tzinfo else moment


def number(value) -> str:
    """An integer grouped by the page's language: 1.234.567 in Vietnamese, 1,234,567 in English."""
    if value is None:
        return "—"
    return format_decimal(int(value), format="#,##0", locale=_locale())


def vnd(value) -> str:
    """A VND amount, the one money format of the pages: `1.234.567 ₫` (`1,234,567 ₫` in English)."""
    if value is None:
        return "—"
    return format_currency(int(value), "VND", format="#,##0 ¤", locale=_locale(), currency_digits=False)


def _locale():
    """The page's locale (Flask-Babel's selector reads the session); Vietnamese outside a request."""
    return get_locale() or "vi"


def percent(part, whole) -> int | None:
    """part/whole as a rounded percentage, None when whole is zero."""
    return round(100 * part / whole) if whole else None
