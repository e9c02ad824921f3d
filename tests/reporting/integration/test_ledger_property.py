"""The as-of ledgers (ADR 24) give the figures the reference computation gives from every detailed row, for random
histories (agencies and their recommendations: issued, closed, reopened, moved) delivered in any order and on random
dates around the 1/7/2025 reform and the days recommendations change; and the ledgers the projections kept equal the
ones the backfills compute afresh from the read models."""

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update

from contracts import inspections as ie
from contracts import registry as re
from contracts import training as te
from reporting import ledger
from reporting.model.ledger import COUNTERS
from reporting.model.recommendation_ledger import COUNTERS as RECOMMENDATION_COUNTERS
from reporting.orm import LedgerEntry, RecommendationLedgerEntry
from reporting.repository import flows
from reporting.services.verification import check, differences
from tests.reporting.conftest import feed, feed_in_batches

START = date(2024, 1, 1)  # 1/7/2025, the reform, is day 547
NOW = datetime(2024, 1, 1, tzinfo=UTC)
DAYS = st.integers(0, 1000)
STATUSES = ["DANG_XAY_DUNG", "DANG_AP_DUNG", "DA_CONG_BO", "CAN_CONG_BO_LAI", "DANG_CHUYEN_DOI", "NGUNG_AP_DUNG"]
STANDARDS = ["TCVN_ISO_9001_2008", "TCVN_ISO_9001_2015"]
# Where an off-by-one shows: the turns of the years (upkeep starts again) and the reform's eve and day.
EDGES = [(date(2024, 12, 31) - START).days, (date(2025, 1, 1) - START).days, (date(2025, 6, 30) - START).days,
         (date(2025, 7, 1) - START).days, (date(2026, 1, 1) - START).days]

# A system's statuses: (day, status, standard) in version order, the days in any order (entered after the fact).
system = st.lists(st.tuples(DAYS, st.sampled_from(STATUSES), st.sampled_from(STANDARDS)), min_size=1, max_size=4)
# A recommendation: the day it is issued, its deadline (days after; before the issue too), the gaps between its
# closures and reopenings (closed, reopened, closed...; 0: the same day), and whether it moves to another agency.
recommendation = st.tuples(DAYS, st.integers(-30, 200), st.lists(st.integers(0, 200), max_size=3), st.booleans())
officer = st.fixed_dictionaries({
    "role": st.sampled_from(["THU_KY_ISO", "DAI_DIEN_LANH_DAO"]), "appointed": DAYS, "removed": DAYS | st.none(),
    "certificates": st.lists(st.tuples(DAYS, st.booleans()), max_size=2)})
agency = st.fixed_dictionaries({
    "type": st.sampled_from(["SO", "UBND_XA", "UBND_HUYEN"]),
    "level": st.sampled_from(["TINH", "HUYEN", "XA"]) | st.none(),
    "obligation": st.sampled_from(["BAT_BUOC", "BAT_BUOC_THEO_KH_TINH", "KHUYEN_KHICH"]),
    "starts": DAYS | st.none(),
    "update": st.none() | st.tuples(st.sampled_from(["SO", "UBND_XA", "CHI_CUC"]), st.sampled_from(["TINH", "XA"]),
                                    st.sampled_from(["BAT_BUOC", "KHUYEN_KHICH"])),
    "ends": st.none() | st.tuples(st.sampled_from(["dissolved", "merged"]), DAYS),
    "systems": st.lists(system, max_size=2),
    # (year, the day of the year its upkeep was complete, or None): a record may also say a day of another year
    "upkeep": st.lists(st.tuples(st.sampled_from([2024, 2025]), st.integers(-20, 364) | st.none()), max_size=3),
    "officers": st.lists(officer, max_size=2),
    "announced": st.lists(st.tuples(st.sampled_from(["LAN_DAU", "CONG_BO_LAI"]), DAYS), max_size=2),
    "inspected": st.lists(st.tuples(st.sampled_from(["TRUC_TIEP_TAI_TRU_SO", "QUA_BAO_CAO_HO_SO"]), DAYS),
                          max_size=2),
    "recommendations": st.lists(recommendation, max_size=2),
})


def day(n: int) -> date:
    return START + timedelta(days=n)


def moment(n: int) -> datetime:
    """Noon in Việt Nam on day n (05:00 UTC), so the local day is day n."""
    return datetime.combine(day(n), time(5), tzinfo=UTC)


def events_of(items: list[dict]) -> list:
    return [event for item in items for event in agency_events(item)]


def agency_events(a: dict) -> list:
    agency_id = uuid.uuid4()
    events = [re.AgencyRegistered(agency_id=agency_id, version=1, name="Cơ quan", agency_type=a["type"],
                                  admin_level=a["level"], obligation=a["obligation"],
                                  valid_from=None if a["starts"] is None else day(a["starts"]), registered_at=NOW)]
    if a["update"]:
        kind, level, obligation = a["update"]
        events.append(re.AgencyUpdated(agency_id=agency_id, version=2, name="Cơ quan", agency_type=kind,
                                       admin_level=level, obligation=obligation, updated_at=NOW))
    if a["ends"] and a["ends"][0] == "dissolved":
        events.append(re.AgencyDissolved(agency_id=agency_id, version=3, dissolved_on=day(a["ends"][1]),
                                         dissolved_at=NOW))
    elif a["ends"]:
        events.append(re.AgencyMerged(agency_id=agency_id, version=3, successor_agency_id=uuid.uuid4(),
                                      merged_on=day(a["ends"][1]), merged_at=NOW))
    for n, statuses in enumerate(a["systems"]):
        events += system_events(agency_id, statuses, first_version=1 + 100 * n)
    events += [re.MaintenanceRecorded(record_id=uuid.uuid4(), quality_system_id=uuid.uuid4(), agency_id=agency_id,
                                      year=year, activity_type="DANH_GIA_NOI_BO", activity_date=date(year, 3, 1),
                                      recorded_at=NOW + timedelta(seconds=n),
                                      upkeep_completed_on=None if done is None else date(year, 1, 1) + timedelta(
                                          days=done))
               for n, (year, done) in enumerate(a["upkeep"])]
    for o in a["officers"]:
        events += officer_events(agency_id, o)
    events += [re.QualitySystemAnnounced(quality_system_id=uuid.uuid4(), agency_id=agency_id, version=1,
                                         announcement_id=uuid.uuid4(), kind=kind, decision_no="1/QĐ",
                                         decision_date=day(n), standard_version=STANDARDS[1], announced_at=NOW)
               for kind, n in a["announced"]]
    for form, n in a["inspected"]:
        inspection = uuid.uuid4()
        events += [ie.InspectionScheduled(inspection_id=inspection, agency_id=agency_id, form=form, kind="DINH_KY",
                                          scheduled_date=day(n), scheduled_at=NOW),
                   ie.InspectionConcluded(inspection_id=inspection, agency_id=agency_id, form=form,
                                          overall_result="DAT", conclusion_doc="1/TB", concluded_on=day(n),
                                          concluded_at=NOW)]
    for issued, deadline, flips, moved in a["recommendations"]:
        events += recommendation_events(agency_id, issued, deadline, flips, moved)
    return events


def recommendation_events(agency_id, issued: int, deadline: int, flips: list[int], moved: bool) -> list:
    recommendation, inspection, at = uuid.uuid4(), uuid.uuid4(), issued
    events = [ie.RecommendationIssued(recommendation_id=recommendation, inspection_id=inspection, agency_id=agency_id,
                                      description="Khắc phục", deadline=day(issued + deadline), issued_at=moment(at))]
    for n, gap in enumerate(flips):
        at += gap
        events.append(ie.RecommendationClosed(recommendation_id=recommendation, agency_id=agency_id,
                                              closed_at=moment(at)) if n % 2 == 0 else
                      ie.RecommendationReopened(recommendation_id=recommendation, agency_id=agency_id,
                                                reason="Chưa đạt", reopened_at=moment(at)))
    if moved:
        events.append(ie.RecommendationRetargeted(recommendation_id=recommendation, inspection_id=inspection,
                                                  from_agency_id=agency_id, agency_id=uuid.uuid4(),
                                                  retargeted_at=moment(at)))
    return events


def recommendation_days(items: list[dict]) -> list[int]:
    """The days a recommendation may change on, and the days before them: where off-by-one errors show."""
    days = set()
    for item in items:
        for issued, deadline, flips, _moved in item["recommendations"]:
            days |= {issued, issued + deadline + 1, *(issued + sum(flips[:k + 1]) for k in range(len(flips)))}
    return sorted(days | {n - 1 for n in days})


def system_events(agency_id, statuses: list, first_version: int) -> list:
    system_id = uuid.uuid4()
    return [re.QualitySystemStatusChanged(quality_system_id=system_id, agency_id=agency_id, version=version,
                                          status=status, standard_version=standard, changed_on=day(n),
                                          changed_at=NOW)
            for version, (n, status, standard) in enumerate(statuses, start=first_version)]


def officer_events(agency_id, o: dict) -> list:
    officer_id = uuid.uuid4()
    events = [re.OfficerAppointed(officer_id=officer_id, agency_id=agency_id, role=o["role"], full_name="Cán bộ",
                                  appointed_on=day(o["appointed"]), appointed_at=NOW)]
    if o["removed"] is not None:
        events.append(re.OfficerRemoved(officer_id=officer_id, agency_id=agency_id, role=o["role"],
                                        removed_on=day(o["removed"]), removed_at=NOW))
    for n, (issued, qualifies) in enumerate(o["certificates"]):
        events.append(te.CertificateIssued(
            certificate_id=uuid.uuid4(), number=f"{n}/GCN", year=day(issued).year, registration_id=uuid.uuid4(),
            class_id=uuid.uuid4(), agency_id=agency_id, full_name="Cán bộ", course_type="X", officer_id=officer_id,
            issued_at=datetime.combine(day(issued), time(5), tzinfo=UTC),
            qualifies_roles=["THU_KY_ISO"] if qualifies else []))
    return events


def ledger_rows(runtime, tenant: str) -> dict:
    """The province's ledger as the projections kept it, rows that came back to nothing left out."""
    with runtime.across_tenants() as uow:
        rows = uow.session.scalars(select(LedgerEntry).where(LedgerEntry.tenant_id == tenant))
        found = {(r.grain, r.period, r.agency_type, r.admin_level): tuple(getattr(r, n) for n in COUNTERS)
                 for r in rows}
    return {key: values for key, values in found.items() if any(values)}


def backfilled(runtime, tenant: str) -> dict:
    with runtime.across_tenants() as uow:
        return ledger.entries_from_rows(uow.session.connection(), tenant)


def recommendation_ledger_rows(runtime, tenant: str) -> dict:
    """The province's recommendations' ledger as the projection kept it, rows back to nothing left out."""
    e = RecommendationLedgerEntry
    with runtime.across_tenants() as uow:
        found = {(r.grain, r.period): tuple(getattr(r, n) for n in RECOMMENDATION_COUNTERS)
                 for r in uow.session.scalars(select(e).where(e.tenant_id == tenant))}
    return {key: values for key, values in found.items() if any(values)}


def recommendations_backfilled(runtime, tenant: str) -> dict:
    with runtime.across_tenants() as uow:
        return ledger.recommendation_entries_from_rows(uow.session.connection(), tenant)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(agency, min_size=1, max_size=6), order=st.randoms(use_true_random=False),
       dates=st.lists(st.tuples(DAYS, st.integers(0, 400)), min_size=1, max_size=4), data=st.data())
def test_the_ledger_gives_the_reference_figures_for_any_history_and_date(runtime, items, order: random.Random,
                                                                          dates, data):
    tenant = f"l-{uuid.uuid4().hex[:10]}"
    events = events_of(items)
    order.shuffle(events)  # the topics arrive in any order: a status before its agency, a closure before its issue
    feed(runtime, tenant, events)
    changes = recommendation_days(items)
    around = data.draw(st.lists(st.sampled_from(changes), max_size=4, unique=True) if changes else st.just([]),
                       label="recommendation days")

    for n, back in [*dates, *((edge, 0) for edge in [*EDGES, *around])]:
        as_of = day(n)
        start = max(date(as_of.year, 1, 1) - timedelta(days=back), START)
        assert differences(runtime.uow(tenant), as_of, start) == [], (as_of, start)
    assert ledger_rows(runtime, tenant) == backfilled(runtime, tenant)
    assert recommendation_ledger_rows(runtime, tenant) == recommendations_backfilled(runtime, tenant)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(items=st.lists(agency, min_size=1, max_size=6), order=st.randoms(use_true_random=False),
       sizes=st.lists(st.integers(1, 40), max_size=6))
def test_the_ledger_kept_in_poll_batches_equals_the_one_computed_afresh(runtime, items, order: random.Random, sizes):
    """A batch posts each agency's difference once at its end (kit.batching.at_end): an agency with several events
    in one batch, and events of one agency split across batches, add up to the same ledger."""
    tenant = f"b-{uuid.uuid4().hex[:10]}"
    events = events_of(items)
    order.shuffle(events)

    applied = feed_in_batches(runtime, tenant, events, sizes)

    assert all(applied), applied  # every batch in one transaction, none redone one message at a time
    assert ledger_rows(runtime, tenant) == backfilled(runtime, tenant)
    assert recommendation_ledger_rows(runtime, tenant) == recommendations_backfilled(runtime, tenant)


def test_the_ledger_counts_the_day_of_a_dissolution_and_not_the_day_after(runtime, tenant):
    agency_id = uuid.uuid4()
    feed(runtime, tenant, [
        re.AgencyRegistered(agency_id=agency_id, version=1, name="Phòng", agency_type="UBND_HUYEN",
                            admin_level="HUYEN", obligation="BAT_BUOC", registered_at=NOW),
        re.AgencyDissolved(agency_id=agency_id, version=2, dissolved_on=date(2025, 6, 30), dissolved_at=NOW)])

    with runtime.uow(tenant) as uow:
        on = ledger.groups_on(uow.session, date(2025, 6, 30))
        after = ledger.groups_on(uow.session, date(2025, 7, 1))

    assert [(kind, level, counters["total"]) for _, kind, level, counters in on] == [("UBND_HUYEN", "HUYEN", 1)]
    assert [counters["total"] for *_, counters in after] == [0]


def test_the_verification_names_a_ledger_out_of_step_with_the_read_models(runtime, tenant):
    agency_id = uuid.uuid4()
    feed(runtime, tenant, [re.AgencyRegistered(agency_id=agency_id, version=1, name="Sở", agency_type="SO",
                                               admin_level="TINH", obligation="BAT_BUOC", registered_at=NOW)])
    as_of = date(2025, 3, 1)
    assert check(lambda t: runtime.uow(t), [tenant], [as_of]) == []
    with runtime.across_tenants() as uow:  # a change the projections did not make
        uow.session.execute(update(LedgerEntry).where(LedgerEntry.tenant_id == tenant, LedgerEntry.grain == "Y")
                            .values(total=LedgerEntry.total + 1))
        uow.commit()

    found = check(lambda t: runtime.uow(t), [tenant], [as_of])

    assert f"{tenant} 2025-03-01 total: ledger 2 != reference 1" in found
    assert f"{tenant} 2025-03-01 by_agency_type.SO.total: ledger 2 != reference 1" in found


def test_the_verification_names_a_recommendations_ledger_out_of_step(runtime, tenant):
    feed(runtime, tenant, recommendation_events(uuid.uuid4(), issued=400, deadline=10, flips=[], moved=False))
    as_of = day(800)  # in the year after the issue's: its year entry counts
    assert check(lambda t: runtime.uow(t), [tenant], [as_of]) == []
    e = RecommendationLedgerEntry
    with runtime.across_tenants() as uow:  # a change the projection did not make
        uow.session.execute(update(e).where(e.tenant_id == tenant, e.grain == "Y").values(open=e.open + 1))
        uow.commit()

    found = check(lambda t: runtime.uow(t), [tenant], [as_of])

    assert found == [f"{tenant} {as_of.isoformat()} recommendations.open: ledger 2 != reference 1"]


def test_a_recommendation_counts_open_until_its_closure_and_overdue_after_its_deadline(runtime, tenant):
    feed(runtime, tenant, recommendation_events(uuid.uuid4(), issued=10, deadline=20, flips=[30, 5, 40],
                                                moved=True))

    with runtime.uow(tenant) as uow:
        counted = {n: flows.by_province(uow.session, day(n), START).get(tenant, flows.empty())["recommendations"]
                   for n in (9, 10, 30, 31, 39, 40, 44, 45, 84, 85)}

    assert counted == {9: {"open": 0, "overdue": 0}, 10: {"open": 1, "overdue": 0}, 30: {"open": 1, "overdue": 0},
                       31: {"open": 1, "overdue": 1}, 39: {"open": 1, "overdue": 1}, 40: {"open": 0, "overdue": 0},
                       44: {"open": 0, "overdue": 0}, 45: {"open": 1, "overdue": 1}, 84: {"open": 1, "overdue": 1},
                       85: {"open": 0, "overdue": 0}}
