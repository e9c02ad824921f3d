"""The province's training settings: the platform's defaults until the province admin overrides them."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kit.uow import UnitOfWork
from training import repository
from training.model import SETTING_FIELDS, EffectiveSettings
from training.orm import TenantSettings


def effective(session: Session) -> EffectiveSettings:
    """The settings in force in the session's province."""
    own = repository.find_tenant_settings(session)
    source = own or repository.default_settings(session)
    return EffectiveSettings(**{name: getattr(source, name) for name in SETTING_FIELDS}, overridden=own is not None)


def get_settings(uow: UnitOfWork) -> EffectiveSettings:
    with uow:
        return effective(uow.session)


def update_settings(uow: UnitOfWork, fields: dict) -> EffectiveSettings:
    with uow:
        own = repository.find_tenant_settings(uow.session)
        if own is None:
            current = effective(uow.session)
            own = TenantSettings(**{name: getattr(current, name) for name in SETTING_FIELDS})
            uow.session.add(own)
        for name, value in fields.items():
            setattr(own, name, value)
        uow.session.flush()
        result = effective(uow.session)
        uow.commit()
        return result
