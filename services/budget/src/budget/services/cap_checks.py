"""The cap check every estimate, approval and expenditure goes through, inside the caller's unit of work: it
records the check on the line and any amount over the cap (a `cap_overrides` row and its event)."""

from __future__ import annotations

from budget import repository
from budget.model.caps import Cap, CapKey, Override, covered, line_cap
from budget.model.lines import OverCap
from budget.orm import BudgetLine, CapOverride
from contracts import budget as events
from contracts.budget import Action, CapCheck
from kit.uow import UnitOfWork


def check(uow: UnitOfWork, line: BudgetLine, amount: int, action: Action, override: Override | None,
          by: str | None) -> None:
    """Record the check on the line; over the cap needs an override (now or earlier for at least `amount`)."""
    cap = _checked(uow, line, amount)
    if line.cap_check != CapCheck.VUOT_MUC:
        return
    if override is not None:
        _record(uow, line, amount, action, reason=override.reason, document=override.document, by=by)
    elif not covered((o for o, _ in repository.overrides(uow.session, line_id=line.id)), amount):
        raise OverCap(amount=amount, cap=cap.amount)


def record_actual(uow: UnitOfWork, line: BudgetLine, total: int, reason: str) -> None:
    """Another service's actual cost is a fact: it is recorded whatever the cap, and reported when over it."""
    _checked(uow, line, total)
    if line.cap_check == CapCheck.VUOT_MUC:
        _record(uow, line, total, Action.DISBURSE, reason=reason, document=None, by=None)


def _checked(uow: UnitOfWork, line: BudgetLine, amount: int) -> Cap:
    """The line's cap, with the cap, the norm it comes from and the check of `amount` stored on the line."""
    key = CapKey.of_line(line.category, line.extension, line.agency_level, line.has_framework_model,
                         line.fiscal_year)
    cap = line_cap(repository.all_norms(uow.session), key, line.months)
    line.cap_amount, line.cost_norm_id, line.cap_check = cap.amount, cap.norm_id, cap.check(amount)
    line.cap_note = cap.reason
    return cap


def _record(uow: UnitOfWork, line: BudgetLine, amount: int, action: Action, *, reason: str, document: str | None,
            by: str | None) -> None:
    uow.session.add(CapOverride(line_id=line.id, action=action, amount=amount, cap_amount=line.cap_amount,
                                cost_norm_id=line.cost_norm_id, reason=reason, document=document, recorded_by=by))
    uow.publish(events.CapExceeded(
        line_id=line.id, fiscal_year=line.fiscal_year, agency_id=line.agency_id, category=line.category,
        action=action, amount=amount, cap_amount=line.cap_amount, cost_norm_id=line.cost_norm_id,
        overridden=document is not None, reason=reason, document=document, exceeded_at=uow.now()))
