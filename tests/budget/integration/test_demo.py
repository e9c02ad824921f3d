"""The demo lines (issue 18): three programme lines a year to today, approved, spent and settled as far as their
dates allow, within the caps, dated in the past, idempotent; a past year's training line settled once training's
class costs are in. A fresh province stands in for a demo province."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, date, datetime

from budget import demo
from budget.services import costs, lines, reports
from contracts.budget import LineDisbursed
from tests.support.service import outbox

TODAY = date(2026, 6, 1)  # the current year's April expenditure is made, June's is not
SILENT = {"progress": lambda _: None}


def lines_by_year(runtime, tenant: str) -> dict:
    found = lines.list_lines(runtime.uow(tenant), {}, 1, 100).items
    return {(line.fiscal_year, line.category): line for line in found}


def training_class(runtime, tenant: str, year: int, cost: int) -> uuid.UUID:
    """A class of training as its events reach budget: scheduled, then finished at its estimate."""
    class_id = uuid.uuid4()
    costs.record_class(runtime.uow(tenant), class_id=class_id, year=year, title=f"Lớp năm {year}",
                       cost_estimate=cost)
    costs.record_class_cost(runtime.uow(tenant), class_id=class_id, cost_actual=None, finished_on=date(year, 5, 14))
    return class_id


class TestSeed:
    def test_past_years_are_settled_and_the_current_year_is_approved_and_partly_spent(self, runtime, tenant):
        added = demo.seed(runtime.uow, TODAY, {tenant: 2024}, **SILENT)

        got = {key: (line.status, line.approved, line.disbursed, line.settled)
               for key, line in lines_by_year(runtime, tenant).items()}
        assert added == 9
        for year in (2024, 2025):
            assert got[year, "KIEM_TRA"] == ("DA_QUYET_TOAN", 45_000_000, 38_000_000, 38_000_000)
            assert got[year, "DUY_TRI_CAI_TIEN"] == ("DA_QUYET_TOAN", 100_000_000, 85_000_000, 85_000_000)
            assert got[year, "DAO_TAO"] == ("DA_GIAO_DU_TOAN", 60_000_000, 0, 0)  # training's costs settle it
        assert got[2026, "KIEM_TRA"] == ("DA_GIAO_DU_TOAN", 45_000_000, 0, 0)
        assert got[2026, "DUY_TRI_CAI_TIEN"] == ("DANG_THUC_HIEN", 100_000_000, 40_000_000, 0)

    def test_no_amount_goes_over_a_cap(self, runtime, tenant):
        demo.seed(runtime.uow, TODAY, {tenant: 2024}, **SILENT)

        checks = {line.cap_check for line in lines_by_year(runtime, tenant).values()}
        assert "VUOT_MUC" not in checks
        assert all(reports.overrides_of(runtime.uow(tenant), year) == [] for year in (2024, 2025, 2026))

    def test_every_event_and_expenditure_is_dated_on_or_before_today(self, runtime, tenant):
        demo.seed(runtime.uow, TODAY, {tenant: 2024}, **SILENT)

        times = [datetime.fromisoformat(m.payload["time"]) for m in outbox(runtime, tenant)]
        spent = [m.payload["data"]["spent_on"] for m in outbox(runtime, tenant, event_type=LineDisbursed.event_type)]
        assert times and max(times) <= datetime(2026, 6, 1, 9, tzinfo=UTC)
        assert max(spent) == "2026-04-15" and min(spent) == "2024-04-15"

    def test_a_second_run_the_same_day_adds_nothing(self, runtime, tenant):
        demo.seed(runtime.uow, TODAY, {tenant: 2025}, **SILENT)
        written = len(outbox(runtime, tenant))

        added = demo.seed(runtime.uow, TODAY, {tenant: 2025}, **SILENT)

        assert added == 0 and len(outbox(runtime, tenant)) == written

    def test_a_training_line_opened_by_a_class_cost_first_becomes_the_demo_line(self, runtime, tenant):
        class_id = training_class(runtime, tenant, 2026, 36_000_000)

        demo.seed(runtime.uow, TODAY, {tenant: 2026}, **SILENT)

        line = lines_by_year(runtime, tenant)[2026, "DAO_TAO"]
        [spent] = lines.records_of(runtime.uow(tenant), line.id)["expenditures"]
        assert line.title == demo.title_of(demo.PLANS[0], 2026) and line.status == "DANG_THUC_HIEN"
        assert (line.approved, spent.origin_ref) == (60_000_000, str(class_id))


class TestSettleTraining:
    def test_past_training_lines_are_settled_at_their_classes_costs(self, runtime, tenant):
        demo.seed(runtime.uow, TODAY, {tenant: 2025}, **SILENT)
        training_class(runtime, tenant, 2025, 32_000_000)
        training_class(runtime, tenant, 2026, 36_000_000)

        done = demo.settle_training(runtime.uow, threading.Event(), TODAY, {tenant: 2025})

        got = lines_by_year(runtime, tenant)
        assert done is True
        assert (got[2025, "DAO_TAO"].status, got[2025, "DAO_TAO"].settled) == ("DA_QUYET_TOAN", 32_000_000)
        assert (got[2026, "DAO_TAO"].status, got[2026, "DAO_TAO"].settled) == ("DANG_THUC_HIEN", 0)

    def test_it_waits_while_a_year_has_no_class_and_gives_up_when_stopped(self, runtime, tenant):
        demo.seed(runtime.uow, TODAY, {tenant: 2025}, **SILENT)
        training_class(runtime, tenant, 2026, 36_000_000)  # none for 2025 yet
        stop = threading.Event()
        stop.set()

        done = demo.settle_training(runtime.uow, stop, TODAY, {tenant: 2025})

        assert done is False
        assert lines_by_year(runtime, tenant)[2025, "DAO_TAO"].status == "DA_GIAO_DU_TOAN"
