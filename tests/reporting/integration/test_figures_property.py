"""Each figure equals a count computed straight from a random history of events (property-based)."""

import uuid
from datetime import UTC, date, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contracts import registry as re
from reporting.services.figures import province_figures
from tests.reporting.conftest import feed

NOW = datetime(2025, 1, 1, tzinfo=UTC)
START = date(2018, 1, 1)
STATUSES = ["DANG_XAY_DUNG", "DANG_AP_DUNG", "DA_CONG_BO", "CAN_CONG_BO_LAI", "DANG_CHUYEN_DOI", "NGUNG_AP_DUNG"]
IN_USE = {"DANG_AP_DUNG", "DA_CONG_BO", "CAN_CONG_BO_LAI", "DANG_CHUYEN_DOI"}

steps = st.lists(st.tuples(st.integers(0, 2500), st.sampled_from(STATUSES),
                           st.sampled_from(["TCVN_ISO_9001_2008", "TCVN_ISO_9001_2015"])), max_size=4)
agencies = st.lists(st.fixed_dictionaries({
    "agency_type": st.sampled_from(["SO", "UBND_XA", "UBND_HUYEN", "CHI_CUC"]),
    "admin_level": st.sampled_from(["TINH", "HUYEN", "XA"]),
    "obligation": st.sampled_from(["BAT_BUOC", "BAT_BUOC_THEO_KH_TINH", "KHUYEN_KHICH"]),
    "starts": st.integers(0, 2500) | st.none(),
    "ends": st.integers(0, 2800) | st.none(),
    "steps": steps,
}), max_size=10)


def events_of(history: list[dict]) -> list:
    events = []
    for item in history:
        agency, system = uuid.uuid4(), uuid.uuid4()
        item["id"] = agency
        valid_from = START + timedelta(days=item["starts"]) if item["starts"] is not None else None
        events.append(re.AgencyRegistered(agency_id=agency, version=1, name="Cơ quan", agency_type=item["agency_type"],
                                          admin_level=item["admin_level"], obligation=item["obligation"],
                                          valid_from=valid_from, registered_at=NOW))
        for version, (day, status, standard) in enumerate(sorted(item["steps"]), start=1):
            events.append(re.QualitySystemStatusChanged(
                quality_system_id=system, agency_id=agency, version=version, status=status,
                standard_version=standard, changed_on=START + timedelta(days=day), changed_at=NOW))
        if item["ends"] is not None:
            events.append(re.AgencyDissolved(agency_id=agency, version=2, dissolved_on=START + timedelta(
                days=item["ends"]), dissolved_at=NOW))
    return events


def expected(history: list[dict], as_of: date) -> dict:
    day = (as_of - START).days
    counts = {"total": 0, "obliged": 0, "applying": 0, "on_2015": 0, "ever_2008": 0, "done_2015": 0, "levels": {}}
    for item in history:
        if (item["starts"] or 0) > day or (item["ends"] is not None and item["ends"] < day):
            continue
        past = [s for s in sorted(item["steps"]) if s[0] <= day]
        now = past[-1] if past and past[-1][1] != "NGUNG_AP_DUNG" else None
        counts["total"] += 1
        counts["levels"][item["admin_level"]] = counts["levels"].get(item["admin_level"], 0) + 1
        counts["obliged"] += item["obligation"] != "KHUYEN_KHICH"
        counts["applying"] += bool(now) and now[1] in IN_USE
        counts["on_2015"] += bool(now) and now[1] in IN_USE and now[2].endswith("2015")
        was_2008 = any(s[2].endswith("2008") for s in past)
        counts["ever_2008"] += was_2008
        counts["done_2015"] += was_2008 and bool(now) and now[1] in IN_USE and now[2].endswith("2015")
    return counts


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=agencies, day=st.integers(0, 2800))
def test_the_figures_match_the_history(runtime, history, day):
    tenant = f"h-{uuid.uuid4().hex[:10]}"
    feed(runtime, tenant, events_of(history))
    as_of = START + timedelta(days=day)

    got = province_figures(runtime.uow(tenant), as_of, START)

    want = expected(history, as_of)
    assert (got["total"], got["obliged"], got["applying"], got["on_2015"]) == (
        want["total"], want["obliged"], want["applying"], want["on_2015"])
    assert (got["transition"]["completed"], got["transition"]["of"]) == (want["done_2015"], want["ever_2008"])
    assert {level: g["total"] for level, g in got["by_admin_level"].items()} == want["levels"]
    assert sum(g["applying"] for g in got["by_admin_level"].values()) == want["applying"]
