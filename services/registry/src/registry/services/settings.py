"""Use cases of the province's settings: its own values, else the platform defaults."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kit.errors import NotFound
from kit.uow import UnitOfWork
from registry import repository
from registry.model.reference import check_setting, setting_is_valid
from registry.orm import DefaultSetting, TenantSetting

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)


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


def set_province_setting(uow: UnitOfWork, key: str, value: str) -> dict[str, str]:
    check_setting(key, value)
    with uow:
        if not repository.is_setting(uow.session, key):
            raise NotFound("no_such_setting", key=key)
        current = repository.province_setting(uow.session, key)
        if current is None:
            uow.session.add(TenantSetting(key=key, value=value))
        else:
            current.value = value
        uow.commit()
    return province_settings(uow)
