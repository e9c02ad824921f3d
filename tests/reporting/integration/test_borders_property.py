"""Random histories in several provinces and a random succession on a random date (property-based): on every date
the national totals under current borders equal those as reported (nothing gained, nothing lost), and a successor's
current figures are the sum of its lineage's figures as reported."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracts import registry as re
from reporting.services import national
from tests.reporting.conftest import feed
from tests.reporting.integration.test_figures_property import IN_USE, START, agencies, events_of

NOW = datetime(2026, 1, 5, tzinfo=UTC)
SUMMED = ("total", "obliged", "applying", "on_2015")


def standing(item: dict, day: int) -> tuple[str, str] | None:
    """The agency's quality system on `day` (status, standard), if one is in use."""
    past = [s for s in sorted(item["steps"]) if s[0] <= day]
    return (past[-1][1], past[-1][2]) if past and past[-1][1] in IN_USE else None


def succession_events(history: list[dict], effective: int, goes_on: list[bool], predecessor: str,
                      successor: str) -> tuple[list, list]:
    """The predecessor's agencies end the day before `effective` (a day number); those that go on start again in
    the successor that day with their quality system as it stood. Returns (predecessor's, successor's) events."""
    last_day, first_day = START + timedelta(days=effective - 1), START + timedelta(days=effective)
    old, new = [], []
    for item, on in zip(history, goes_on, strict=False):
        if item["ends"] is not None and item["ends"] < effective - 1:
            continue  # ended before: nothing to decide
        if not on:
            old.append(re.AgencyDissolved(agency_id=item["id"], version=9, dissolved_on=last_day, dissolved_at=NOW))
            continue
        successor_id = uuid.uuid4()
        old.append(re.AgencyMerged(agency_id=item["id"], version=9, successor_agency_id=successor_id,
                                   merged_on=last_day, decision="202/2025/QH15", merged_at=NOW))
        new.append(re.AgencyRegistered(agency_id=successor_id, version=1, name="Cơ quan", valid_from=first_day,
                                       agency_type=item["agency_type"], admin_level=item["admin_level"],
                                       obligation=item["obligation"], registered_at=NOW))
        if (system := standing(item, effective - 1)) is not None:
            new.append(re.QualitySystemStatusChanged(
                quality_system_id=uuid.uuid4(), agency_id=successor_id, version=1, status=system[0],
                standard_version=system[1], changed_on=first_day, changed_at=NOW))
    new.append(re.ProvinceSucceeded(succession_id=uuid.uuid4(), successor=successor, successor_name="Tỉnh Sau",
                                    predecessors=[predecessor], predecessor_names=["Tỉnh Trước"],
                                    effective_date=first_day, legal_basis="Nghị quyết 202/2025/QH15",
                                    executed_at=NOW))
    return old, new


def clamp(history: list[dict], effective: int) -> list[dict]:
    """A predecessor's agencies all began before the succession (none is registered in it afterwards)."""
    return [{**item, "starts": min(item["starts"], effective - 2) if item["starts"] is not None else None}
            for item in history]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(predecessor_history=agencies, successor_history=agencies, bystander_history=agencies,
       effective=st.integers(400, 2900), goes_on=st.lists(st.booleans(), min_size=10, max_size=10),
       day=st.integers(0, 3100))
def test_figures_are_conserved_across_borders(runtime, predecessor_history, successor_history, bystander_history,
                                              effective, goes_on, day):
    run = uuid.uuid4().hex[:8]
    predecessor, successor, bystander = f"p-{run}", f"s-{run}", f"b-{run}"
    predecessor_history = clamp(predecessor_history, effective)
    feed(runtime, predecessor, events_of(predecessor_history))
    feed(runtime, successor, events_of(successor_history))
    feed(runtime, bystander, events_of(bystander_history))
    old, new = succession_events(predecessor_history, effective, goes_on, predecessor, successor)
    feed(runtime, predecessor, old)
    feed(runtime, successor, new)

    def uow_for(tenant, lineage=False):
        return runtime.uow(tenant, lineage=lineage) if tenant is not None else runtime.across_tenants()

    ours = (predecessor, successor, bystander)
    for as_of in {START + timedelta(days=d) for d in (effective - 1, effective, day)} | {date.today()}:
        reported = national.national_figures(uow_for, as_of, START)
        current = national.national_figures(uow_for, as_of, START, current=True)
        for figure in SUMMED:
            assert current["total"][figure] == reported["total"][figure], (as_of, figure)
            lineage = sum(reported["provinces"][t][figure] for t in (predecessor, successor)
                          if t in reported["provinces"] and t in ours)
            if successor in current["provinces"]:
                assert current["provinces"][successor][figure] == lineage, (as_of, figure)
        assert predecessor not in current["provinces"]
        assert (predecessor in reported["provinces"]) == (as_of < START + timedelta(days=effective)) or not (
            predecessor_history)
