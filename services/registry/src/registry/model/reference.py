"""The law-as-data reference and the province's settings: what a correction or a setting must look like."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from contracts.registry import Obligation
from kit.errors import RuleViolated

OBLIGATIONS = tuple(obligation.value for obligation in Obligation)


class Verification(StrEnum):
    """Whether a legal basis (and the rule citing it) was checked against the published text."""

    CONFIRMED = "CONFIRMED"
    UNVERIFIED = "UNVERIFIED"
    NOT_FOUND = "NOT_FOUND"


class CodeScheme(StrEnum):
    """The codes of administrative units: QĐ 124/2004 until 30/6/2025, QĐ 19/2025 from 1/7/2025."""

    QD124_2004 = "QD124_2004"
    QD19_2025 = "QD19_2025"


class UnitLevel(StrEnum):
    TINH = "TINH"
    HUYEN = "HUYEN"
    XA = "XA"


class UnitType(StrEnum):
    TINH = "TINH"
    THANH_PHO_TW = "THANH_PHO_TW"
    XA = "XA"
    PHUONG = "PHUONG"
    DAC_KHU = "DAC_KHU"
    QUAN = "QUAN"
    HUYEN = "HUYEN"
    THI_XA = "THI_XA"
    THANH_PHO_THUOC_TINH = "THANH_PHO_THUOC_TINH"
    THI_TRAN = "THI_TRAN"


SETTING_PATTERNS = {
    "maintenance_deadline": re.compile(r"^(0?[1-9]|[12]\d|3[01])/(0?[1-9]|1[0-2])$"),  # dd/mm
    "reannouncement_days": re.compile(r"^\d{1,3}$"),
    "announce_requires_audits": re.compile(r"^[01]$"),
}
ANY_TEXT = re.compile(".+")
EVERY_YEAR = 2001  # a year without 29/02: a yearly deadline must be a day that every year has


def _a_day_of_every_year(value: str) -> bool:
    day, month = (int(part) for part in value.split("/"))
    try:
        date(EVERY_YEAR, month, day)
    except ValueError:
        return False
    return True


SETTING_CHECKS = {"maintenance_deadline": _a_day_of_every_year}  # beyond the pattern: 31/02 matches dd/mm


def check_obligation(obligation: str) -> None:
    if obligation not in OBLIGATIONS:
        raise RuleViolated("unknown_obligation", obligation=obligation)


def setting_is_valid(key: str, value: str) -> bool:
    """Whether `value` is one the setting's readers can use (its type, not only its shape)."""
    if not SETTING_PATTERNS.get(key, ANY_TEXT).match(value):
        return False
    return SETTING_CHECKS.get(key, bool)(value)


def check_setting(key: str, value: str) -> None:
    if not setting_is_valid(key, value):
        raise RuleViolated("setting_invalid", key=key)


def check_validity(valid_from: date | None, valid_to: date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise RuleViolated("valid_to_before_valid_from")


def check_province_code(code: str, units: Iterable, successions: Iterable, *, historical: bool, on: date) -> None:
    """R14: a province's code comes from the reference's administrative units. A new province takes a code in force
    on `on`; a code retired by then (QĐ 124/2004 codes ended on 30/6/2025) is refused with its successor, unless
    the request says the province is `historical` (its records end when its code did: issue 19 links it to its
    successor). Codes not in the reference are refused: they are never guessed."""
    provinces = [unit for unit in units if unit.level == UnitLevel.TINH and unit.code == code]
    retired = sorted((unit for unit in provinces if unit.valid_to is not None and unit.valid_to < on),
                     key=lambda unit: unit.valid_to)
    if historical:
        if not retired:
            raise RuleViolated("province_code_not_retired", code=code)
        return
    if any(_valid_on(unit, on) for unit in provinces):
        return
    if not retired:
        raise RuleViolated("unknown_province_code", code=code)
    last = retired[-1]
    successors = sorted({(s.to_scheme, s.to_code) for s in successions
                         if s.from_scheme == last.scheme and s.from_code == code})
    raise RuleViolated("province_code_retired", code=code, name=last.name, until=last.valid_to,
                       successors=tuple(_named(successors, units)))


def _valid_on(unit, on: date) -> bool:
    return (unit.valid_from is None or unit.valid_from <= on) and (unit.valid_to is None or on <= unit.valid_to)


def _named(codes: Iterable[tuple[str, str]], units: Iterable) -> list[str]:
    names = {(unit.scheme, unit.code): unit.name for unit in units if unit.level == UnitLevel.TINH}
    return [f"{code} ({names[scheme, code]})" if (scheme, code) in names else code for scheme, code in codes]
