"""Vietnamese money: integer VND with dots between groups of three digits."""

from __future__ import annotations

from budget.model.money import format_vnd


def test_amounts_are_shown_with_vietnamese_digit_grouping():
    assert format_vnd(55_250_000) == "55.250.000 đ"
    assert format_vnd(0) == "0 đ"


def test_an_unknown_amount_is_a_dash():
    assert format_vnd(None) == "—"
