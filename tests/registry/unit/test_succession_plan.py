"""A province succession's plan for the predecessors' agencies: each agency valid the day before the effective date
gets one action; what the plan does not name takes the default or is reported unmapped; conflicts say why."""

from __future__ import annotations

import uuid
from datetime import date

import pytest

from kit.errors import Conflict, RuleViolated
from registry.model.successions import Action, AgencyRef, check_not_succeeded, check_provinces, last_day, plan

EFFECTIVE = date(2025, 7, 1)


def agency(name: str, agency_type: str = "SO", tenant: str = "binh-thuan", valid_to: date | None = None) -> AgencyRef:
    return AgencyRef(uuid.uuid5(uuid.NAMESPACE_DNS, f"{tenant}/{name}"), tenant, name, agency_type, date(2010, 1, 1),
                     valid_to)


SO, XA, HUYEN = agency("Sở 1"), agency("Xã 1", "UBND_XA"), agency("Huyện 1", "UBND_HUYEN", valid_to=date(2025, 6, 30))
GONE = agency("Sở cũ", valid_to=date(2020, 12, 31))
TARGET = agency("Sở 1 Lâm Đồng", tenant="lam-dong")


def test_the_records_of_a_predecessor_end_the_day_before():
    assert last_day(EFFECTIVE) == date(2025, 6, 30)


def test_every_agency_valid_on_the_last_day_gets_its_action_and_the_counts_by_type():
    outcome = plan(EFFECTIVE, [SO, XA, HUYEN, GONE], [TARGET], [
        {"agency_id": SO.id, "action": "merge", "into": TARGET.id},
        {"agency_id": XA.id, "action": "continue"},
        {"agency_id": HUYEN.id, "action": "end"}], None)

    assert outcome.executable
    assert [(s.agency.name, s.action, s.into) for s in outcome.steps] == [
        ("Sở 1", Action.MERGE, TARGET.id), ("Xã 1", Action.CONTINUE, None), ("Huyện 1", Action.END, None)]
    assert outcome.counts() == {"continue": {"UBND_XA": 1}, "end": {"UBND_HUYEN": 1}, "merge": {"SO": 1}}


def test_what_the_plan_does_not_name_takes_the_default_or_is_unmapped():
    unmapped = plan(EFFECTIVE, [SO, XA], [], [{"agency_id": SO.id, "action": "end"}], None)
    defaulted = plan(EFFECTIVE, [SO, XA], [], [{"agency_id": SO.id, "action": "end"}], Action.CONTINUE)

    assert (unmapped.executable, unmapped.unmapped) == (False, [XA])
    assert defaulted.executable and defaulted.counts() == {"continue": {"UBND_XA": 1}, "end": {"SO": 1}}


@pytest.mark.parametrize(("entry", "problem"), [
    ({"agency_id": GONE.id, "action": "end"}, "ended_before_the_effective_date"),
    ({"agency_id": TARGET.id, "action": "end"}, "not_an_agency_of_a_predecessor"),
    ({"agency_id": SO.id, "action": "merge"}, "merge_without_into"),
    ({"agency_id": SO.id, "action": "merge", "into": XA.id},
     "into_is_not_an_agency_of_the_successor_on_the_effective_date"),
    ({"agency_id": SO.id, "action": "continue", "into": TARGET.id}, "into_only_for_a_merge"),
])
def test_a_conflict_names_the_agency_and_the_reason(entry, problem):
    outcome = plan(EFFECTIVE, [SO, GONE], [TARGET], [entry], Action.END)

    assert not outcome.executable
    assert outcome.conflicts == [{"agency_id": entry["agency_id"], "problem": problem}]


def test_an_agency_named_twice_is_a_conflict():
    outcome = plan(EFFECTIVE, [SO], [], [{"agency_id": SO.id, "action": "end"}, {"agency_id": SO.id, "action": "end"}],
                   None)

    assert outcome.conflicts == [{"agency_id": SO.id, "problem": "named_twice"}]
    assert len(outcome.steps) == 1


def test_the_provinces_of_a_succession_are_checked():
    with pytest.raises(RuleViolated, match="succession_into_itself"):
        check_provinces("lam-dong", ["binh-thuan", "lam-dong"])
    with pytest.raises(RuleViolated, match="succession_without_predecessors"):
        check_provinces("lam-dong", [])
    with pytest.raises(RuleViolated, match="succession_predecessor_twice"):
        check_provinces("lam-dong", ["binh-thuan", "binh-thuan"])


def test_a_province_merges_once():
    check_not_succeeded("binh-thuan", None, "lam-dong")
    check_not_succeeded("binh-thuan", "lam-dong", "lam-dong")  # the same succession again
    with pytest.raises(Conflict, match="province_already_succeeded"):
        check_not_succeeded("binh-thuan", "khanh-hoa", "lam-dong")
