"""Strict input fields (issue 20): marshmallow's own `Integer` reads 2.5 as 2, silently.

`fields.Integer(strict=True)` refuses 2.5, but also "2", which is how every number arrives in a query string;
`Integer` here refuses any value that is not a whole number and takes the rest as marshmallow does.
"""

from __future__ import annotations

import decimal

import marshmallow as ma


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
