"""The cost norms of Thông tư 116/2015/TT-BTC as versioned data: their units, the agency levels they apply to,
how sure we are of their values, and what makes a version consistent."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from kit.errors import NotFound, RuleViolated


class Unit(StrEnum):
    PER_AGENCY = "PER_AGENCY"  # triệu đồng / cơ quan, stored in VND
    PER_MONTH = "PER_MONTH"  # triệu đồng / tháng, a range
    PERCENT_OF_NORM = "PERCENT_OF_NORM"


class Level(StrEnum):
    BO_NGANH = "BO_NGANH"
    TONG_CUC_CUC = "TONG_CUC_CUC"
    SO_UBND_TINH = "SO_UBND_TINH"
    CHI_CUC_HUYEN = "CHI_CUC_HUYEN"
    XA_DVSN = "XA_DVSN"


class Verification(StrEnum):
    """Whether a value was checked against the legal text."""

    CONFIRMED = "CONFIRMED"
    UNVERIFIED = "UNVERIFIED"
    NOT_FOUND = "NOT_FOUND"


# The fields a new version may change; the others (code, version, who and when) are the version's own.
VERSIONED = ("legal_basis_code", "item", "agency_level", "has_framework_model", "unit", "value", "min_value",
             "max_value", "percent", "reference_item", "reference_level", "effective_from", "effective_to",
             "verification", "note")


class CostNormNotFound(NotFound):
    code = "cost_norm_not_found"

    def __init__(self, *, norm_code: str):
        super().__init__(norm_code=norm_code)


def in_force(norm, on: date) -> bool:
    return norm.effective_from <= on and (norm.effective_to is None or on <= norm.effective_to)


def next_version(last, changes: dict) -> dict:
    """The fields of the version after `last`: what `changes` does not give carries over, and the new version
    may not take effect before `last` did."""
    merged = {name: getattr(last, name) for name in VERSIONED} | changes
    if merged["effective_from"] < last.effective_from:
        raise RuleViolated("effective_from_before_previous")
    return merged


def ensure_consistent(fields: dict) -> None:
    """A percent norm names its percent and what it is a percent of; a range is not upside down; a version
    does not end before it starts."""
    unit = fields["unit"]
    if unit == Unit.PERCENT_OF_NORM and (fields.get("percent") is None or not (
            fields.get("reference_item") or fields.get("reference_level"))):
        raise RuleViolated("percent_norm_needs_reference")
    if unit == Unit.PER_MONTH and None not in (fields.get("min_value"), fields.get("max_value")) \
            and fields["min_value"] > fields["max_value"]:
        raise RuleViolated("min_value_over_max_value")
    if fields.get("effective_to") and fields["effective_to"] < fields["effective_from"]:
        raise RuleViolated("effective_to_before_effective_from")
