"""Use cases of the law-as-data reference: read it, and let admins correct it (with its legal basis)."""

from __future__ import annotations

from kit import preconditions
from kit.errors import Conflict, NotFound, RuleViolated
from kit.uow import UnitOfWork
from registry import repository
from registry.model import reference as rules
from registry.orm import AdministrativeUnit, ObligationRule


def reference_data(uow: UnitOfWork) -> dict:
    with uow:
        return repository.reference_tables(uow.session)


def obligation_rule(uow: UnitOfWork, agency_type: str) -> ObligationRule:
    with uow:
        return _rule(uow, agency_type)


def set_obligation_rule(uow: UnitOfWork, agency_type: str, *, obligation: str, legal_basis_code: str,
                        verification: str, expected: int | None = None) -> ObligationRule:
    """Correct the rule made from version `expected` (the caller's If-Match, which the route requires; None: a
    caller that read nothing first); the rule is locked, so of two corrections made from one version the second
    is refused (412)."""
    rules.check_obligation(obligation)
    with uow:
        rule = _rule(uow, agency_type, lock=True)
        if expected is not None:
            preconditions.check(rule.version, expected)
        _check_legal_basis(uow, legal_basis_code)
        rule.obligation, rule.legal_basis_code, rule.verification = obligation, legal_basis_code, verification
        rule.version += 1
        uow.commit()
        return rule


def _rule(uow: UnitOfWork, agency_type: str, *, lock: bool = False) -> ObligationRule:
    rule = repository.find_obligation_rule(uow.session, agency_type, lock=lock)
    if rule is None:
        raise NotFound("no_obligation_rule", agency_type=agency_type)
    return rule


def administrative_units(uow: UnitOfWork, *, page: int, page_size: int, **where) -> dict:
    """A page of the units that match `where` (`repository.UnitFilter`'s fields), with their successions and
    every province's, and how many units match in all."""
    with uow:
        units = repository.list_administrative_units(uow.session, repository.UnitFilter(**where), page, page_size)
        return {"units": units.items, "successions": repository.successions_of_units(uow.session, units.items),
                "total": units.total, "page": units.page, "page_size": units.page_size}


def add_administrative_unit(uow: UnitOfWork, fields: dict) -> AdministrativeUnit:
    """Add a commune, a (legacy) district or a province under one code scheme; a code is never reused
    for another unit of the same scheme while both are valid (QĐ 19/2025)."""
    with uow:
        _check_legal_basis(uow, fields["legal_basis_code"])
        if repository.unit_code_used(uow.session, fields["scheme"], fields["code"]):
            raise Conflict("unit_code_used", code=fields["code"], scheme=fields["scheme"])
        rules.check_validity(fields.get("valid_from"), fields.get("valid_to"))
        unit = AdministrativeUnit(**fields)
        uow.session.add(unit)
        uow.commit()
        return unit


def _check_legal_basis(uow: UnitOfWork, code: str) -> None:
    if not repository.is_legal_basis(uow.session, code):
        raise RuleViolated("unknown_legal_basis", legal_basis_code=code)
