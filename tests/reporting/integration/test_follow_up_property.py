"""Inspection, recommendation, upkeep, training and budget figures equal counts made straight from a random
history of events (property-based), as the registry figures do in test_figures_property."""

import uuid
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracts import budget as be
from contracts import inspections as ie
from contracts import registry as re
from contracts import training as te
from reporting.services.figures import province_figures
from tests.reporting.conftest import feed

START = date(2020, 1, 1)
NOW = datetime(2020, 1, 1, tzinfo=UTC)
ON_SITE, REVIEW = "TRUC_TIEP_TAI_TRU_SO", "QUA_BAO_CAO_HO_SO"
DAYS = st.integers(0, 700)
UPKEEP = {"DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO"}  # what the registry in this history requires every year


def completed_on(records: list) -> date | None:
    """The registry's rule, written out here: the last of the first days of each required activity type."""
    first = {kind: min(day(n) for k, n in records if k == kind) for kind in {k for k, _ in records} & UPKEEP}
    return max(first.values()) if set(first) == UPKEEP else None


def day(n: int) -> date:
    return START + timedelta(days=n)


def moment(n: int) -> datetime:
    """Noon in Việt Nam on day n (05:00 UTC), so the local day is day n."""
    return datetime.combine(day(n), time(5), tzinfo=UTC)


agency = st.fixed_dictionaries({
    "obliged": st.booleans(),
    "applying_from": DAYS | st.none(),
    "upkeep": st.lists(st.tuples(st.sampled_from(["DANH_GIA_NOI_BO", "XEM_XET_LANH_DAO", "KHAC"]), DAYS),
                       max_size=3),
    "secretary": st.fixed_dictionaries({
        "appointed": DAYS, "removed": DAYS | st.none(),
        "certificates": st.lists(st.tuples(DAYS, st.booleans()), max_size=2)}),
    "inspections": st.lists(st.fixed_dictionaries({
        "form": st.sampled_from([ON_SITE, REVIEW]), "planned": st.booleans(), "scheduled": DAYS,
        "end": st.sampled_from(["open", "concluded", "cancelled"]), "after": st.integers(0, 90),
        "recommendations": st.lists(st.tuples(st.integers(0, 200), st.lists(st.integers(1, 120), max_size=3)),
                                    min_size=1, max_size=2)}), min_size=1, max_size=2),
})
history = st.fixed_dictionaries({
    "agencies": st.lists(agency, min_size=1, max_size=5),
    "plan_year": st.sampled_from([2020, 2021]),
    "classes": st.lists(st.tuples(DAYS, st.sampled_from(["SCHEDULED", "FINISHED", "CANCELLED"]),
                                  st.integers(0, 40), st.integers(0, 40)), max_size=3),
    "lines": st.lists(st.tuples(st.sampled_from([2020, 2021]), st.sampled_from(["DAO_TAO", "KIEM_TRA"]),
                                st.integers(0, 10**9), st.lists(st.integers(0, 10**9), max_size=3)), max_size=3),
})


def events_of(h: dict) -> list:
    plan = uuid.uuid4()
    events = [ie.PlanApproved(plan_id=plan, year=h["plan_year"], approving_doc="1/KH-UBND",
                              target_agency_ids=[], approved_at=NOW)]
    for a in h["agencies"]:
        a["id"] = agency_id = uuid.uuid4()
        events.append(re.AgencyRegistered(agency_id=agency_id, version=1, name="Cơ quan", agency_type="SO",
                                          obligation="BAT_BUOC" if a["obliged"] else "KHUYEN_KHICH",
                                          registered_at=NOW))
        system = uuid.uuid4()
        if a["applying_from"] is not None:
            events.append(re.QualitySystemStatusChanged(
                quality_system_id=system, agency_id=agency_id, version=1, status="DANG_AP_DUNG",
                standard_version="TCVN_ISO_9001_2015", changed_on=day(a["applying_from"]), changed_at=NOW))
        for count, (kind, n) in enumerate(a["upkeep"], 1):  # each says the year's completion known when recorded
            year = [(k, m) for k, m in a["upkeep"][:count] if day(m).year == day(n).year]
            events.append(re.MaintenanceRecorded(
                record_id=uuid.uuid4(), quality_system_id=system, agency_id=agency_id, year=day(n).year,
                activity_type=kind, activity_date=day(n), recorded_at=NOW + timedelta(seconds=count),
                upkeep_completed_on=completed_on(year)))
        events += secretary_events(a, agency_id)
        for i in a["inspections"]:
            events += inspection_events(i, agency_id, plan if i["planned"] else None)
    for n, (first, status, participants, completed) in enumerate(h["classes"]):
        class_id = uuid.uuid4()
        events.append(te.ClassScheduled(class_id=class_id, year=day(first).year, title=f"Lớp {n}",
                                        course_type="NHAN_THUC_CHUNG", capacity=40, first_day=day(first),
                                        last_day=day(first + 2), session_count=2, cost_estimate=0,
                                        scheduled_at=NOW))
        if status == "FINISHED":
            events.append(te.ClassFinished(class_id=class_id, course_type="NHAN_THUC_CHUNG",
                                           participants=participants, completed=completed, finished_at=NOW))
        elif status == "CANCELLED":
            events.append(te.ClassCancelled(class_id=class_id, reason="Hủy", cancelled_at=NOW))
    for year, category, estimate, totals in h["lines"]:
        line = uuid.uuid4()
        events.append(be.LineEstimated(line_id=line, fiscal_year=year, category=category, funding_source="NS_TINH",
                                       estimate=estimate, cap_check="KHONG_XAC_DINH", estimated_at=NOW))
        events += [be.LineDisbursed(line_id=line, expenditure_id=uuid.uuid4(), fiscal_year=year, category=category,
                                    amount=1, disbursed_total=total, origin="MANUAL", spent_on=START,
                                    disbursed_at=NOW) for total in totals]
    return events


def secretary_events(a: dict, agency_id) -> list:
    s = a["secretary"]
    if s is None:
        return []
    s["id"] = officer = uuid.uuid4()
    events = [re.OfficerAppointed(officer_id=officer, agency_id=agency_id, role="THU_KY_ISO", full_name="Thư ký",
                                  appointed_on=day(s["appointed"]), appointed_at=NOW)]
    if s["removed"] is not None:
        events.append(re.OfficerRemoved(officer_id=officer, agency_id=agency_id, role="THU_KY_ISO",
                                        removed_on=day(s["removed"]), removed_at=NOW))
    for n, (issued, qualifies) in enumerate(s["certificates"]):
        events.append(te.CertificateIssued(
            certificate_id=uuid.uuid4(), number=f"{n}/GCN", year=day(issued).year, registration_id=uuid.uuid4(),
            class_id=uuid.uuid4(), agency_id=agency_id, full_name="Thư ký", course_type="X", officer_id=officer,
            issued_at=moment(issued), qualifies_roles=["THU_KY_ISO"] if qualifies else []))
    return events


def inspection_events(i: dict, agency_id, plan) -> list:
    inspection = uuid.uuid4()
    events = [ie.InspectionScheduled(inspection_id=inspection, plan_id=plan, agency_id=agency_id, form=i["form"],
                                     kind="DINH_KY", scheduled_date=day(i["scheduled"]), scheduled_at=NOW)]
    if i["end"] == "concluded":
        events.append(ie.InspectionConcluded(inspection_id=inspection, plan_id=plan, agency_id=agency_id,
                                             form=i["form"], overall_result="DAT", conclusion_doc="1/TB",
                                             concluded_on=day(i["scheduled"] + i["after"]), concluded_at=NOW))
    elif i["end"] == "cancelled":
        events.append(ie.InspectionCancelled(inspection_id=inspection, agency_id=agency_id, reason="Hoãn",
                                             cancelled_at=NOW))
    for issued, flips in i["recommendations"]:
        recommendation, at = uuid.uuid4(), i["scheduled"] + issued
        events.append(ie.RecommendationIssued(recommendation_id=recommendation, inspection_id=inspection,
                                              agency_id=agency_id, description="Khắc phục", deadline=day(at + 30),
                                              issued_at=moment(at)))
        for n, gap in enumerate(flips):  # closed, reopened, closed...
            at += gap
            kind = ie.RecommendationClosed if n % 2 == 0 else ie.RecommendationReopened
            extra = {"closed_at": moment(at)} if n % 2 == 0 else {"reason": "Chưa đạt", "reopened_at": moment(at)}
            events.append(kind(recommendation_id=recommendation, agency_id=agency_id, **extra))
    return events


def expected(h: dict, as_of: date, start: date) -> dict:
    """The figures counted straight from the history, with no code shared with the service."""
    n = (as_of - START).days
    in_period = range((start - START).days, n + 1)
    applying = [a for a in h["agencies"] if a["applying_from"] is not None and a["applying_from"] <= n]
    upkeep = sum(1 for a in applying
                 if (done := completed_on([(k, d) for k, d in a["upkeep"] if day(d).year == as_of.year]))
                 and done <= as_of)
    secretaries = [a for a in h["agencies"] if a["secretary"] and a["secretary"]["appointed"] <= n
                   and (a["secretary"]["removed"] is None or a["secretary"]["removed"] > n)]
    trained = sum(1 for a in secretaries if any(q and d <= n for d, q in a["secretary"]["certificates"]))
    inspections = [i for a in h["agencies"] for i in a["inspections"]]
    done = [i for i in inspections if i["end"] == "concluded" and i["scheduled"] + i["after"] in in_period]
    planned_year = [i for i in inspections if i["planned"] and i["end"] != "cancelled"]
    obliged = [a for a in h["agencies"] if a["obliged"]]
    visited = sum(1 for a in obliged if any(i["form"] == ON_SITE and i["end"] == "concluded"
                                            and i["scheduled"] + i["after"] in in_period for i in a["inspections"]))
    open_, overdue = 0, 0
    for i in inspections:
        for issued, flips in i["recommendations"]:
            at = i["scheduled"] + issued
            if at > n:
                continue
            closed, moment_ = False, at
            for k, gap in enumerate(flips):
                moment_ += gap
                if moment_ <= n:
                    closed = k % 2 == 0
            open_ += not closed
            overdue += not closed and at + 30 < n
    classes = [c for c in h["classes"] if c[0] + 2 in in_period]
    finished = [c for c in classes if c[1] == "FINISHED"]
    money = Counter()
    for year, category, estimate, totals in h["lines"]:
        if year == as_of.year:
            money[(category, "estimate")] += estimate
            money[(category, "disbursed")] += totals[-1] if totals else 0
    return {
        "upkeep": (upkeep, len(applying)), "trained": (trained, len(secretaries)),
        "done": len(done), "on_site": sum(1 for i in done if i["form"] == ON_SITE),
        "plan_year": (len(planned_year) if h["plan_year"] == as_of.year else 0,
                      sum(1 for i in planned_year if i["form"] == ON_SITE) if h["plan_year"] == as_of.year else 0),
        "on_site_of_obliged": (visited, len(obliged)), "recommendations": (open_, overdue),
        "classes": (len([c for c in classes if c[1] != "CANCELLED"]), len(finished),
                    sum(c[2] for c in finished), sum(c[3] for c in finished)),
        "money": dict(money),
    }


def edges(h: dict) -> list[int]:
    """The days on which something happens in the history, and the day after each: where off-by-one errors show."""
    days = {0}
    for a in h["agencies"]:
        days |= {a["applying_from"] or 0, *(d for _, d in a["upkeep"])}
        if a["secretary"]:
            s = a["secretary"]
            days |= {s["appointed"], s["removed"] or 0, *(d for d, _ in s["certificates"])}
        for i in a["inspections"]:
            days |= {i["scheduled"], i["scheduled"] + i["after"]}
            for issued, flips in i["recommendations"]:
                at = i["scheduled"] + issued
                days |= {at, at + 30, *(at + sum(flips[:k + 1]) for k in range(len(flips)))}
    return sorted(days | {d + 1 for d in days})


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(h=history, span=st.integers(0, 400), data=st.data())
def test_the_follow_up_figures_match_the_history(runtime, h, span, data):
    tenant = f"f-{uuid.uuid4().hex[:10]}"
    feed(runtime, tenant, events_of(h))
    days = data.draw(st.lists(st.sampled_from(edges(h)), min_size=1, max_size=8, unique=True), label="as_of days")

    for at in days:
        as_of = day(at)
        start = max(START, as_of - timedelta(days=span))
        got = province_figures(runtime.uow(tenant), as_of, start)
        assert_figures(got, expected(h, as_of, start))


def assert_figures(got: dict, want: dict) -> None:
    inspections, training = got["inspections"], got["training"]
    assert (got["upkeep"]["done"], got["upkeep"]["of"]) == want["upkeep"]
    assert (training["trained_secretaries"]["done"], training["trained_secretaries"]["of"]) == want["trained"]
    assert (inspections["done"], inspections["on_site"]) == (want["done"], want["on_site"])
    assert (inspections["plan_year"]["scheduled"], inspections["plan_year"]["scheduled_on_site"]) == \
        want["plan_year"]
    assert (inspections["on_site_of_obliged"]["done"], inspections["on_site_of_obliged"]["of"]) == \
        want["on_site_of_obliged"]
    assert (got["recommendations"]["open"], got["recommendations"]["overdue"]) == want["recommendations"]
    assert (training["classes"], training["finished"], training["participants"], training["completed"]) == \
        want["classes"]
    assert {(c, name): v[name] for c, v in got["budget"]["by_category"].items()
            for name in ("estimate", "disbursed")} == want["money"]
