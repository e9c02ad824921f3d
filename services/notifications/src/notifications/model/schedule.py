"""When an agency's yearly upkeep is due and which reminder of it is due now. Pure.

The province sets its deadline (a day and month of each year; the seeds cite 30/11), the lead times of its
reminders (30, 7 and 1 days before, by default) and the hour they go out, all in Việt Nam's time
(Asia/Ho_Chi_Minh). A reminder is due from its day's hour until the end of the deadline's day; when several are
due (the scheduler was down on the 30-day reminder's day and runs on the 7-day one's), only the most recent one
is sent: an older one says less and would arrive late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from kit.calendar import VIETNAM

DEFAULT_DEADLINE = (11, 30)  # (month, day): 30/11
DEFAULT_LEADS = (30, 7, 1)
DEFAULT_HOUR = 8  # 08:00 in Việt Nam
MAX_LEAD = 180


@dataclass(frozen=True)
class ProvinceRules:
    deadline_month: int = DEFAULT_DEADLINE[0]
    deadline_day: int = DEFAULT_DEADLINE[1]
    lead_days: tuple[int, ...] = DEFAULT_LEADS
    send_hour: int = DEFAULT_HOUR

    def __post_init__(self) -> None:
        date(2024, self.deadline_month, self.deadline_day)  # raises ValueError for 31/4 (29/2 is allowed)
        if not self.lead_days or any(not 0 <= lead <= MAX_LEAD for lead in self.lead_days):
            raise ValueError(f"lead times must be 0 to {MAX_LEAD} days")
        if not 0 <= self.send_hour <= 23:
            raise ValueError("the hour must be 0 to 23")

    def deadline(self, year: int) -> date:
        """The year's deadline; 29/2 falls on 28/2 in a common year."""
        try:
            return date(year, self.deadline_month, self.deadline_day)
        except ValueError:
            return date(year, self.deadline_month, self.deadline_day - 1)

    def due_at(self, year: int, lead: int) -> datetime:
        """When the reminder `lead` days before the year's deadline goes out (aware, in Việt Nam)."""
        return datetime.combine(self.deadline(year) - timedelta(days=lead), time(self.send_hour), VIETNAM)

    def deadline_at(self, year: int) -> datetime:
        """The deadline's moment in a calendar: its day, at the hour reminders go out."""
        return datetime.combine(self.deadline(year), time(self.send_hour), VIETNAM)


@dataclass(frozen=True)
class Reminder:
    year: int
    lead_days: int
    deadline: date
    due_at: datetime


def due_reminder(rules: ProvinceRules, now: datetime) -> Reminder | None:
    """The reminder due at `now` (aware): the most recent one whose moment has come, while the deadline's day
    (in Việt Nam) has not ended; None before the first one and after the deadline."""
    local = now.astimezone(VIETNAM)
    year = local.year
    deadline = rules.deadline(year)
    if local.date() > deadline:
        return None
    due = [(rules.due_at(year, lead), lead) for lead in set(rules.lead_days) if rules.due_at(year, lead) <= local]
    if not due:
        return None
    due_at, lead = max(due)
    return Reminder(year=year, lead_days=lead, deadline=deadline, due_at=due_at)
