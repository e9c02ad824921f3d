"""Fields the budget schemas share: money is integer VND (never a float), with its Vietnamese text alongside."""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from budget.model.money import format_vnd

MAX_VND = 10**13  # ten thousand billion dong: far above any line, far below a 64-bit overflow
DOC = validate.Length(1, 200)
YEAR = validate.Range(2000, 2100)


class Money(ma.fields.Integer):
    """Integer VND: a JSON integer, never a float, a string or a boolean."""

    def __init__(self, *, minimum: int = 0, **kwargs):
        super().__init__(strict=True, validate=validate.Range(minimum, MAX_VND), **kwargs)

    def _validated(self, value):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        return super()._validated(value)


def vnd_texts(*names: str) -> ma.fields.Function:
    """The amounts `names` of the object in Vietnamese format (`{"estimate": "100.000.000 đ", ...}`)."""
    return ma.fields.Function(lambda obj: {name: format_vnd(getattr(obj, name)) for name in names},
                              metadata={"description": "amounts in Vietnamese format"})
