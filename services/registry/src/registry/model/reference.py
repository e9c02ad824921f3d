"""The law-as-data reference and the province's settings: what a correction or a setting must look like."""

from __future__ import annotations

import re
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


def check_obligation(obligation: str) -> None:
    if obligation not in OBLIGATIONS:
        raise RuleViolated("unknown_obligation", obligation=obligation)


def check_setting(key: str, value: str) -> None:
    if not SETTING_PATTERNS.get(key, ANY_TEXT).match(value):
        raise RuleViolated("setting_invalid", key=key)


def check_validity(valid_from: date | None, valid_to: date | None) -> None:
    if valid_from and valid_to and valid_to < valid_from:
        raise RuleViolated("valid_to_before_valid_from")
