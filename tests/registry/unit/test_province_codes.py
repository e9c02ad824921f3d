"""check_province_code on plain records: in force, retired with successors, historical, unknown."""

from datetime import date
from types import SimpleNamespace as Row

import pytest

from kit.errors import RuleViolated
from registry.model.reference import check_province_code

TODAY = date(2026, 1, 5)
UNITS = [
    Row(scheme="QD124_2004", code="91", level="TINH", name="Tỉnh Kiên Giang", valid_from=None,
        valid_to=date(2025, 6, 30)),
    Row(scheme="QD124_2004", code="89", level="TINH", name="Tỉnh An Giang", valid_from=None,
        valid_to=date(2025, 6, 30)),
    Row(scheme="QD19_2025", code="91", level="TINH", name="Tỉnh An Giang", valid_from=date(2025, 7, 1),
        valid_to=None),
    Row(scheme="QD19_2025", code="30280", level="XA", name="Phường X", valid_from=date(2025, 7, 1), valid_to=None),
]
SUCCESSIONS = [Row(from_scheme="QD124_2004", from_code="89", to_scheme="QD19_2025", to_code="91")]


def check(code, historical=False, on=TODAY):
    check_province_code(code, UNITS, SUCCESSIONS, historical=historical, on=on)


def refusal(code, **kwargs) -> RuleViolated:
    with pytest.raises(RuleViolated) as refused:
        check(code, **kwargs)
    return refused.value


def test_a_code_in_force_passes():
    check("91")


def test_a_retired_code_names_its_successor_and_the_last_day():
    error = refusal("89")

    assert error.code == "province_code_retired"
    assert (error.params["successors"], error.params["until"]) == (("91 (Tỉnh An Giang)",), date(2025, 6, 30))


def test_before_the_retirement_the_old_code_was_in_force():
    check("89", on=date(2025, 6, 30))


def test_a_commune_code_is_not_a_province_code():
    assert refusal("30280").code == "unknown_province_code"


def test_historical_accepts_a_retired_code_and_only_that():
    check("89", historical=True)
    check("91", historical=True)  # Kiên Giang's old code, also An Giang's new one

    assert refusal("30", historical=True).code == "province_code_not_retired"
