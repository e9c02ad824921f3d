"""The ledger's rules for one agency (reporting.model.ledger): its changes day by day, and the entries that take
it from one history to another."""

import uuid
from datetime import date
from types import SimpleNamespace

from reporting.model.ledger import COUNTERS, Contribution, History, entries, state_on, steps

AGENCY = uuid.uuid4()


def agency(**values):
    return SimpleNamespace(**{"agency_id": AGENCY, "agency_type": "SO", "admin_level": "TINH",
                              "obligation": "BAT_BUOC", "valid_from": None, "valid_to": None, **values})


def status(version, status, on, standard="TCVN_ISO_9001_2015", system=None):
    return SimpleNamespace(quality_system_id=system or AGENCY, version=version, agency_id=AGENCY, status=status,
                           standard_version=standard, changed_on=on)


def counted(history: History, on: date) -> dict:
    return {name: value for name, value in zip(COUNTERS, state_on(history, on), strict=True) if value}


def test_an_agency_counts_up_to_its_last_day_and_not_after():
    history = History(agency(valid_from=date(2020, 1, 1), valid_to=date(2025, 6, 30)))

    assert [(day, change[0]) for day, change in steps(history)] == [(date(2020, 1, 1), 1), (date(2025, 7, 1), -1)]


def test_the_latest_version_wins_even_when_its_date_is_earlier():
    history = History(agency(), statuses=[status(1, "DANG_AP_DUNG", date(2024, 5, 1)),
                                          status(2, "NGUNG_AP_DUNG", date(2024, 3, 1))])

    assert counted(history, date(2024, 4, 1)) == {"total": 1, "obliged": 1}
    assert counted(history, date(2024, 6, 1)) == {"total": 1, "obliged": 1}


def test_the_upkeep_of_a_year_stops_counting_when_the_next_year_begins():
    history = History(agency(), statuses=[status(1, "DANG_AP_DUNG", date(2020, 1, 1))],
                      upkeep={2024: date(2024, 10, 1)})

    changes = {day: dict(zip(COUNTERS, change, strict=True))["upkeep_done"] for day, change in steps(history)}

    assert (changes[date(2024, 10, 1)], changes[date(2025, 1, 1)]) == (1, -1)


def test_a_secretary_counts_trained_from_the_day_of_the_certificate_while_in_office():
    secretary = SimpleNamespace(officer_id=uuid.uuid4(), appointed_on=date(2024, 1, 1), removed_on=date(2024, 9, 1))
    history = History(agency(), secretaries=[secretary], certified={secretary.officer_id: [date(2024, 5, 1)]})

    assert counted(history, date(2024, 4, 30))["with_secretary"] == 1
    assert "trained_secretary" not in counted(history, date(2024, 4, 30))
    assert counted(history, date(2024, 5, 1))["trained_secretary"] == 1
    assert "with_secretary" not in counted(history, date(2024, 9, 1))


def test_a_change_of_type_moves_the_agency_to_its_new_group_and_takes_it_from_the_old():
    before = Contribution(("SO", "TINH"), [(date(2020, 1, 1), (1,) + (0,) * (len(COUNTERS) - 1))])
    after = Contribution(("CHI_CUC", "TINH"), before.steps)

    found = entries(before, after)

    assert {key[2]: change[0] for key, change in found.items() if key[0] == "D"} == {"SO": -1, "CHI_CUC": 1}
    assert {(key[0], key[1]) for key in found} == {("D", date(2020, 1, 1)), ("M", date(2020, 1, 1)),
                                                  ("Y", date(2020, 1, 1))}
