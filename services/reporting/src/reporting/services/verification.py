"""The ledger's verification mode (ADR 24): a province's figures from the ledger against the reference
computation from every detailed row, and where they differ. `python -m reporting check-figures` runs it for
every province; the consistency check (`python -m reporting verify`) compares the owners with the ledger's
answer, so a difference there is told apart from a ledger out of step by this one."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date

from kit.uow import UnitOfWork
from reporting.services.figures import figures_on
from reporting.services.reference import figures_from_rows


def differences(uow: UnitOfWork, as_of: date, period_start: date) -> list[str]:
    """Each figure the ledger and the reference disagree on, as `path: ledger != reference`."""
    with uow:
        return list(_differences(figures_on(uow.session, as_of, period_start),
                                 figures_from_rows(uow.session, as_of, period_start)))


def check(uow_for: Callable[[str], UnitOfWork], tenants: Iterable[str], dates: Iterable[date]) -> list[str]:
    """Every difference of the provinces on the dates (each period from the first of the date's year)."""
    return [f"{tenant} {as_of.isoformat()} {found}" for tenant in tenants for as_of in dates
            for found in differences(uow_for(tenant), as_of, date(as_of.year, 1, 1))]


def _differences(ledger: object, reference: object, path: str = "") -> Iterable[str]:
    if isinstance(ledger, Mapping) and isinstance(reference, Mapping):
        for key in sorted(set(ledger) | set(reference), key=str):
            yield from _differences(ledger.get(key), reference.get(key), f"{path}.{key}" if path else str(key))
    elif ledger != reference:
        yield f"{path}: ledger {ledger!r} != reference {reference!r}"
