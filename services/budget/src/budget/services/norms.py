"""Use cases of the cost norms (law as data): read them, compute a cap, and record a new version. The norms are
platform-wide: these run in a unit of work bound to no province."""

from __future__ import annotations

import uuid
from datetime import date

from budget import repository
from budget.model.caps import Cap, CapKey, line_cap
from budget.model.norms import CostNormNotFound, ensure_consistent, in_force, next_version
from budget.orm import CostNorm
from kit.errors import Conflict, RuleViolated
from kit.uow import UnitOfWork


def list_norms(uow: UnitOfWork, on: date | None = None) -> list[CostNorm]:
    with uow:
        norms = repository.all_norms(uow.session)
    if on is None:
        return norms
    return [n for n in norms if in_force(n, on)]


def reference(uow: UnitOfWork) -> dict:
    with uow:
        return {"legal_bases": repository.legal_bases(uow.session),
                "agency_level_rules": repository.level_rules(uow.session)}


def compute_cap(uow: UnitOfWork, key: CapKey, months: int | None = None) -> Cap:
    with uow:
        return line_cap(repository.all_norms(uow.session), key, months)


def create_norm(uow: UnitOfWork, fields: dict, *, by: str | None) -> CostNorm:
    with uow:
        if repository.norm_versions(uow.session, fields["code"]):
            raise Conflict("cost_norm_exists", norm_code=fields["code"])
        norm = _add(uow, fields, version=1, by=by)
        uow.commit()
        return norm


def add_version(uow: UnitOfWork, code: str, fields: dict, *, by: str | None) -> CostNorm:
    """A new version of a norm: unchanged fields carry over; an admin fills an unknown value this way."""
    with uow:
        versions = repository.norm_versions(uow.session, code)
        if not versions:
            raise CostNormNotFound(norm_code=code)
        last = versions[-1]
        norm = _add(uow, {"code": code, **next_version(last, fields)}, version=last.version + 1, by=by)
        uow.commit()
        return norm


def _add(uow: UnitOfWork, fields: dict, *, version: int, by: str | None) -> CostNorm:
    ensure_consistent(fields)
    if repository.find_legal_basis(uow.session, fields["legal_basis_code"]) is None:
        raise RuleViolated("unknown_legal_basis", legal_basis_code=fields["legal_basis_code"])
    norm = CostNorm(id=uuid.uuid4(), version=version, recorded_by=by, **fields)
    uow.session.add(norm)
    uow.session.flush()
    return norm
