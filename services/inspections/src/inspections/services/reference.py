"""Reference data read by the API: the criteria library."""

from __future__ import annotations

from inspections import orm, repository
from kit.uow import UnitOfWork


def criteria(uow: UnitOfWork) -> list[orm.Criterion]:
    with uow:
        return repository.criteria(uow.session)
