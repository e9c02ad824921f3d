"""Use cases of the cost norms (law as data): read them, compute a cap, and record a new version."""

from __future__ import annotations

import uuid
from datetime import date

from budget import caps, repository
from budget.model import CostNormNotFound
from budget.orm import CostNorm
from kit.errors import Conflict, RuleViolated
from kit.uow import UnitOfWork

VERSIONED = ("legal_basis_code", "item", "agency_level", "has_framework_model", "unit", "value", "min_value",
             "max_value", "percent", "reference_item", "reference_level", "effective_from", "effective_to",
             "verification", "note")


def list_norms(uow: UnitOfWork, on: date | None = None) -> list[CostNorm]:
    with uow:
        norms = repository.all_norms(uow.session)
    if on is None:
        return norms
    return [n for n in norms if n.effective_from <= on and (n.effective_to is None or on <= n.effective_to)]


def reference(uow: UnitOfWork) -> dict:
    with uow:
        return {"legal_bases": repository.legal_bases(uow.session),
                "agency_level_rules": repository.level_rules(uow.session)}


def compute_cap(uow: UnitOfWork, key: caps.CapKey, months: int | None = None) -> caps.Cap:
    with uow:
        return caps.line_cap(repository.all_norms(uow.session), key, months)


def create_norm(uow: UnitOfWork, fields: dict, *, by: str | None) -> CostNorm:
    with uow:
        if repository.norm_versions(uow.session, fields["code"]):
            raise Conflict(f"cost norm {fields['code']} exists; add a version instead")
        norm = _add(uow, fields, version=1, by=by)
        uow.commit()
        return norm


def add_version(uow: UnitOfWork, code: str, fields: dict, *, by: str | None) -> CostNorm:
    """A new version of a norm: unchanged fields carry over; an admin fills an unknown value this way."""
    with uow:
        versions = repository.norm_versions(uow.session, code)
        if not versions:
            raise CostNormNotFound(code)
        last = versions[-1]
        merged = {name: getattr(last, name) for name in VERSIONED} | fields
        if merged["effective_from"] < last.effective_from:
            raise RuleViolated("effective_from must not be before the previous version's")
        norm = _add(uow, {"code": code, **merged}, version=last.version + 1, by=by)
        uow.commit()
        return norm


def _add(uow: UnitOfWork, fields: dict, *, version: int, by: str | None) -> CostNorm:
    _ensure_consistent(fields)
    if repository.find_legal_basis(uow.session, fields["legal_basis_code"]) is None:
        raise RuleViolated(f"legal_basis_code {fields['legal_basis_code']!r} is not a known legal basis")
    norm = CostNorm(id=uuid.uuid4(), version=version, recorded_by=by, **fields)
    uow.session.add(norm)
    uow.session.flush()
    return norm


def _ensure_consistent(fields: dict) -> None:
    unit = fields["unit"]
    if unit == caps.Unit.PERCENT_OF_NORM and (fields.get("percent") is None or not (
            fields.get("reference_item") or fields.get("reference_level"))):
        raise RuleViolated("a percent norm needs percent and a reference_item or reference_level")
    if unit == caps.Unit.PER_MONTH and None not in (fields.get("min_value"), fields.get("max_value")) \
            and fields["min_value"] > fields["max_value"]:
        raise RuleViolated("min_value must not exceed max_value")
    if fields.get("effective_to") and fields["effective_to"] < fields["effective_from"]:
        raise RuleViolated("effective_to must not be before effective_from")
