"""Use cases of the reports: plan against actual for a year, the amounts recorded over the cap, and both as a
workbook. Given a lineage unit of work, a successor's reports hold its predecessors' lines as inherited."""

from __future__ import annotations

import uuid

from budget import repository
from budget.documents import xlsx
from budget.model.reports import Grouping, Report, build
from budget.orm import CapOverride
from kit.uow import UnitOfWork


def plan_vs_actual(uow: UnitOfWork, fiscal_year: int, by: str, agency_id: uuid.UUID | None = None) -> Report:
    with uow:
        lines = repository.lines_of_year(uow.session, fiscal_year, agency_id)
        inherited = _inherited(uow, lines)
    return build(lines, fiscal_year, by, inherited)


def overrides_of(uow: UnitOfWork, fiscal_year: int, agency_id: uuid.UUID | None = None) -> list[CapOverride]:
    with uow:
        return [o for o, _ in repository.overrides(uow.session, fiscal_year=fiscal_year, agency_id=agency_id)]


def workbook(uow: UnitOfWork, province: str, fiscal_year: int, agency_id: uuid.UUID | None = None) -> bytes:
    """The year's report in every grouping and its amounts over the cap, as an XLSX workbook."""
    with uow:
        lines = repository.lines_of_year(uow.session, fiscal_year, agency_id)
        overrides = repository.overrides(uow.session, fiscal_year=fiscal_year, agency_id=agency_id)
        inherited = _inherited(uow, lines)
    reports = [build(lines, fiscal_year, by, inherited) for by in Grouping]
    return xlsx.workbook(province, fiscal_year, reports, overrides, inherited)


def _inherited(uow: UnitOfWork, lines: list) -> dict[str, str]:
    """{province: name} of the other provinces whose lines a lineage unit of work read."""
    others = sorted({line.tenant_id for line in lines} - {uow.tenant})
    return repository.predecessor_names(uow.session, others) if others else {}
