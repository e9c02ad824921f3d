"""Use cases of the law-as-data reference: read it, and let admins correct it (with its legal basis)."""

from __future__ import annotations

import re

from sqlalchemy import select

from kit.errors import Conflict, NotFound, RuleViolated
from kit.uow import UnitOfWork
from registry.orm import (
    AdministrativeUnit,
    DefaultSetting,
    LegalBasis,
    MaintenanceActivityType,
    ObligationRule,
    StandardVersion,
    TenantSetting,
    UnitSuccession,
)
from registry.oversight import setting

OBLIGATIONS = ("BAT_BUOC", "BAT_BUOC_THEO_KH_TINH", "KHUYEN_KHICH", "KHONG_AP_DUNG")
SETTING_FORMATS = {
    "maintenance_deadline": (re.compile(r"^(0?[1-9]|[12]\d|3[01])/(0?[1-9]|1[0-2])$"), "dd/mm, e.g. 30/11"),
    "reannouncement_days": (re.compile(r"^\d{1,3}$"), "a number of days, e.g. 30"),
}


def reference_data(uow: UnitOfWork) -> dict:
    tables = {"legal_bases": LegalBasis, "obligation_rules": ObligationRule, "standard_versions": StandardVersion,
              "maintenance_activity_types": MaintenanceActivityType, "default_settings": DefaultSetting}
    with uow:
        return {name: list(uow.session.scalars(select(table))) for name, table in tables.items()}


def set_obligation_rule(uow: UnitOfWork, agency_type: str, *, obligation: str, legal_basis_code: str,
                        verification: str) -> ObligationRule:
    if obligation not in OBLIGATIONS:
        raise RuleViolated(f"unknown obligation {obligation!r}")
    with uow:
        rule = uow.session.get(ObligationRule, agency_type)
        if rule is None:
            raise NotFound(f"no obligation rule for agency type {agency_type!r}")
        if uow.session.get(LegalBasis, legal_basis_code) is None:
            raise RuleViolated(f"Căn cứ pháp lý không có trong danh mục / unknown legal basis {legal_basis_code!r}")
        rule.obligation, rule.legal_basis_code, rule.verification = obligation, legal_basis_code, verification
        uow.commit()
        return rule


def province_settings(uow: UnitOfWork) -> dict[str, str]:
    with uow:
        return {key: setting(uow.session, key) for key in uow.session.scalars(select(DefaultSetting.key))}


def set_province_setting(uow: UnitOfWork, key: str, value: str) -> dict[str, str]:
    pattern, expected = SETTING_FORMATS.get(key, (re.compile(".+"), "text"))
    if not pattern.match(value):
        raise RuleViolated(f"Giá trị không hợp lệ cho {key} / {key} must be {expected}")
    with uow:
        if uow.session.get(DefaultSetting, key) is None:
            raise NotFound(f"no setting named {key!r}")
        current = uow.session.scalars(select(TenantSetting).where(TenantSetting.key == key)).first()
        if current is None:
            uow.session.add(TenantSetting(key=key, value=value))
        else:
            current.value = value
        uow.commit()
    return province_settings(uow)


def administrative_units(uow: UnitOfWork, *, scheme: str | None, tenant: str | None) -> dict:
    with uow:
        units = select(AdministrativeUnit).order_by(AdministrativeUnit.scheme, AdministrativeUnit.code)
        if scheme:
            units = units.where(AdministrativeUnit.scheme == scheme)
        if tenant:
            units = units.where(AdministrativeUnit.tenant_id == tenant)
        return {"units": list(uow.session.scalars(units)),
                "successions": list(uow.session.scalars(select(UnitSuccession).order_by(UnitSuccession.from_code)))}


def add_administrative_unit(uow: UnitOfWork, fields: dict) -> AdministrativeUnit:
    """Add a commune, a (legacy) district or a province under one code scheme; a code is never reused
    for another unit of the same scheme while both are valid (QĐ 19/2025)."""
    with uow:
        if uow.session.get(LegalBasis, fields["legal_basis_code"]) is None:
            raise RuleViolated(f"Căn cứ pháp lý không có trong danh mục / unknown legal basis "
                               f"{fields['legal_basis_code']!r}")
        same_code = select(AdministrativeUnit).where(AdministrativeUnit.scheme == fields["scheme"],
                                                     AdministrativeUnit.code == fields["code"])
        if uow.session.scalars(same_code).first() is not None:
            raise Conflict(f"Mã {fields['code']} đã được dùng trong {fields['scheme']} / "
                           f"code {fields['code']} is already used in {fields['scheme']}")
        if fields.get("valid_from") and fields.get("valid_to") and fields["valid_to"] < fields["valid_from"]:
            raise RuleViolated("Ngày hết hiệu lực trước ngày có hiệu lực / valid_to is before valid_from")
        unit = AdministrativeUnit(**fields)
        uow.session.add(unit)
        uow.commit()
        return unit
