"""model/officers.py: one holder per role, and when an appointment may end."""

from datetime import date
from types import SimpleNamespace

import pytest

from kit.errors import Conflict, RuleViolated
from registry.model import officers as rules


def officer(role="THU_KY_ISO", appointed_on=date(2022, 1, 3), removed_on=None):
    return SimpleNamespace(role=role, appointed_on=appointed_on, removed_on=removed_on)


class TestRemoval:
    def test_an_appointment_in_office_ends_on_or_after_its_start(self):
        rules.ensure_removable(officer(), date(2022, 1, 3))

    def test_an_appointment_ends_once(self):
        with pytest.raises(Conflict, match="appointment_ended"):
            rules.ensure_removable(officer(removed_on=date(2023, 1, 1)), date(2024, 1, 1))

    def test_an_appointment_does_not_end_before_it_began(self):
        with pytest.raises(RuleViolated, match="removed_before_appointed"):
            rules.ensure_removable(officer(), date(2022, 1, 2))

    def test_a_successor_appointed_earlier_ends_the_previous_appointment_on_its_first_day(self):
        assert rules.end_date(officer(), date(2021, 6, 1)) == date(2022, 1, 3)
        assert rules.end_date(officer(), date(2024, 5, 2)) == date(2024, 5, 2)


class TestHolders:
    def test_the_current_holders_of_a_role_are_those_in_office(self):
        current, former, other = officer(), officer(removed_on=date(2023, 1, 1)), officer(role="DAI_DIEN_LANH_DAO")

        assert rules.current_holders([current, former, other], "THU_KY_ISO") == [current]
