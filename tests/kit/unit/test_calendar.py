"""Days of Việt Nam's calendar (kit.calendar)."""

from datetime import UTC, date, datetime, timedelta

from kit import calendar


def test_an_evening_in_utc_is_already_the_next_day_in_viet_nam():
    assert calendar.day_of(datetime(2021, 8, 19, 17, tzinfo=UTC)) == date(2021, 8, 20)
    assert calendar.day_of(datetime(2021, 8, 19, 16, 59, tzinfo=UTC)) == date(2021, 8, 19)


def test_the_effective_day_of_a_succession_begins_at_midnight_in_viet_nam_not_in_utc():
    assert calendar.day_of(datetime(2025, 6, 30, 16, 59, tzinfo=UTC)) == date(2025, 6, 30)
    assert calendar.day_of(datetime(2025, 6, 30, 17, 0, tzinfo=UTC)) == date(2025, 7, 1)


def test_today_is_the_day_in_viet_nam_of_now():
    before = datetime.now(UTC)
    got = calendar.today()
    after = datetime.now(UTC)

    assert got in {calendar.day_of(before), calendar.day_of(after)}
    assert got in {(before + timedelta(hours=7)).date(), (after + timedelta(hours=7)).date()}
