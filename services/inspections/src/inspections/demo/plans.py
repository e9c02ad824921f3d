"""One demo year of inspections: the plan (drafted, submitted, approved), its inspections carried out on their
business dates, and the recommendations of a few of them, most closed before their deadline.

Every unit of work has its clock at the step's business date, so the events (and the read models built from
them) say when each thing happened. Only what is dated before today is carried out; the rest is scheduled.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from contracts.inspections import InspectionForm, InspectionKind, OverallResult
from contracts.registry import AgencyStatus, AgencyType
from inspections.services import inspections as steps
from inspections.services import plans, recommendations
from kit.auth import Principal

ON_SITE, REVIEW = InspectionForm.TRUC_TIEP_TAI_TRU_SO, InspectionForm.QUA_BAO_CAO_HO_SO
PROVINCIAL = (AgencyType.UBND_TINH, AgencyType.SO, AgencyType.CHI_CUC, AgencyType.UBND_HUYEN, AgencyType.DVSN)
ALL_TYPES = (*PROVINCIAL, AgencyType.UBND_XA)
OFFICER = Principal(subject="demo-officer", tenant=None, roles=frozenset({"province_officer"}))
LEADER = Principal(subject="demo-leader", tenant=None, roles=frozenset({"province_leader"}))
RECOMMENDED_EVERY = 9  # one inspection in so many leaves a recommendation
OPEN_EVERY = 4  # of the recommendations of the last twelve months, one in so many is still open


@dataclass(frozen=True)
class PlanYear:
    visits: list  # (replica agency, form)
    first_month: int = 4
    months: int = 7
    approved_on: date | None = None  # 1 March by default
    onsite_min_percent: int = 30


def split(agencies: list) -> tuple[list, list]:
    """Provincial-level agencies and communes."""
    return ([a for a in agencies if a.agency_type in PROVINCIAL],
            [a for a in agencies if a.agency_type == AgencyType.UBND_XA])


def valid(agencies: list, on: date) -> list:
    return [a for a in agencies if (a.valid_from is None or a.valid_from <= on)
            and (a.status == AgencyStatus.HOAT_DONG or (a.valid_to and a.valid_to >= on))]


def routine(agencies: list, year: int) -> PlanYear:
    """A third of the provincial-level agencies on site and another third through their records, a tenth of the
    communes through their records; a different share each year. Only agencies valid all year are planned."""
    provincial, communes = split(valid(agencies, date(year, 12, 31)))
    visits = [(a, ON_SITE if (i + year) % 3 == 0 else REVIEW) for i, a in enumerate(provincial) if (i + year) % 3 < 2]
    return PlanYear([*visits, *((c, REVIEW) for i, c in enumerate(communes) if (i + year) % 10 == 0)])


def dated(uow, day: date):
    """The unit of work with its clock at 9:00 UTC of `day`."""
    moment = datetime.combine(day, time(9), tzinfo=UTC)
    return dataclasses.replace(uow, clock=lambda: moment)


def add_year(uow: Callable, year: int, today: date, plan: PlanYear) -> int:
    """The year's plan and inspections unless a plan of the same title exists; returns the inspections added."""
    title = f"Kế hoạch kiểm tra việc áp dụng HTQLCL năm {year} (dữ liệu minh họa)"
    if not plan.visits or plans.is_titled(uow(), title):
        return 0
    approved = plan.approved_on or date(year, 3, 1)
    last_month = plan.first_month + plan.months - 1
    created = plans.create_plan(dated(uow(), approved - timedelta(days=20)), {
        "year": year, "title": title, "period_start": date(year, plan.first_month, 1),
        "period_end": date(year, last_month, 28), "onsite_min_percent": plan.onsite_min_percent},
        [{"agency_id": a.id, "planned_form": form, "planned_month": plan.first_month + n % plan.months}
         for n, (a, form) in enumerate(plan.visits)])
    plans.submit_plan(dated(uow(), approved - timedelta(days=14)), OFFICER, created.id,
                      f"{10 + year % 100}/TTr-SKHCN ngày {approved - timedelta(days=14):%d/%m/%Y}")
    plans.approve_plan(dated(uow(), approved), LEADER, created.id,
                       f"{300 + year % 100}/KH-UBND ngày {approved:%d/%m/%Y}")
    for n, (agency, form) in enumerate(plan.visits):
        on = date(year, plan.first_month + n % plan.months, 5 + n % 20)
        fields = {"plan_id": created.id, "agency_id": agency.id, "form": form, "kind": InspectionKind.DINH_KY,
                  "scheduled_date": on}
        if on + timedelta(days=5) >= today:
            steps.schedule_inspection(dated(uow(), approved), OFFICER, fields)
            continue
        done = steps.carry_out(dated(uow(), on), OFFICER, fields, steps.Conducted(
            notice_doc=f"{n + 1}/TB-SKHCN", record_doc=f"BB-{n + 1}/{year}", conducted_date=on,
            conclusion_doc=f"{n + 1}/KL-SKHCN", conclusion_date=on + timedelta(days=5),
            overall_result=OverallResult.DAT))
        if n % RECOMMENDED_EVERY == RECOMMENDED_EVERY - 1:
            _recommend(uow, done, n, today)
    return len(plan.visits)


def _recommend(uow: Callable, inspection, n: int, today: date) -> None:
    """Issued with the conclusion, 60 days to act; answered and closed ten days before the deadline, unless the
    deadline is recent and this is one of the few still open."""
    issued = inspection.conclusion_date
    deadline = issued + timedelta(days=60)
    recommendation = recommendations.issue(dated(uow(), issued), OFFICER, inspection.id, {
        "description": "Cập nhật quy trình ISO theo thủ tục hành chính mới được công bố", "deadline": deadline})
    answered = deadline - timedelta(days=10)
    still_open = deadline > today - timedelta(days=365) and n // RECOMMENDED_EVERY % OPEN_EVERY == 0
    if still_open or answered >= today:
        return
    agency_officer = Principal(subject="demo-agency-officer", tenant=None, roles=frozenset({"agency_officer"}),
                               agency_id=str(inspection.agency_id))
    recommendations.submit_remediation(dated(uow(), answered), agency_officer, recommendation.id,
                                       "Đã ban hành lại quy trình và cập nhật trên cổng dịch vụ công")
    recommendations.accept(dated(uow(), answered + timedelta(days=3)), OFFICER, recommendation.id, None)
