"""check_version_in_force: the transition deadline is the last day a version may be announced."""

from datetime import date

import pytest

from kit.errors import Conflict
from registry.model.quality_system import check_version_in_force

DEADLINE = date(2021, 6, 30)


def test_a_decision_after_the_deadline_is_a_conflict_naming_it():
    with pytest.raises(Conflict) as refused:
        check_version_in_force("TCVN ISO 9001:2008", DEADLINE, date(2021, 7, 1))

    assert refused.value.code == "standard_past_transition" and refused.value.params["deadline"] == DEADLINE


@pytest.mark.parametrize("on", [date(2021, 6, 30), date(2018, 1, 1)])
def test_a_decision_on_or_before_the_deadline_passes(on):
    check_version_in_force("TCVN ISO 9001:2008", DEADLINE, on)


def test_a_version_without_a_deadline_never_expires():
    check_version_in_force("TCVN ISO 9001:2015", None, date(2099, 1, 1))
