"""Actual costs from other services: training classes and concluded inspections become expenditures on the
province's programme lines (once per class or inspection, whatever the redelivery)."""

from __future__ import annotations

import logging
import uuid
from datetime import date

from budget import repository
from budget.model.lines import CATEGORY_LABELS, LineStatus, Owner
from budget.orm import BudgetLine, Expenditure, TrainingClass
from budget.services import cap_checks
from budget.services.lines import Spending, add_expenditure, changed
from contracts import budget as events
from contracts.budget import CapCheck, Category, FundingSource, Origin
from kit.uow import UnitOfWork

log = logging.getLogger(__name__)


def record_class(uow: UnitOfWork, *, class_id: uuid.UUID, year: int, title: str, cost_estimate: int) -> None:
    with uow:
        known = repository.find_class(uow.session, class_id)
        if known is None:
            uow.session.add(TrainingClass(id=class_id, year=year, title=title, cost_estimate=cost_estimate))
        else:
            known.year, known.title, known.cost_estimate = year, title, cost_estimate
        uow.commit()


def record_class_cost(uow: UnitOfWork, *, class_id: uuid.UUID, cost_actual: int | None, finished_on: date) -> None:
    """A finished class costs its actual cost, else the estimate it was scheduled with."""
    with uow:
        known = repository.find_class(uow.session, class_id)
        amount = cost_actual if cost_actual is not None else (known.cost_estimate if known else None)
        year = known.year if known else finished_on.year
        label = f"Lớp {known.title}" if known else f"Lớp đào tạo {class_id}"
        _record_cost(uow, Category.DAO_TAO, Origin.TRAINING_CLASS, str(class_id), amount, year, finished_on, label)


def settle_class_cost(uow: UnitOfWork, *, class_id: uuid.UUID, year: int, cost_actual: int,
                      settled_on: date) -> None:
    """The class's settled actual cost: recorded if nothing was, else the one expenditure of the class is
    corrected to it (while its line is open), so a class stays one expenditure."""
    with uow:
        spent = repository.find_expenditure_of(uow.session, Origin.TRAINING_CLASS, str(class_id))
        if spent is None:
            _record_cost(uow, Category.DAO_TAO, Origin.TRAINING_CLASS, str(class_id), cost_actual, year, settled_on,
                         f"Lớp đào tạo {class_id} (quyết toán)")
        elif spent.amount != cost_actual and cost_actual > 0:
            _correct(uow, spent, cost_actual)


def record_inspection_cost(uow: UnitOfWork, *, inspection_id: uuid.UUID, cost_actual: int | None,
                           concluded_on: date, conclusion_doc: str) -> None:
    with uow:
        _record_cost(uow, Category.KIEM_TRA, Origin.INSPECTION, str(inspection_id), cost_actual,
                     concluded_on.year, concluded_on, f"Kiểm tra theo {conclusion_doc}")


def _correct(uow: UnitOfWork, spent: Expenditure, amount: int) -> None:
    line = repository.find_line(uow.session, spent.line_id, lock=True)
    uow.session.refresh(line)
    total = line.disbursed - spent.amount + amount
    if line.status == LineStatus.DA_QUYET_TOAN or total < line.settled:
        log.warning("class cost %s not corrected: line %s is settled", spent.origin_ref, line.id)
        return
    note = f" (điều chỉnh theo quyết toán lớp: {spent.amount} → {amount} đồng)"
    spent.amount, spent.description = amount, (spent.description + note)[:500]
    changed(line)
    cap_checks.record_actual(uow, line, total, f"Chi phí quyết toán lớp {spent.origin_ref} / settled class cost")
    uow.session.flush()
    uow.session.refresh(line)
    uow.publish(events.LineDisbursed(
        line_id=line.id, expenditure_id=spent.id, fiscal_year=line.fiscal_year, agency_id=line.agency_id,
        category=line.category, amount=amount, disbursed_total=line.disbursed, origin=spent.origin,
        origin_ref=spent.origin_ref, spent_on=spent.spent_on, disbursed_at=uow.now()))
    uow.commit()


def _record_cost(uow: UnitOfWork, category: Category, origin: Origin, ref: str, amount: int | None, year: int,
                 spent_on: date, description: str) -> None:
    if not amount or amount < 0:
        log.debug("%s %s reported no cost: nothing to record", origin, ref)  # most inspections cost nothing extra
        return
    if repository.find_expenditure_of(uow.session, origin, ref) is not None:
        return
    line = repository.programme_line(uow.session, year, category) or _open_programme_line(uow, year, category)
    uow.session.refresh(line)  # totals after the lock, not from the snapshot taken before it
    spending = Spending(amount=amount, spent_on=spent_on, description=description[:500], origin=origin,
                        origin_ref=ref)
    cap_checks.record_actual(uow, line, line.disbursed + amount,
                             f"Chi phí thực tế từ {origin} {ref} / actual cost reported by another service")
    add_expenditure(uow, line, spending, by=None)
    uow.commit()


def _open_programme_line(uow: UnitOfWork, year: int, category: Category) -> BudgetLine:
    """No programme line for the cost yet: open one (estimate 0) so the cost is not lost; the Sở approves it."""
    line = BudgetLine(id=uuid.uuid4(), fiscal_year=year, owner=Owner.PROGRAMME, category=category,
                      title=f"{CATEGORY_LABELS[category]} năm {year} (tự lập từ chi phí thực tế)",
                      funding_source=FundingSource.NS_TINH, estimate=0, status=LineStatus.LAP_DU_TOAN,
                      cap_check=CapCheck.KHONG_XAC_DINH, auto_created=True)
    uow.session.add(line)
    uow.session.flush()
    uow.session.refresh(line)
    uow.publish(events.LineEstimated(line_id=line.id, fiscal_year=year, category=category,
                                     funding_source=line.funding_source, estimate=0, cap_check=line.cap_check,
                                     estimated_at=uow.now()))
    return line
