"""Caps of Thông tư 116/2015/TT-BTC computed from cost-norm rows (law as data).

A norm row matches a key when each of its `item`, `agency_level` and `has_framework_model` is equal to the
key's or empty (any); the most specific row wins (level, then item, then framework), then the latest
`effective_from` and `version`. A percent row takes `percent` of the cap of another key: `reference_item`
and/or `reference_level` replace the key's (e.g. self-built = 85% of the consulting-firm cap of the same
level; communes = 80% of the chi cục level for the same item). Amounts are integer VND, rounded down.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date

from budget.model.money import format_vnd
from budget.model.norms import Unit, in_force
from contracts.budget import CapCheck, Category

STAGED = (Category.THUE_CHUYEN_GIA_DOC_LAP, Category.TU_XAY_DUNG_KHOAN, Category.CO_QUAN_THUC_HIEN)
MONTHLY_ITEM = "THUE_CHUYEN_GIA_DOC_LAP_THANG"
MAX_DEPTH = 5


def item_of(category: str, extension: bool) -> str:
    """The norm item of a line: its category, with `_MO_RONG` for an extension of a staged category."""
    return f"{category}_MO_RONG" if extension and category in STAGED else str(category)


@dataclass(frozen=True)
class CapKey:
    item: str
    level: str | None
    framework: bool
    on: date

    @classmethod
    def of_line(cls, category: str, extension: bool, level: str | None, framework: bool,
                fiscal_year: int) -> CapKey:
        """The key of a line: its norm item, looked up on 1 January of its fiscal year."""
        return cls(item_of(category, extension), level, framework, date(fiscal_year, 1, 1))


@dataclass(frozen=True)
class Cap:
    """A cap, or None with the `reason` the data has none (shown instead of letting the amount pass unchecked)."""

    amount: int | None
    norm_id: object = None
    trail: tuple[str, ...] = field(default=())
    reason: str | None = None

    def check(self, amount: int) -> CapCheck:
        if self.amount is None:
            return CapCheck.KHONG_XAC_DINH
        return CapCheck.OK if amount <= self.amount else CapCheck.VUOT_MUC


@dataclass(frozen=True)
class Override:
    """Why an amount over the cap is allowed, and the document that allows it."""

    reason: str
    document: str


def covered(earlier: Iterable, amount: int) -> bool:
    """Whether an override recorded earlier on the line, with its document, allows at least `amount`."""
    return any(override.amount >= amount and override.document for override in earlier)


def resolve(norms: list, key: CapKey, depth: int = 0) -> Cap:
    norm = _select(norms, key)
    if norm is None or depth > MAX_DEPTH:
        missing = f"không có định mức / no norm for {key.item} at {key.level or 'any level'}"
        return Cap(None, None, (missing,), reason=f"Không có mức trần trong dữ liệu / no cap in the data: {missing}")
    if norm.unit != Unit.PERCENT_OF_NORM:
        return Cap(norm.value, norm.id, (f"{norm.code} v{norm.version}: {format_vnd(norm.value)}",),
                   reason=_no_value(norm) if norm.value is None else None)
    reference = resolve(norms, replace(key, item=norm.reference_item or key.item,
                                       level=norm.reference_level or key.level), depth + 1)
    amount = None if reference.amount is None or norm.percent is None else reference.amount * norm.percent // 100
    step = f"{norm.code} v{norm.version}: {norm.percent}% × {format_vnd(reference.amount)} = {format_vnd(amount)}"
    return Cap(amount, norm.id, (step, *reference.trail), reason=reference.reason if amount is None else None)


def monthly(norms: list, on: date):
    """The independent expert's monthly rate row (a range), if any."""
    rows = [n for n in norms if n.unit == Unit.PER_MONTH and n.item == MONTHLY_ITEM and in_force(n, on)]
    return max(rows, key=lambda n: (n.effective_from, n.version), default=None)


def line_cap(norms: list, key: CapKey, months: int | None) -> Cap:
    """The cap of a line: its norm, and for an independent expert hired for `months` also months × top rate."""
    cap = resolve(norms, key)
    rate = monthly(norms, key.on) if key.item.startswith(Category.THUE_CHUYEN_GIA_DOC_LAP) and months else None
    if rate is None or rate.max_value is None:
        return cap
    by_months = months * rate.max_value
    step = f"{rate.code} v{rate.version}: {months} × {format_vnd(rate.max_value)} = {format_vnd(by_months)}"
    if cap.amount is not None and cap.amount <= by_months:
        return Cap(cap.amount, cap.norm_id, (*cap.trail, step))
    return Cap(by_months, rate.id, (step, *cap.trail))


def _no_value(norm) -> str:
    """Why a norm row has no amount: its note (the seeds say which text was not read), its basis and status."""
    note = norm.note or "Không có mức trần trong dữ liệu / no cap in the data"
    return f"{note} ({norm.code}, {norm.legal_basis_code}, {norm.verification})"


def _select(norms: list, key: CapKey):
    rows = [n for n in norms if n.unit != Unit.PER_MONTH and in_force(n, key.on) and _matches(n.item, key.item)
            and _matches(n.agency_level, key.level) and _matches(n.has_framework_model, key.framework)]
    return max(rows, key=_specificity, default=None)


def _matches(norm_value, key_value) -> bool:
    return norm_value is None or norm_value == key_value


def _specificity(norm) -> tuple:
    return (norm.agency_level is not None, norm.item is not None, norm.has_framework_model is not None,
            norm.effective_from, norm.version)
