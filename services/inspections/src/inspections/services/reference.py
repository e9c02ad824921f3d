"""Reference data as a province uses it: the criteria library and reference values, with its own settings."""

from __future__ import annotations

from inspections import model, orm, repository
from kit.uow import UnitOfWork


def criteria(uow: UnitOfWork, include_inactive: bool = False) -> list[repository.CriterionView]:
    with uow:
        return repository.criteria(uow.session, active_only=not include_inactive)


def set_criterion(uow: UnitOfWork, actor: model.Actor, code: str, fields: dict) -> repository.CriterionView:
    """Change this province's weight for a criterion or stop using it; the shared library row is untouched."""
    with uow:
        if uow.session.get(orm.Criterion, code) is None:
            raise model.not_found("criterion", code)
        own = repository.criterion_setting(uow.session, code)
        if own is None:
            own = orm.CriterionSetting(code=code)
            uow.session.add(own)
        for name, value in fields.items():
            setattr(own, name, value)
        own.updated_by, own.updated_at = actor.subject, uow.now()
        uow.session.flush()
        [view] = [c for c in repository.criteria(uow.session, active_only=False) if c.code == code]
        uow.commit()
        return view


def settings(uow: UnitOfWork) -> list[repository.SettingView]:
    with uow:
        return repository.settings(uow.session)


def set_setting(uow: UnitOfWork, actor: model.Actor, key: str, value: int | None) -> repository.SettingView:
    with uow:
        if uow.session.get(orm.ReferenceValue, key) is None:
            raise model.not_found("setting", key)
        own = repository.province_setting(uow.session, key)
        if own is None:
            own = orm.ProvinceSetting(key=key)
            uow.session.add(own)
        own.value, own.updated_by, own.updated_at = value, actor.subject, uow.now()
        uow.session.flush()
        [view] = [s for s in repository.settings(uow.session) if s.key == key]
        uow.commit()
        return view
