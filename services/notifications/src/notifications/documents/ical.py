"""A person's calendar (RFC 5545, the `icalendar` package): one event per upkeep deadline, at the province's
reminder hour on the deadline's day in Asia/Ho_Chi_Minh (DTSTART with that TZID and its VTIMEZONE), with an alarm
at each lead time. UIDs are stable (agency and year), so a subscribed calendar updates its events in place."""

from __future__ import annotations

from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event

PRODID = "-//ISO-HCC//notifications//VI"
DURATION = timedelta(hours=1)


def feed(deadlines, name: str, now: datetime) -> bytes:
    """`deadlines`: services.schedule.Deadline rows."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    for deadline in deadlines:
        calendar.add_component(_event(deadline, now))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(deadline, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"upkeep-{deadline.agency_id}-{deadline.year}@iso-hcc")
    event.add("dtstamp", now)
    event.add("dtstart", deadline.deadline_at)
    event.add("dtend", deadline.deadline_at + DURATION)
    done = " (đã hoàn thành / done)" if deadline.done else ""
    event.add("summary", f"Hạn duy trì HTQLCL {deadline.year}: {deadline.agency_name}{done} / "
                         f"{deadline.year} quality system upkeep due")
    event.add("description", "Đánh giá nội bộ và xem xét của lãnh đạo phải được cập nhật trước hạn / the internal "
                             "audit and the management review must be on record by the deadline")
    event.add("categories", ["ISO-HCC"])
    if not deadline.done:
        for lead in deadline.lead_days:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"Còn {lead} ngày / {lead} days left")
            alarm.add("trigger", -timedelta(days=lead))
            event.add_component(alarm)
    return event
