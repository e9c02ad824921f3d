"""The cap check every estimate, approval and expenditure goes through (inside the caller's unit of work)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from budget import caps, repository
from budget.model import Action, OverCap
from budget.orm import BudgetLine, CapOverride
from contracts import budget as events
from contracts.budget import CapCheck
from kit.uow import UnitOfWork


@dataclass(frozen=True)
class Override:
    """Why an amount over the cap is allowed, and the document that allows it."""

    reason: str
    document: str


def cap_of(uow: UnitOfWork, line: BudgetLine) -> caps.Cap:
    key = caps.CapKey(caps.item_of(line.category, line.extension), line.agency_level, line.has_framework_model,
                      date(line.fiscal_year, 1, 1))
    return caps.line_cap(repository.all_norms(uow.session), key, line.months)


def check(uow: UnitOfWork, line: BudgetLine, amount: int, action: Action, override: Override | None,
          by: str | None) -> None:
    """Record the check on the line; over the cap needs an override (now or earlier for at least `amount`)."""
    cap = cap_of(uow, line)
    line.cap_amount, line.cost_norm_id, line.cap_check = cap.amount, cap.norm_id, cap.check(amount)
    if line.cap_check != CapCheck.VUOT_MUC:
        return
    if override is not None:
        _record(uow, line, amount, action, reason=override.reason, document=override.document, by=by)
    elif not _covered(uow, line, amount):
        raise OverCap(amount, cap.amount)


def record_actual(uow: UnitOfWork, line: BudgetLine, total: int, reason: str) -> None:
    """Another service's actual cost is a fact: it is recorded whatever the cap, and reported when over it."""
    cap = cap_of(uow, line)
    line.cap_amount, line.cost_norm_id, line.cap_check = cap.amount, cap.norm_id, cap.check(total)
    if line.cap_check == CapCheck.VUOT_MUC:
        _record(uow, line, total, Action.DISBURSE, reason=reason, document=None, by=None)


def _covered(uow: UnitOfWork, line: BudgetLine, amount: int) -> bool:
    return any(o.amount >= amount and o.document for o, _ in repository.overrides(uow.session, line_id=line.id))


def _record(uow: UnitOfWork, line: BudgetLine, amount: int, action: Action, *, reason: str, document: str | None,
            by: str | None) -> None:
    uow.session.add(CapOverride(line_id=line.id, action=action, amount=amount, cap_amount=line.cap_amount,
                                cost_norm_id=line.cost_norm_id, reason=reason, document=document, recorded_by=by))
    uow.publish(events.CapExceeded(
        line_id=line.id, fiscal_year=line.fiscal_year, agency_id=line.agency_id, category=line.category,
        action=action, amount=amount, cap_amount=line.cap_amount, cost_norm_id=line.cost_norm_id,
        overridden=document is not None, reason=reason, document=document, exceeded_at=uow.now()))
