"""Use cases of the province's settings: its own values, else the platform defaults."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy.exc import IntegrityError

from kit import preconditions
from kit.errors import NotFound
from kit.uow import UnitOfWork
from registry import repository
from registry.model.reference import check_setting, setting_is_valid
from registry.orm import DefaultSetting, TenantSetting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

UNSET = 0  # the version of a setting the province has not set: the platform default applies


def province_settings(uow: UnitOfWork) -> dict[str, str]:
    with uow:
        return {key: repository.setting(uow.session, key) for key in repository.setting_keys(uow.session)}


def usable_setting(session: Session, key: str) -> str:
    """The province's value when its readers can use it, else the platform default. Values are checked when
    written; one stored before that (31/02 as the maintenance deadline) must not turn the flags and the dashboard
    of the whole province into errors, so it is logged for the operator and the default is used."""
    value = repository.setting(session, key)
    if setting_is_valid(key, value):
        return value
    default = session.get(DefaultSetting, key).value
    log.warning("invalid stored setting, default used", extra={"setting": key, "default": default})
    return default


def province_setting(uow: UnitOfWork, key: str) -> dict:
    """One setting as the province reads and changes it: its value (the platform default until the province sets
    its own) and the version a change names in its If-Match (0 until the province sets it)."""
    with uow:
        return _representation(uow, key, repository.province_setting(uow.session, key))


def set_province_setting(uow: UnitOfWork, key: str, value: str, *, expected: int | None = None) -> dict:
    """Set the province's value, made from version `expected` (the caller's If-Match, which the route requires;
    None: a caller that read nothing first). The province's row is locked, so of two changes made from the same
    version the second is refused (412); two first values at the same moment meet on the row's key instead."""
    check_setting(key, value)
    with uow:
        if not repository.is_setting(uow.session, key):
            raise NotFound("no_such_setting", key=key)
        current = repository.province_setting(uow.session, key, lock=True)
        if expected is not None:
            preconditions.check(current.version if current else UNSET, expected)
        if current is None:
            current = TenantSetting(key=key, value=value, version=1)
            uow.session.add(current)
            _first_value(uow)
        else:
            current.value, current.version = value, current.version + 1
        uow.commit()
        return _representation(uow, key, current)


def _first_value(uow: UnitOfWork) -> None:
    """Write the province's first value now: another written meanwhile (it waits on the key, PostgreSQL) makes
    this change one made from a version that is no longer the current one."""
    try:
        uow.session.flush()
    except IntegrityError as exc:
        raise preconditions.Failed("version_stale", 412, preconditions.STALE_CONCURRENT) from exc


def _representation(uow: UnitOfWork, key: str, own: TenantSetting | None) -> dict:
    if own is None and not repository.is_setting(uow.session, key):
        raise NotFound("no_such_setting", key=key)
    value = own.value if own is not None else repository.setting(uow.session, key)
    return {"key": key, "value": value, "version": own.version if own is not None else UNSET}
