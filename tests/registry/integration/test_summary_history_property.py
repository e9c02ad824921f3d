"""For random sequences of quality-system commands on random dates, the summary as of any date equals the counts
computed in plain Python from the commands the registry accepted: on a day, a system has the status of the latest
accepted command dated on or before it, and an agency counts its newest system not stopped (property-based)."""

import json
import uuid
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import registry
from kit.errors import DomainError
from registry.orm import Agency
from registry.services import oversight, quality_systems, tenants
from registry.services.settings import set_province_setting

RULES = {r["agency_type"]: r["obligation"] for r in json.loads(
    (Path(registry.__file__).parent / "migrations/data/reference_2025.json").read_text())["obligation_rules"]}
ON_2008, ON_2015 = "TCVN_ISO_9001_2008", "TCVN_ISO_9001_2015"
IN_USE = {"DANG_AP_DUNG", "DA_CONG_BO", "CAN_CONG_BO_LAI", "DANG_CHUYEN_DOI"}
ANNOUNCED = {"DA_CONG_BO", "CAN_CONG_BO_LAI", "DANG_CHUYEN_DOI"}
FIGURES = ("total", "obliged", "applying", "announced", "on_2015")
# Days around the rules' own boundaries (new builds on 2008 until 2017, its transition deadline 30/6/2021).
DAYS = [date(2017, 6, 1), date(2017, 12, 31), date(2018, 1, 1), date(2019, 5, 1), date(2020, 3, 1),
        date(2021, 6, 30), date(2021, 7, 1), date(2022, 3, 1), date(2023, 9, 15), date(2024, 5, 1),
        date(2025, 7, 1)]
AS_OF = sorted({*DAYS, *(day - timedelta(days=1) for day in DAYS), date(2030, 1, 1)})
STEPS = {"start_building": "DANG_XAY_DUNG", "apply": "DANG_AP_DUNG", "announce": "DA_CONG_BO",
         "announce_2015": "DA_CONG_BO", "start_transition": "DANG_CHUYEN_DOI", "stop": "NGUNG_AP_DUNG"}
COMMANDS = ("create_2008", "create_2015", "change_scope", *STEPS)
# The commands that usually follow a status, so that most systems go deep into their lives; any command, on any
# day, is sent one time in four (most are refused, a stop never is).
NEXT = {None: ("create_2008", "create_2015"), "CHUA_XAY_DUNG": ("start_building",),
        "DANG_XAY_DUNG": ("apply",), "DANG_AP_DUNG": ("announce", "announce", "stop"),
        "DA_CONG_BO": ("change_scope", "start_transition"),
        "CAN_CONG_BO_LAI": ("announce", "start_transition", "stop"), "DANG_CHUYEN_DOI": ("announce_2015",)}


def draw_command(data, systems: list[list[tuple]]) -> tuple[str, date]:
    last = systems[-1][-1] if systems else None
    since, status = (last[0], last[1]) if last and last[1] != "NGUNG_AP_DUNG" else (DAYS[0], None)
    if data.draw(st.integers(0, 3), label="any command") == 0:
        return data.draw(st.sampled_from(COMMANDS)), data.draw(st.sampled_from(DAYS))
    command = data.draw(st.sampled_from(NEXT[status]))
    later = [day for day in DAYS if day >= since or status == "CHUA_XAY_DUNG"]  # building may be backdated
    return command, data.draw(st.sampled_from(later))


def run(runtime, tenant: str, agency_id: uuid.UUID, command: str, on: date) -> bool:
    """Send one command dated `on` (a system is put on record that day); whether the registry accepted it."""
    uow = runtime.uow(tenant)
    uow.clock = lambda: datetime.combine(on, time(12), tzinfo=UTC)
    announcement = {"decision_no": "1/QĐ", "decision_date": on, "reason": "CHUYEN_DOI_PHIEN_BAN"}
    calls = {
        "create_2008": lambda: quality_systems.create_quality_system(uow, agency_id, {"standard_version": ON_2008}),
        "create_2015": lambda: quality_systems.create_quality_system(uow, agency_id, {"standard_version": ON_2015}),
        "start_building": lambda: quality_systems.start_building(uow, agency_id, on=on),
        "apply": lambda: quality_systems.apply(uow, agency_id, on=on),
        "announce": lambda: quality_systems.announce(uow, agency_id, announcement),
        "announce_2015": lambda: quality_systems.announce(uow, agency_id, announcement | {"standard_version": ON_2015}),
        "change_scope": lambda: quality_systems.change_scope(uow, agency_id, on=on, reason="KHAC"),
        "start_transition": lambda: quality_systems.start_transition(uow, agency_id, on=on),
        "stop": lambda: quality_systems.stop(uow, agency_id, on=on, reason="KHAC"),
    }
    try:
        calls[command]()
    except DomainError:
        return False
    return True


def remember(systems: list[list[tuple]], command: str, on: date) -> None:
    """Add an accepted command to one agency's systems, each a list of (date, status, standard) steps."""
    if command.startswith("create_"):
        systems.append([(on, "CHUA_XAY_DUNG", ON_2008 if command == "create_2008" else ON_2015)])
        return
    steps = systems[-1]
    _, status, standard = steps[-1]
    if command == "change_scope":
        if status == "DA_CONG_BO":
            steps.append((on, "CAN_CONG_BO_LAI", standard))
        return
    if command == "announce_2015" and status == "DANG_CHUYEN_DOI":
        standard = ON_2015
    steps.append((on, STEPS[command], standard))


def on_day(steps: list[tuple], day: date) -> tuple | None:
    held = [step for step in steps if step[0] <= day]
    return held[-1] if held and held[-1][1] != "NGUNG_AP_DUNG" else None


def expected(agency_types: list[str], systems: list[list[list[tuple]]], day: date) -> dict:
    by_type: dict[str, Counter] = {}
    for agency_type, its_systems in zip(agency_types, systems, strict=True):
        held = [step for step in (on_day(steps, day) for steps in its_systems) if step is not None]
        _, status, standard = held[-1] if held else (None, None, None)
        figures = by_type.setdefault(agency_type, Counter())
        figures["total"] += 1
        figures["obliged"] += RULES[agency_type] in ("BAT_BUOC", "BAT_BUOC_THEO_KH_TINH")
        figures["applying"] += status in IN_USE
        figures["announced"] += status in ANNOUNCED
        figures["on_2015"] += status in IN_USE and standard == ON_2015
    return {t: {name: figures[name] for name in FIGURES} for t, figures in by_type.items()}


def new_province(runtime, agency_types: list[str]) -> tuple[str, list[uuid.UUID]]:
    tenant = f"p-{uuid.uuid4().hex[:10]}"
    tenants.create_tenant(runtime.uow(tenant), name="Tỉnh thử")
    set_province_setting(runtime.uow(tenant), "announce_requires_audits", "0")
    ids = [uuid.uuid4() for _ in agency_types]
    uow = runtime.uow(tenant)
    with uow:
        for agency_id, agency_type in zip(ids, agency_types, strict=True):
            uow.session.add(Agency(id=agency_id, name="Cơ quan", agency_type=agency_type, version=1,
                                   status="HOAT_DONG"))
        uow.commit()
    return tenant, ids


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(types=st.lists(st.sampled_from(["SO", "UBND_XA", "UBND_HUYEN"]), min_size=1, max_size=3), data=st.data())
def test_the_summary_as_of_any_date_matches_the_accepted_commands(runtime, types, data):
    tenant, ids = new_province(runtime, types)
    systems: list[list[list[tuple]]] = [[] for _ in types]
    for _ in range(data.draw(st.integers(0, 30), label="commands")):
        index = data.draw(st.integers(0, len(types) - 1), label="agency")
        command, on = draw_command(data, systems[index])
        if run(runtime, tenant, ids[index], command, on):
            remember(systems[index], command, on)

    for day in AS_OF:
        summary = oversight.summary(runtime.uow(tenant), day)

        assert summary["by_agency_type"] == expected(types, systems, day), day
