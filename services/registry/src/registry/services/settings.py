"""Use cases of the province's settings: its own values, else the platform defaults."""

from __future__ import annotations

from kit.errors import NotFound
from kit.uow import UnitOfWork
from registry import repository
from registry.model.reference import check_setting
from registry.orm import TenantSetting


def province_settings(uow: UnitOfWork) -> dict[str, str]:
    with uow:
        return {key: repository.setting(uow.session, key) for key in repository.setting_keys(uow.session)}


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
