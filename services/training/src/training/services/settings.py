"""The province's training settings: the platform's defaults until the province admin overrides them."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kit import preconditions
from kit.uow import UnitOfWork
from training import repository
from training.model import SETTING_FIELDS, EffectiveSettings
from training.orm import TenantSettings


def effective(session: Session) -> EffectiveSettings:
    """The settings in force in the session's province."""
    own = repository.find_tenant_settings(session)
    source = own or repository.default_settings(session)
    return EffectiveSettings(**{name: getattr(source, name) for name in SETTING_FIELDS}, overridden=own is not None,
                             version=own.version if own else 0)


def get_settings(uow: UnitOfWork) -> EffectiveSettings:
    with uow:
        return effective(uow.session)


def update_settings(uow: UnitOfWork, fields: dict, *, expected: int) -> EffectiveSettings:
    """Change the settings made from version `expected` (0: the defaults, before the province has its own)."""
    with uow:
        own = repository.find_tenant_settings(uow.session, lock=True)
        preconditions.check(own.version if own else 0, expected)
        if own is None:
            own = _own_copy(uow)
        else:
            own.changed()
        for name, value in fields.items():
            setattr(own, name, value)
        uow.session.flush()
        result = effective(uow.session)
        uow.commit()
        return result


def _own_copy(uow: UnitOfWork) -> TenantSettings:
    """The province's first settings, a copy of the defaults (version 1). Two first changes at once both find no
    row to lock: the unique province column lets one in, the other is stale."""
    current = effective(uow.session)
    own = TenantSettings(**{name: getattr(current, name) for name in SETTING_FIELDS})
    uow.session.add(own)
    try:
        uow.session.flush()
    except IntegrityError as exc:
        raise preconditions.Failed("version_stale", 412, preconditions.STALE_CONCURRENT) from exc
    return own
