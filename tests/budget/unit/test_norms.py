"""Cost-norm versions: when they are in force, what a new version carries over, and what makes one
consistent."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from budget.model.norms import VERSIONED, ensure_consistent, in_force, next_version
from kit.errors import RuleViolated

FROM = date(2015, 8, 11)


def norm(**fields) -> SimpleNamespace:
    return SimpleNamespace(**{**dict.fromkeys(VERSIONED), "unit": "PER_AGENCY", "effective_from": FROM, **fields})


class TestInForce:
    def test_a_norm_is_in_force_from_its_first_day_to_its_last(self):
        ended = norm(effective_to=date(2020, 12, 31))

        assert in_force(ended, FROM) and in_force(ended, date(2020, 12, 31))
        assert not in_force(ended, date(2015, 8, 10)) and not in_force(ended, date(2021, 1, 1))

    def test_a_norm_without_an_end_stays_in_force(self):
        assert in_force(norm(), date(2099, 1, 1))


class TestNextVersion:
    def test_what_the_change_does_not_give_carries_over(self):
        last = norm(legal_basis_code="TT116-2015-D4K1", value=None, note="chưa tìm thấy")

        fields = next_version(last, {"value": 60_000_000, "effective_from": date(2040, 1, 1)})

        assert fields["value"] == 60_000_000 and fields["effective_from"] == date(2040, 1, 1)
        assert (fields["legal_basis_code"], fields["note"]) == ("TT116-2015-D4K1", "chưa tìm thấy")
        assert set(fields) == set(VERSIONED)

    def test_a_version_may_not_take_effect_before_the_previous_one(self):
        with pytest.raises(RuleViolated) as refused:
            next_version(norm(), {"effective_from": date(2010, 1, 1)})

        assert refused.value.code == "effective_from_before_previous"


class TestConsistency:
    @pytest.mark.parametrize("fields, code", [
        ({"unit": "PERCENT_OF_NORM", "percent": 80}, "percent_norm_needs_reference"),
        ({"unit": "PERCENT_OF_NORM", "reference_level": "CHI_CUC_HUYEN"}, "percent_norm_needs_reference"),
        ({"unit": "PER_MONTH", "min_value": 7_400_000, "max_value": 2_800_000}, "min_value_over_max_value"),
        ({"effective_to": date(2015, 1, 1)}, "effective_to_before_effective_from"),
    ], ids=["percent without reference", "percent without percent", "upside-down range", "ends before it starts"])
    def test_an_inconsistent_norm_is_refused_with_its_code(self, fields, code):
        with pytest.raises(RuleViolated) as refused:
            ensure_consistent({"unit": "PER_AGENCY", "effective_from": FROM, **fields})

        assert refused.value.code == code

    @pytest.mark.parametrize("fields", [
        {"unit": "PERCENT_OF_NORM", "percent": 80, "reference_level": "CHI_CUC_HUYEN"},
        {"unit": "PER_MONTH", "min_value": 2_800_000, "max_value": 7_400_000},
        {"unit": "PER_MONTH", "min_value": None, "max_value": 7_400_000},
        {"unit": "PER_AGENCY", "value": 100_000_000, "effective_to": FROM},
    ])
    def test_a_consistent_norm_passes(self, fields):
        ensure_consistent({"effective_from": FROM, **fields})
