"""model/reference.py: what a correction of the reference or a province's setting must look like."""

from datetime import date

import pytest

from kit.errors import RuleViolated
from registry.model import reference as rules


class TestChecks:
    def test_an_obligation_is_one_of_the_four(self):
        assert rules.OBLIGATIONS == ("BAT_BUOC", "BAT_BUOC_THEO_KH_TINH", "KHUYEN_KHICH", "KHONG_AP_DUNG")

        with pytest.raises(RuleViolated, match="unknown_obligation"):
            rules.check_obligation("TUY_Y")

    @pytest.mark.parametrize(("key", "value"), [("maintenance_deadline", "30/11"), ("maintenance_deadline", "1/1"),
                                                ("reannouncement_days", "30"), ("anything_else", "x")])
    def test_a_setting_in_its_format_is_accepted(self, key, value):
        rules.check_setting(key, value)

    @pytest.mark.parametrize(("key", "value"), [("maintenance_deadline", "31/13"),
                                                ("maintenance_deadline", "30-11"), ("maintenance_deadline", "31/02"),
                                                ("maintenance_deadline", "29/02"), ("reannouncement_days", "1000")])
    def test_a_setting_off_its_format_is_refused_naming_the_key(self, key, value):
        with pytest.raises(RuleViolated) as refused:
            rules.check_setting(key, value)

        assert (refused.value.code, refused.value.params) == ("setting_invalid", {"key": key})

    def test_a_validity_ends_after_it_begins(self):
        rules.check_validity(date(2020, 1, 1), None)
        rules.check_validity(date(2020, 1, 1), date(2020, 1, 1))

        with pytest.raises(RuleViolated, match="valid_to_before_valid_from"):
            rules.check_validity(date(2020, 1, 1), date(2019, 12, 31))
