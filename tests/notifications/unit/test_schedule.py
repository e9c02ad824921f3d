"""Which reminder is due when (model.schedule), and when a year's upkeep is done (model.upkeep)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from notifications.model.schedule import ProvinceRules, due_reminder
from notifications.model.upkeep import applying, upkeep_done

RULES = ProvinceRules()


def vn(year: int, month: int, day: int, hour: int = 8, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=7)


@pytest.mark.parametrize(("moment", "lead"), [
    (vn(2026, 10, 31, 7, 59), None),
    (vn(2026, 10, 31), 30),
    (vn(2026, 11, 22, 23, 59), 30),
    (vn(2026, 11, 23), 7),
    (vn(2026, 11, 29), 1),
    (vn(2026, 11, 30, 23, 59), 1),
    (vn(2026, 12, 1, 0, 0), None),
    (vn(2026, 1, 1), None),
])
def test_the_most_recent_reminder_whose_hour_came_is_due_until_the_deadlines_day_ends(moment, lead):
    due = due_reminder(RULES, moment)

    assert (due.lead_days if due else None) == lead
    if due:
        assert due.deadline == date(2026, 11, 30)
        assert due.due_at == datetime(2026, 11, 30, 8, tzinfo=due.due_at.tzinfo) - timedelta(days=lead)


def test_the_day_is_vietnams_not_utcs():
    # 17:30 UTC on 30/11 is already 1/12 in Việt Nam: past the deadline.
    assert due_reminder(RULES, datetime(2026, 11, 30, 17, 30, tzinfo=UTC)) is None
    # 01:00 UTC on 31/10 is 08:00 there: the 30-day reminder.
    assert due_reminder(RULES, datetime(2026, 10, 31, 1, 0, tzinfo=UTC)).lead_days == 30


def test_a_29_february_deadline_falls_on_the_28th_in_a_common_year():
    rules = ProvinceRules(deadline_month=2, deadline_day=29, lead_days=(0,))

    assert rules.deadline(2027) == date(2027, 2, 28)
    assert rules.deadline(2028) == date(2028, 2, 29)


@pytest.mark.parametrize("fields", [{"deadline_month": 4, "deadline_day": 31}, {"lead_days": ()},
                                    {"lead_days": (400,)}, {"send_hour": 24}])
def test_rules_that_make_no_sense_are_refused(fields):
    with pytest.raises(ValueError):
        ProvinceRules(**fields)


def test_an_agency_applies_while_a_system_is_in_use():
    assert applying(["DANG_XAY_DUNG", "CAN_CONG_BO_LAI"])
    assert not applying(["DANG_XAY_DUNG", "NGUNG_AP_DUNG"])
    assert not applying([])


def test_the_upkeep_is_done_with_both_activities_or_when_the_registry_says_so():
    assert upkeep_done({"DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO"})
    assert upkeep_done({"DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO", "KHAC"})
    assert not upkeep_done({"DANH_GIA_NOI_BO"})
    assert upkeep_done({"XEM_XET_LANH_DAO"}, registry_says_complete=True)
