"""kit.fields.Integer refuses a fraction instead of truncating it (marshmallow's reads 2.5 as 2)."""

from decimal import Decimal

import marshmallow as ma
import pytest

from kit.fields import Integer


class CountSchema(ma.Schema):
    count = Integer()


@pytest.mark.parametrize("value", [2.5, "2.5", Decimal("2.5"), 1e-3, float("inf"), float("nan"), True, "two", 1j])
def test_anything_but_a_whole_number_is_refused(value):
    with pytest.raises(ma.ValidationError) as refused:
        CountSchema().load({"count": value})

    assert "count" in refused.value.messages


@pytest.mark.parametrize("value", [2, "2", 2.0, Decimal("2")])
def test_a_whole_number_is_taken_as_an_int(value):
    assert CountSchema().load({"count": value}) == {"count": 2}
