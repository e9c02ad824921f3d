"""`DEMO_PROVINCES` chooses which demo provinces every service's demo writes: all by default, in the demo's order,
and a clear refusal of a name that is not a demo province."""

from __future__ import annotations

from datetime import date

import pytest

from contracts.demo import FIRST_YEAR, chosen, years


def test_every_demo_province_by_default(monkeypatch):
    monkeypatch.delenv("DEMO_PROVINCES", raising=False)

    assert chosen() == FIRST_YEAR


def test_the_chosen_ones_in_the_demo_order_with_their_first_year(monkeypatch):
    monkeypatch.setenv("DEMO_PROVINCES", " thai-binh, an-giang ,")

    assert list(chosen()) == ["an-giang", "thai-binh", "hung-yen"]  # Thái Bình with Hưng Yên, its successor
    assert chosen()["thai-binh"] == FIRST_YEAR["thai-binh"]


def test_a_successor_comes_with_its_predecessors(monkeypatch):
    monkeypatch.setenv("DEMO_PROVINCES", "lam-dong")

    assert list(chosen()) == ["binh-thuan", "lam-dong"]


def test_a_merged_province_records_its_own_years_until_2024_and_its_successor_from_2026():
    today = date(2026, 12, 3)

    assert (years("binh-thuan", today), years("lam-dong", today)) == (range(2015, 2025), range(2026, 2027))
    assert years("an-giang", today) == range(2016, 2027)


def test_a_name_that_is_not_a_demo_province_is_refused_with_the_list(monkeypatch):
    monkeypatch.setenv("DEMO_PROVINCES", "thai-binh,kien-giang")

    with pytest.raises(ValueError, match="kien-giang is not a demo province; the demo provinces are binh-thuan"):
        chosen()
