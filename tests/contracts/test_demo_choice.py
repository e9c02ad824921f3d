"""`DEMO_PROVINCES` chooses which demo provinces every service's demo writes: all by default, in the demo's order,
and a clear refusal of a name that is not a demo province."""

from __future__ import annotations

import pytest

from contracts.demo import FIRST_YEAR, chosen


def test_every_demo_province_by_default(monkeypatch):
    monkeypatch.delenv("DEMO_PROVINCES", raising=False)

    assert chosen() == FIRST_YEAR


def test_the_chosen_ones_in_the_demo_order_with_their_first_year(monkeypatch):
    monkeypatch.setenv("DEMO_PROVINCES", " thai-binh, an-giang ,")

    assert list(chosen()) == ["an-giang", "thai-binh"]
    assert chosen()["thai-binh"] == FIRST_YEAR["thai-binh"]


def test_a_name_that_is_not_a_demo_province_is_refused_with_the_list(monkeypatch):
    monkeypatch.setenv("DEMO_PROVINCES", "thai-binh,lam-dong")

    with pytest.raises(ValueError, match="lam-dong is not a demo province; the demo provinces are binh-thuan"):
        chosen()
