"""The demo classes (issue 18): every year to today, each class as far as its dates allow, dated in the past,
idempotent and resumable. A fresh province stands in for a demo province, with agencies and ISO secretaries in
its replica as the registry's events put them there."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, date, datetime

from contracts.training import ClassFinished
from tests.support.service import outbox
from training import demo
from training.services import classes, compliance, registrations

TODAY = date(2026, 6, 1)  # after May's secretaries' class, before September's leaders' class


def province(runtime, tenant: str, agencies: int = 15, secretaries: int = 10,
             appointed_on: date = date(2020, 3, 2)) -> None:
    for n in range(agencies):
        agency = uuid.uuid4()
        compliance.record_agency(runtime.uow(tenant), agency, 1, name=f"Sở số {n + 1:02d}")
        if n < secretaries:
            compliance.record_appointment(runtime.uow(tenant), officer_id=uuid.uuid4(), agency_id=agency,
                                          role="THU_KY_ISO", full_name=f"Trần Thị Thư Ký {n + 1}",
                                          appointed_on=appointed_on)


def by_title(runtime, tenant: str) -> dict:
    found = classes.list_classes(runtime.uow(tenant), page=1, page_size=100)
    return {c.title: c for c in found.items}


def title(course, year: int, number: int = 1) -> str:
    return demo.Planned(course, year, number, ()).title


def trained(runtime, tenant: str) -> int:
    """ISO secretaries of the replica who completed a qualifying class."""
    got = compliance.indicator(runtime.uow(tenant))
    return got.officers - got.untrained_officers


def people_of(runtime, tenant: str, class_id) -> list:
    return registrations.list_registrations(runtime.uow(tenant), demo.PROVINCE, page=1, page_size=100,
                                            class_id=class_id).items


class TestSeed:
    def test_every_year_to_today_has_its_classes_each_as_far_as_its_dates_allow(self, runtime, tenant):
        province(runtime, tenant)

        added = demo.seed(runtime.uow, tenant, 2024, TODAY)

        got = {name: c.status for name, c in by_title(runtime, tenant).items()}
        assert added == 5
        assert got == {
            title(demo.SECRETARIES_EVEN, 2024): "DA_QUYET_TOAN",
            title(demo.LEADERS, 2024): "DA_QUYET_TOAN",
            title(demo.SECRETARIES_ODD, 2025): "DA_QUYET_TOAN",
            title(demo.SECRETARIES_EVEN, 2026): "DA_KET_THUC",  # ended 13/5, settled a month later
            title(demo.LEADERS, 2026): "DU_KIEN",  # planned in January, opens in August
        }

    def test_every_secretary_is_trained_the_absentee_the_next_year(self, runtime, tenant):
        province(runtime, tenant, agencies=15, secretaries=12)

        demo.seed(runtime.uow, tenant, 2024, TODAY)

        found = by_title(runtime, tenant)
        first = people_of(runtime, tenant, found[title(demo.SECRETARIES_EVEN, 2024)].id)
        second = people_of(runtime, tenant, found[title(demo.SECRETARIES_ODD, 2025)].id)
        [absent] = [p for p in first if not p.completed]
        assert len(first) == 12 and all(p.officer_id for p in first)
        assert len([p for p in first if p.certificate_no]) == 11
        assert second[0].officer_id == absent.officer_id and second[0].completed  # then topped up to a class
        assert len(second) == demo.TOPPED_UP and trained(runtime, tenant) == 12

    def test_a_year_of_many_new_secretaries_has_several_classes(self, runtime, tenant):
        province(runtime, tenant, agencies=70, secretaries=70, appointed_on=date(2025, 1, 6))

        demo.seed(runtime.uow, tenant, 2025, TODAY)

        sizes = [len(people_of(runtime, tenant, by_title(runtime, tenant)[title(demo.SECRETARIES_ODD, 2025, n)].id))
                 for n in (1, 2)]
        assert sizes == [demo.CLASS_SIZE, 10]

    def test_before_any_secretary_is_appointed_former_secretaries_stand_in(self, runtime, tenant):
        province(runtime, tenant, secretaries=0)

        demo.seed(runtime.uow, tenant, 2025, TODAY)

        people = people_of(runtime, tenant, by_title(runtime, tenant)[title(demo.SECRETARIES_ODD, 2025)].id)
        assert len(people) == demo.TOPPED_UP
        assert {p.qms_role for p in people} == {"THU_KY_ISO"} and not any(p.officer_id for p in people)

    def test_every_event_is_dated_on_or_before_today(self, runtime, tenant):
        province(runtime, tenant)

        demo.seed(runtime.uow, tenant, 2024, TODAY)

        noon = datetime(2026, 6, 1, 5, tzinfo=UTC)  # 12:00 in Hà Nội
        times = [datetime.fromisoformat(m.payload["time"]) for m in outbox(runtime, tenant)]
        finished = [m.payload["data"]["finished_at"]
                    for m in outbox(runtime, tenant, event_type=ClassFinished.event_type)]
        assert times and max(times) <= noon
        assert sorted(f[:10] for f in finished) == ["2024-05-13", "2024-09-15", "2025-05-13", "2026-05-13"]


class TestRunningAgain:
    def test_a_second_run_the_same_day_adds_nothing(self, runtime, tenant):
        province(runtime, tenant)
        demo.seed(runtime.uow, tenant, 2025, TODAY)
        written = len(outbox(runtime, tenant))

        added = demo.seed(runtime.uow, tenant, 2025, TODAY)

        assert added == 0 and len(outbox(runtime, tenant)) == written

    def test_a_later_run_moves_the_open_classes_on(self, runtime, tenant):
        province(runtime, tenant)
        demo.seed(runtime.uow, tenant, 2026, TODAY)

        added = demo.seed(runtime.uow, tenant, 2026, date(2026, 10, 20))

        got = {name: c.status for name, c in by_title(runtime, tenant).items()}
        assert added == 0
        assert got == {title(demo.SECRETARIES_EVEN, 2026): "DA_QUYET_TOAN", title(demo.LEADERS, 2026): "DA_QUYET_TOAN"}


class TestWaitingForTheRegistry:
    def test_it_ends_once_the_agencies_are_in_and_no_secretary_arrives_for_a_while(self, runtime):
        province(runtime, "an-giang", agencies=demo.AGENCIES["an-giang"], secretaries=0)

        assert demo.wait_for_registry(runtime.uow, "an-giang", threading.Event(), poll=0.05, quiet=0.2) is True

    def test_it_gives_up_when_stopped(self, runtime, tenant):
        stop = threading.Event()
        stop.set()

        assert demo.wait_for_registry(runtime.uow, "thai-binh", stop) is False
