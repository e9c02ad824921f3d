"""The per-province summary equals counts computed straight from the records (property-based)."""

import json
import uuid
from collections import Counter
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import registry
from contracts.registry import AgencyType, QualitySystemStatus
from registry import repository
from registry.orm import Agency, QualitySystem
from registry.services import oversight, tenants

RULES = {r["agency_type"]: r["obligation"] for r in json.loads(
    (Path(registry.__file__).parent / "migrations/data/reference_2025.json").read_text())["obligation_rules"]}
IN_USE = {"DANG_AP_DUNG", "DA_CONG_BO", "CAN_CONG_BO_LAI", "DANG_CHUYEN_DOI"}
ANNOUNCED = {"DA_CONG_BO", "CAN_CONG_BO_LAI", "DANG_CHUYEN_DOI"}

agencies = st.lists(st.fixed_dictionaries({
    "agency_type": st.sampled_from([t.value for t in AgencyType]),
    "override": st.sampled_from([None, "BAT_BUOC", "KHUYEN_KHICH", "KHONG_AP_DUNG"]),
    "valid_from": st.sampled_from([None, date(2019, 1, 1), date(2025, 7, 1)]),
    "valid_to": st.sampled_from([None, None, date(2025, 6, 30)]),
    "status": st.sampled_from([None, *(s.value for s in QualitySystemStatus)]),
    "standard": st.sampled_from(["TCVN_ISO_9001_2008", "TCVN_ISO_9001_2015"]),
    "old_stopped_system": st.booleans(),
}), max_size=15)


def expected(rows: list[dict], as_of: date) -> dict:
    by_type: dict[str, Counter] = {}
    for row in rows:
        if (row["valid_from"] or date.min) > as_of or (row["valid_to"] or date.max) < as_of:
            continue
        status = None if row["status"] == "NGUNG_AP_DUNG" else row["status"]
        figures = by_type.setdefault(row["agency_type"], Counter())
        figures["total"] += 1
        figures["obliged"] += (row["override"] or RULES[row["agency_type"]]) in ("BAT_BUOC", "BAT_BUOC_THEO_KH_TINH")
        figures["applying"] += status in IN_USE
        figures["announced"] += status in ANNOUNCED
        figures["on_2015"] += status in IN_USE and row["standard"] == "TCVN_ISO_9001_2015"
    names = ("total", "obliged", "applying", "announced", "on_2015")
    return {t: {n: figures[n] for n in names} for t, figures in by_type.items()}


def store(runtime, tenant: str, rows: list[dict]) -> None:
    uow = runtime.uow(tenant)
    with uow:
        for row in rows:
            agency = Agency(id=uuid.uuid4(), name="Cơ quan", agency_type=row["agency_type"], version=1,
                            status="HOAT_DONG", valid_from=row["valid_from"], valid_to=row["valid_to"],
                            obligation_override=row["override"], obligation_decision_no="1/KH-UBND" if row[
                                "override"] else None, obligation_decision_date=date(2021, 1, 1))
            uow.session.add(agency)
            systems = [row["status"]] + (["NGUNG_AP_DUNG"] if row["old_stopped_system"] else [])
            for status in filter(None, systems):
                system = QualitySystem(id=uuid.uuid4(), agency_id=agency.id, status=status,
                                       standard_version=row["standard"], status_since=date(2018, 1, 1))
                uow.session.add(system)
                repository.record_status(uow.session, system)  # in place since before every date asked
        uow.commit()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=agencies, as_of=st.sampled_from([date(2025, 6, 30), date(2025, 7, 1), date(2018, 12, 31)]))
def test_the_summary_matches_the_records(runtime, rows, as_of):
    tenant = f"p-{uuid.uuid4().hex[:10]}"
    tenants.create_tenant(runtime.uow(tenant), name="Tỉnh thử")
    store(runtime, tenant, rows)

    summary = oversight.summary(runtime.uow(tenant), as_of)

    want = expected(rows, as_of)
    assert summary["by_agency_type"] == want
    for name in ("total", "obliged", "applying", "announced", "on_2015"):
        assert summary[name] == sum(figures[name] for figures in want.values())
