"""Demo budget lines that continue the seed articles' provinces to today (issue 18), for `make run` and `make up`.

Every year of a demo province (`contracts.demo.years`: from its first demo year to the current one, or to 2024
for a province merged in 2025, whose successor's programme begins in 2026), each province's programme (run by the
Sở KH&CN) has three lines: training, inspection, and support to the agencies' upkeep of their systems. Each is
estimated in November of the year before, approved in January, spent through the year and settled in February of
the next year, as far as today allows: past years are settled, the current one approved and partly spent.
The training line is spent by training's classes (their costs arrive as events, as for real data), so a past
year's training line is settled only once those costs are in; the other two are spent by hand. The amounts are
modest, within any cap of Thông tư 116/2015 (the cost-norm data has none yet for these three categories).

Every record goes through the use cases, with the unit of work's clock set to the step's business date, so the
events carry dates in the past. Idempotent by line title, and resumable: a line moves on when its dates come.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from datetime import time as clock_time

from sqlalchemy import select

from budget.model.lines import LineStatus, Owner
from budget.orm import Expenditure, TrainingClass
from budget.services import lines
from contracts.budget import Category, FundingSource, Origin
from contracts.demo import chosen, years
from kit.tenancy import tenant_id

DEMO = "demo-officer"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Spend:
    month: int
    day: int
    amount: int
    description: str


@dataclass(frozen=True)
class Plan:
    category: Category
    title: str
    estimate: int
    approved: int
    spending: tuple[Spend, ...] = ()


PLANS = (
    Plan(Category.DAO_TAO, "Đào tạo, tập huấn về HTQLCL", 70_000_000, 60_000_000),
    Plan(Category.KIEM_TRA, "Kiểm tra việc áp dụng HTQLCL", 50_000_000, 45_000_000, (
        Spend(6, 20, 18_000_000, "Công tác phí, văn phòng phẩm đoàn kiểm tra đợt 1"),
        Spend(10, 25, 20_000_000, "Công tác phí, văn phòng phẩm đoàn kiểm tra đợt 2"))),
    Plan(Category.DUY_TRI_CAI_TIEN, "Hỗ trợ các cơ quan duy trì, cải tiến HTQLCL", 120_000_000, 100_000_000, (
        Spend(4, 15, 40_000_000, "Hỗ trợ đánh giá nội bộ tại các cơ quan"),
        Spend(9, 10, 45_000_000, "Hỗ trợ xem xét của lãnh đạo, cải tiến hệ thống"))),
)


def title_of(plan: Plan, year: int) -> str:
    return f"{plan.title} năm {year} (dữ liệu minh họa)"


def estimated_on(year: int) -> date:
    return date(year - 1, 11, 20)


def approved_on(year: int) -> date:
    return date(year, 1, 15)


def settled_on(year: int) -> date:
    return date(year + 1, 2, 20)


def seed(uow_for: Callable, today: date | None = None, provinces: dict[str, int] | None = None,
         progress: Callable[[str], None] = print) -> int:
    """Add the missing lines and move every line as far as its dates allow, but the training lines' settlement;
    returns how many lines were added. `provinces`: each province's first demo year (by default the chosen
    demo provinces')."""
    today, provinces = today or date.today(), provinces or chosen()
    added = 0
    for tenant, first in provinces.items():
        steps = Steps(uow_for, tenant, today)
        for year in years(tenant, today, first):
            for plan in PLANS:
                line, new = steps.line(plan, year)
                added += new
                steps.run(line, plan, year)
        own = years(tenant, today, first)
        progress(f"demo budget: {tenant} {own.start}-{own.stop - 1} ready ({added} lines added so far)")
    return added


def costs_in(uow_for: Callable, tenant: str, first: int, today: date) -> bool:
    """Whether training's classes reached this service for every demo year of the province, and every class of a
    past year has its cost recorded."""
    with uow_for(tenant_id(tenant)) as uow:
        classes = list(uow.session.scalars(select(TrainingClass)))
        costed = set(uow.session.scalars(select(Expenditure.origin_ref).where(
            Expenditure.origin == Origin.TRAINING_CLASS)))
    return (set(years(tenant, today, first)) <= {c.year for c in classes}
            and all(str(c.id) in costed for c in classes if c.year < today.year))


def settle_training(uow_for: Callable, stop: threading.Event, today: date | None = None,
                    provinces: dict[str, int] | None = None, poll: float = 0.5) -> bool:
    """Settle the past years' training lines once their classes' costs are in; False if `stop` is set first."""
    today, provinces = today or date.today(), provinces or chosen()
    waiting = dict(provinces)
    while waiting and not stop.is_set():
        waiting = {t: first for t, first in waiting.items() if not costs_in(uow_for, t, first, today)}
        if waiting:
            time.sleep(poll)
    if waiting:
        return False
    for tenant, first in provinces.items():
        steps = Steps(uow_for, tenant, today)
        for year in (y for y in years(tenant, today, first) if y < today.year):
            line, _ = steps.line(PLANS[0], year)
            steps.settle(line, year)
    return True


@dataclass
class Steps:
    """The use cases for one province, each in a fresh unit of work whose clock reads the step's date."""

    uow_for: Callable
    tenant: str
    today: date

    def at(self, day: date):
        when = datetime.combine(day, clock_time(9), tzinfo=UTC)
        return replace(self.uow_for(tenant_id(self.tenant)), clock=lambda: when)

    def due(self, day: date) -> bool:
        return day <= self.today

    def line(self, plan: Plan, year: int) -> tuple[object, bool]:
        """The plan's line of `year` and whether it is new. A line training's costs opened first (estimate 0)
        is taken over: it becomes the plan's line."""
        filters = {"fiscal_year": year, "owner": Owner.PROGRAMME, "category": plan.category}
        found = lines.list_lines(self.at(self.today), filters, 1, 50).items
        title = title_of(plan, year)
        for line in found:
            if line.title == title:
                return line, False
        fields = {"title": title, "estimate": plan.estimate}
        when = min(estimated_on(year), self.today)
        for line in found:
            if line.auto_created and line.status == LineStatus.LAP_DU_TOAN:
                return lines.revise_estimate(self.at(when), line.id, fields, by=DEMO), False
        return lines.estimate_line(self.at(when), {**fields, "fiscal_year": year, "category": plan.category,
                                                   "funding_source": FundingSource.NS_TINH}, by=DEMO), True

    def run(self, line, plan: Plan, year: int) -> None:
        if line.status == LineStatus.LAP_DU_TOAN and self.due(approved_on(year)):
            line = lines.approve_line(self.at(approved_on(year)), line.id, approved=plan.approved,
                                      approving_doc=f"{3000 + year % 100}/QĐ-UBND", approved_on=approved_on(year),
                                      by=DEMO)
        if line.status in (LineStatus.DA_GIAO_DU_TOAN, LineStatus.DANG_THUC_HIEN):
            self.spend(line, plan, year)
            if plan.spending:
                self.settle(line, year)

    def spend(self, line, plan: Plan, year: int) -> None:
        """The plan's expenditures whose day has come, unless recorded already (by their voucher)."""
        done = {e.voucher for e in lines.records_of(self.at(self.today), line.id)["expenditures"]}
        for n, spend in enumerate(plan.spending, start=1):
            day, voucher = date(year, spend.month, spend.day), f"C{n:02d}/{year}-{plan.category}"
            if self.due(day) and voucher not in done:
                lines.disburse(self.at(day), line.id, lines.Spending(
                    amount=spend.amount, spent_on=day, description=spend.description, voucher=voucher), by=DEMO)

    def settle(self, line, year: int) -> None:
        """The final settlement of what was spent, in February of the next year."""
        line = lines.get_line(self.at(self.today), line.id)
        if line.status != LineStatus.DA_QUYET_TOAN and self.due(settled_on(year)):
            lines.settle(self.at(settled_on(year)), line.id, amount=line.disbursed - line.settled,
                         settlement_doc=f"{100 + year % 100}/TB-STC quyết toán năm {year}",
                         settled_on=settled_on(year), final=True, by=DEMO)


def in_background(runtime, stop: threading.Event) -> None:
    """The lines at once; the past years' training lines settled once training's class costs have arrived."""
    log.info("demo budget: %d lines added", seed(runtime.uow, progress=log.info))
    if settle_training(runtime.uow, stop):
        log.info("demo budget ready: training lines settled")
