"""Reference data as a province uses it: the criteria library and reference values, with its own settings.

A province's change of a criterion or setting names the version it was made from (If-Match): the province's own
row is locked for it; the first change of one the province has not set yet makes that row, and of two first
changes at the same moment the second meets the first's row (the unique constraint) and is told to read again.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from inspections import model, orm, repository
from kit import preconditions
from kit.uow import UnitOfWork


def criteria(uow: UnitOfWork, include_inactive: bool = False) -> list[repository.CriterionView]:
    with uow:
        return repository.criteria(uow.session, active_only=not include_inactive)


def criterion(uow: UnitOfWork, code: str) -> repository.CriterionView:
    with uow:
        return _criterion_view(uow, code)


def set_criterion(uow: UnitOfWork, actor: model.Actor, code: str, fields: dict, *,
                  expected: int) -> repository.CriterionView:
    """Change this province's weight for a criterion or stop using it; the shared library row is untouched."""
    with uow:
        if uow.session.get(orm.Criterion, code) is None:
            raise model.not_found("criterion", code)
        own = repository.criterion_setting(uow.session, code, lock=True)
        preconditions.check(own.version if own else repository.UNSET_VERSION, expected)
        if own is None:
            own = orm.CriterionSetting(code=code, version=repository.UNSET_VERSION)
            uow.session.add(own)
        for name, value in fields.items():
            setattr(own, name, value)
        own.updated_by, own.updated_at = actor.subject, uow.now()
        own.version += 1
        _flush(uow)
        view = _criterion_view(uow, code)
        uow.commit()
        return view


def settings(uow: UnitOfWork) -> list[repository.SettingView]:
    with uow:
        return repository.settings(uow.session)


def setting(uow: UnitOfWork, key: str) -> repository.SettingView:
    with uow:
        return _setting_view(uow, key)


def set_setting(uow: UnitOfWork, actor: model.Actor, key: str, value: int | None, *,
                expected: int) -> repository.SettingView:
    with uow:
        if uow.session.get(orm.ReferenceValue, key) is None:
            raise model.not_found("setting", key)
        own = repository.province_setting(uow.session, key, lock=True)
        preconditions.check(own.version if own else repository.UNSET_VERSION, expected)
        if own is None:
            own = orm.ProvinceSetting(key=key, version=repository.UNSET_VERSION)
            uow.session.add(own)
        own.value, own.updated_by, own.updated_at = value, actor.subject, uow.now()
        own.version += 1
        _flush(uow)
        view = _setting_view(uow, key)
        uow.commit()
        return view


def _criterion_view(uow: UnitOfWork, code: str) -> repository.CriterionView:
    found = [c for c in repository.criteria(uow.session, active_only=False) if c.code == code]
    if not found:
        raise model.not_found("criterion", code)
    return found[0]


def _setting_view(uow: UnitOfWork, key: str) -> repository.SettingView:
    found = [s for s in repository.settings(uow.session) if s.key == key]
    if not found:
        raise model.not_found("setting", key)
    return found[0]


def _flush(uow: UnitOfWork) -> None:
    """Write the province's row; another first change of it committed meanwhile: the version it was made from is
    gone (412, as for any stale version)."""
    try:
        uow.session.flush()
    except IntegrityError:
        raise preconditions.Failed("version_stale", 412, preconditions.STALE_CONCURRENT) from None
