"""Strict input fields (issue 20): marshmallow's own `Integer` reads 2.5 as 2, silently.

`fields.Integer(strict=True)` refuses 2.5, but also "2", which is how every number arrives in a query string;
`Integer` here refuses any value that is not a whole number and takes the rest as marshmallow does.
"""

from __future__ import annotations

import decimal
from datetime import date, timedelta

import marshmallow as ma

from kit import calendar, validation

AHEAD = timedelta(days=366)


class Integer(ma.fields.Integer):
    """An integer that refuses a fraction (2.5, "2.5", 1e-3) instead of truncating it; 2, "2" and 2.0 are 2.
    The refusal is marshmallow's own "Not a valid integer.", which the services' catalogues translate."""

    def _validated(self, value: object) -> int:
        if isinstance(value, float | decimal.Decimal) and not _whole(value):
            raise self.make_error("invalid", input=value)
        return super()._validated(value)


def _whole(value: float | decimal.Decimal) -> bool:
    try:
        return value == int(value)
    except (OverflowError, ValueError):  # inf, nan
        return False


def takes_effect(day: date) -> None:
    """A decision's effective day (a dissolution, a merger): it may be set ahead, but not beyond a year from today
    in Việt Nam; a typo such as 9999-12-31 would end a record at the end of time (and overflow the day after)."""
    if day > calendar.today() + AHEAD:
        raise validation.refused("effective_date_too_far", "Ngày có hiệu lực không được quá một năm sau hôm nay / the "
                                                           "effective date must be within a year from today")
