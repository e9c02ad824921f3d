"""Days in Việt Nam (model/calendar.py)."""

from datetime import UTC, date, datetime

from reporting.model.calendar import local_day


def test_an_evening_in_utc_is_already_the_next_day_in_viet_nam():
    assert local_day(datetime(2021, 8, 19, 17, tzinfo=UTC)) == date(2021, 8, 20)
    assert local_day(datetime(2021, 8, 19, 16, 59, tzinfo=UTC)) == date(2021, 8, 19)
