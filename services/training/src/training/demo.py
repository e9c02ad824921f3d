"""Demo training that continues the seed articles' provinces to today (issue 18), for `make run` and `make up`.

Every year of a demo province (`contracts.demo.years`: from its first demo year to the current one; to 2024 for
Bình Thuận and Thái Bình, merged on 1/7/2025, and from 2026 for their successors), each demo province trains its ISO
secretaries in May (the management representative and ISO secretary course in even years, the internal auditor
course in odd ones): those appointed by then and not trained yet, a class of up to sixty each, topped up with
earlier ones in turn when only a few are new; in even years six agency leaders also take an awareness course in
September. One participant of each secretaries' class misses the second day, gets no certificate and comes back
the next year: the realistic exception, with this year's new appointees after May.

A class goes through its whole life on its own dates (planned in January, opened, nominations, list closed,
sessions with attendance, finished, certificates a week later, settled a month later) as far as today allows,
so the current year's classes are finished, running or open depending on the day. The secretaries are the
registry's, as they reached this service's replica through events; when there are none yet (early years) the
agencies' former secretaries stand in, without an appointment. Every record goes through the use cases, with
the unit of work's clock set to the step's business date, so the events (and budget's costs) carry dates in the
past. Idempotent by class title, and resumable: a class left open or running moves on when its dates come.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta

from contracts.demo import AGENCIES, REORGANISED, chosen, merged, years
from contracts.registry import OfficerRole
from contracts.training import QmsRole
from kit import lineage
from kit.tenancy import tenant_id
from training import repository
from training.model import LOCAL, Actor
from training.model import ClassStatus as S
from training.services import attendance, certificates, classes, registrations

CLASS_SIZE, FEW, TOPPED_UP, LEADERS_PER_CLASS = 60, 5, 8, 6
ABSENT = 4  # the fifth participant of a class of two days or more misses the second day
QUIET_SECONDS = 3.0  # secretaries arrive with their agencies; this long without a new one and they are all in
PROVINCE = Actor(subject="demo-officer")
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ")
MIDDLE = ("Văn", "Thị", "Minh", "Thanh", "Ngọc", "Hữu", "Đức", "Thu")
GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khoa", "Lan", "Long", "Mai", "Nam", "Phúc",
         "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Vy", "Yến")
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Course:
    course_type: str
    title: str
    month: int
    day: int
    days: int
    cost: int


SECRETARIES_EVEN = Course("DAI_DIEN_LANH_DAO_THU_KY_ISO", "Lớp đại diện lãnh đạo và thư ký ISO", 5, 12, 2, 36_000_000)
SECRETARIES_ODD = Course("CHUYEN_GIA_DANH_GIA_NOI_BO", "Lớp chuyên gia đánh giá nội bộ", 5, 12, 2, 32_000_000)
LEADERS = Course("NHAN_THUC_CHUNG", "Lớp nhận thức chung về HTQLCL cho lãnh đạo", 9, 15, 1, 18_000_000)


@dataclass(frozen=True)
class Person:
    agency_id: uuid.UUID
    person_id: str
    full_name: str
    qms_role: str
    officer_id: uuid.UUID | None = None


@dataclass(frozen=True)
class Planned:
    """One class of the plan: its course, year, number in the year and participants in nomination order."""

    course: Course
    year: int
    number: int
    people: tuple[Person, ...]

    @property
    def title(self) -> str:
        return f"{self.course.title} năm {self.year}, khóa {self.number} (dữ liệu minh họa)"


def sessions_of(course: Course, year: int) -> list[dict]:
    """One session a day, 08:00-11:30 Hà Nội time, from the course's first day."""
    first = datetime(year, course.month, course.day, 8, tzinfo=LOCAL)
    return [{"starts_at": (first + timedelta(days=n)).astimezone(UTC),
             "ends_at": (first + timedelta(days=n, hours=3, minutes=30)).astimezone(UTC)} for n in range(course.days)]


def plan(first: int, last: int, agencies: list, secretaries: list) -> list[Planned]:
    """The province's classes from `first` to `last`: `agencies` are (id, name) pairs and `secretaries` officer
    rows of the replica (with `appointed_on`), both in a stable order."""
    trained: set = set()
    planned = []
    for year in range(first, last + 1):
        course = SECRETARIES_EVEN if year % 2 == 0 else SECRETARIES_ODD
        groups = _secretaries_of(year, course, secretaries, trained)
        for number, group in enumerate(groups, start=1):
            trained |= {o.id for n, o in enumerate(group) if n != ABSENT}
            people = [_appointed(o) for o in group] or [_stand_in(a, "former-secretary", QmsRole.THU_KY_ISO)
                                                        for a in in_turn(agencies, year, TOPPED_UP)]
            planned.append(Planned(course, year, number, tuple(people)))
        if year % 2 == 0:
            leaders = [_stand_in(a, "leader", QmsRole.LANH_DAO) for a in in_turn(agencies, year, LEADERS_PER_CLASS)]
            planned.append(Planned(LEADERS, year, 1, tuple(leaders)))
    return planned


def _secretaries_of(year: int, course: Course, secretaries: list, trained: set) -> list[list]:
    """The year's groups: the secretaries appointed by the first day and not trained yet, CLASS_SIZE a class; a
    class of only a few is topped up with trained ones in turn (a refresher); one empty group without any."""
    first_day = date(year, course.month, course.day)
    eligible = [o for o in secretaries if o.appointed_on <= first_day]
    new = [o for o in eligible if o.id not in trained]
    groups = [new[n:n + CLASS_SIZE] for n in range(0, len(new), CLASS_SIZE)] or [[]]
    if eligible and len(groups[-1]) < FEW:
        others = [o for o in eligible if o.id in trained]
        groups[-1] = groups[-1] + in_turn(others, year, TOPPED_UP - len(groups[-1]))
    return groups


def in_turn(items: list, year: int, size: int) -> list:
    """`size` items (fewer if there are fewer), the year's turn in a rotation over them."""
    if not items or size <= 0:
        return []
    start = year * size % len(items)
    return [items[(start + n) % len(items)] for n in range(min(size, len(items)))]


def _appointed(officer) -> Person:
    return Person(officer.agency_id, f"officer-{officer.id}", officer.full_name, QmsRole.THU_KY_ISO, officer.id)


def _stand_in(agency: tuple[uuid.UUID, str], role: str, qms_role: str) -> Person:
    """A person of the agency the registry does not list (its leader, a former secretary): a stable made-up name."""
    agency_id, _name = agency
    digest = hashlib.sha256(f"{agency_id}/{role}".encode()).digest()
    name = f"{FAMILY[digest[0] % len(FAMILY)]} {MIDDLE[digest[1] % len(MIDDLE)]} {GIVEN[digest[2] % len(GIVEN)]}"
    return Person(agency_id, f"{role}-{digest.hex()[:24]}", name, qms_role)


def _latest(appointments) -> list:
    """Each agency's latest appointment."""
    latest: dict = {}
    for officer in sorted(appointments, key=lambda o: (o.appointed_on, str(o.id))):
        latest[officer.agency_id] = officer
    return list(latest.values())


def replica_counts(uow_for: Callable, tenant: str) -> tuple[int, int]:
    """(agencies, ISO secretaries) of the tenant in the replica."""
    with uow_for(tenant_id(tenant)) as uow:
        return (len(repository.agency_names(uow.session)),
                len(repository.active_officers(uow.session, (OfficerRole.THU_KY_ISO,), None)))


def wait_for_registry(uow_for: Callable, tenant: str, stop: threading.Event, poll: float = 0.5,
                      quiet: float = QUIET_SECONDS) -> bool:
    """Wait until the province's demo agencies are in the replica and no ISO secretary has arrived for `quiet`
    seconds (a registry without secretaries does not hold the demo), and for a merged province until its
    succession has arrived too (its classes are then written as history, whatever the timing); False if `stop`
    is set first."""
    seen, calm_since = None, time.monotonic()
    while not stop.is_set():
        counts = replica_counts(uow_for, tenant)
        if counts != seen:
            seen, calm_since = counts, time.monotonic()
        if (counts[0] >= AGENCIES[tenant] and time.monotonic() - calm_since >= quiet
                and (not merged(tenant) or succeeded(uow_for, tenant))):
            return True
        time.sleep(poll)
    return False


def succeeded(uow_for: Callable, tenant: str) -> bool:
    with uow_for(tenant_id(tenant)) as uow:
        return lineage.successor(uow.session, tenant_id(tenant), REORGANISED) is not None


def seed(uow_for: Callable, tenant: str, first: int, today: date | None = None) -> int:
    """Plan the province's demo classes that are missing, then move each as far as its dates allow; returns how
    many classes were added. Every class is planned before any finishes, so budget knows a year's classes
    before their costs."""
    steps = Steps(uow_for, tenant, _now(today))
    own_years = years(tenant, steps.now.date(), first)
    if not own_years:
        return 0
    classes_ = plan(own_years.start, own_years.stop - 1, *steps.people())
    found = [steps.planned(p) for p in classes_]
    for planned, (training_class, _new) in zip(classes_, found, strict=True):
        steps.run(training_class.id, planned)
    return sum(1 for _, new in found if new)


def _now(today: date | None) -> datetime:
    """Today's business time: noon in Hà Nội on `today` (default: the current moment)."""
    return datetime.now(UTC) if today is None else datetime(today.year, today.month, today.day, 12, tzinfo=LOCAL)


@dataclass
class Steps:
    """The use cases for one province, each in a fresh unit of work whose clock reads the step's date."""

    uow_for: Callable
    tenant: str
    now: datetime

    def at(self, when: datetime):
        return replace(self.uow_for(tenant_id(self.tenant)), clock=lambda: when.astimezone(UTC))

    def due(self, when: datetime) -> bool:
        return when <= self.now

    def people(self) -> tuple[list, list]:
        """The province's active agencies as (id, name) and their current ISO secretaries, in the replica; for a
        merged province, those on its last day (the agencies that went on, each one's latest secretary)."""
        with self.uow_for(tenant_id(self.tenant)) as uow:
            names = repository.agency_names(uow.session)
            if merged(self.tenant):
                active = set(repository.agencies_at_merger(uow.session))
                officers = _latest(o for o in repository.appointments(uow.session, OfficerRole.THU_KY_ISO)
                                   if o.agency_id in active)
            else:
                active = set(repository.active_agency_ids(uow.session, None))
                officers = [o for o, _ in repository.active_officers(uow.session, (OfficerRole.THU_KY_ISO,), None)]
        agencies = sorted(((a, n) for a, n in names.items() if a in active), key=lambda pair: (pair[1], pair[0]))
        return agencies, sorted(officers, key=lambda o: (o.appointed_on, names.get(o.agency_id, ""), str(o.id)))

    def planned(self, planned: Planned) -> tuple[object, bool]:
        """The class and whether it is new; planned in January (today, at the latest)."""
        course, year = planned.course, planned.year
        found = classes.list_classes(self.at(self.now), page=1, page_size=100, year=year,
                                     course_type=course.course_type)
        for existing in found.items:
            if existing.title == planned.title:
                return existing, False
        when = min(datetime(year, 1, 10, 9, tzinfo=LOCAL), self.now)
        return classes.schedule_class(self.at(when), {
            "title": planned.title, "course_type": course.course_type, "year": year, "venue": "Hội trường Sở KH&CN",
            "capacity": CLASS_SIZE + TOPPED_UP, "provider": "Chi cục Tiêu chuẩn Đo lường Chất lượng",
            "trainers": ["ThS. Lê Văn Hùng"], "cost_estimate": course.cost,
            "audience": ["Lãnh đạo cơ quan"] if course is LEADERS else ["Thư ký ISO"],
            "sessions": sessions_of(course, year)}), True

    def run(self, class_id: uuid.UUID, planned: Planned) -> None:
        """Move the class through each step whose date has come, from wherever it stands."""
        days = sessions_of(planned.course, planned.year)
        first, last = days[0]["starts_at"], days[-1]["ends_at"]
        status = classes.get_class(self.at(self.now), class_id).status
        if status == S.DU_KIEN and self.due(first - timedelta(days=40)):
            status = self.move(class_id, S.MO_DANG_KY, first - timedelta(days=40))
        if status == S.MO_DANG_KY and self.due(first - timedelta(days=30)):
            self.nominate(class_id, planned.people, first - timedelta(days=30))
        if status == S.MO_DANG_KY and self.due(first - timedelta(days=7)):
            status = self.move(class_id, S.CHOT_DANH_SACH, first - timedelta(days=7))
        if status == S.CHOT_DANH_SACH and self.due(first - timedelta(minutes=30)):
            status = self.move(class_id, S.DANG_DIEN_RA, first - timedelta(minutes=30))
        if status == S.DANG_DIEN_RA:
            self.attend(class_id)
        if status == S.DANG_DIEN_RA and self.due(last):
            status = self.move(class_id, S.DA_KET_THUC, last)
        if status in (S.DA_KET_THUC, S.DA_QUYET_TOAN) and self.due(last + timedelta(days=7)):
            certificates.issue_certificates(self.at(last + timedelta(days=7)), class_id)
        if status == S.DA_KET_THUC and self.due(last + timedelta(days=30)):
            self.move(class_id, S.DA_QUYET_TOAN, last + timedelta(days=30), cost_actual=planned.course.cost)

    def move(self, class_id: uuid.UUID, wanted: str, when: datetime, **extra) -> str:
        return classes.change_status(self.at(when), class_id, wanted, **extra).status

    def nominate(self, class_id: uuid.UUID, people: tuple[Person, ...], when: datetime) -> None:
        """Nominate the class's participants, unless an earlier run already did."""
        if registrations.list_registrations(self.at(when), PROVINCE, page=1, page_size=1, class_id=class_id).items:
            return
        for person in people:
            registrations.nominate(self.at(when), class_id, {
                "agency_id": person.agency_id, "person_id": person.person_id, "full_name": person.full_name,
                "qms_role": person.qms_role, "officer_id": person.officer_id}, PROVINCE)

    def attend(self, class_id: uuid.UUID) -> None:
        """Attendance of every session that has ended; the ABSENT participant misses all but the first day."""
        training_class = classes.get_class(self.at(self.now), class_id)
        confirmed = registrations.list_registrations(self.at(self.now), PROVINCE, page=1, page_size=100,
                                                     class_id=class_id, status="CONFIRMED").items
        ids = [r.id for r in confirmed]
        for n, session in enumerate(training_class.sessions):
            if self.due(session.ends_at):
                absent = ids[ABSENT:ABSENT + 1] if n > 0 else []
                attendance.record_attendance(self.at(session.ends_at), class_id, session.id,
                                             [i for i in ids if i not in absent], absent)


def in_background(runtime, stop: threading.Event) -> None:
    """Each province's classes once the registry's demo agencies (and their ISO secretaries) have reached the
    replica, a province at a time, as the registry writes them."""
    for tenant, first in chosen().items():
        if not wait_for_registry(runtime.uow, tenant, stop):
            return
        added = seed(runtime.uow, tenant, first)
        own = years(tenant, date.today(), first)
        log.info("demo training: %s %d-%d ready (%d classes added)", tenant, own.start, own.stop - 1, added)
