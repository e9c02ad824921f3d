"""Bulk import and export of a province's agencies in the XLSX layout of `registry.documents.xlsx`.

Row problems are `CellError`s with codes and parameters; the API and the command line say them in words.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace

from kit.errors import RuleViolated
from kit.uow import UnitOfWork
from registry import repository
from registry.documents import agency_rows, xlsx
from registry.documents.xlsx import BY_FIELD, CellError, Row, key
from registry.model.agencies import AgencyFilter, ensure_override_cited
from registry.model.tenants import TenantNotRegistered
from registry.orm import Agency
from registry.services import agencies

EXPORT_LIMIT = 50_000
CHUNK = 500  # agencies per flush: one multi-row INSERT per table, and a progress report
NAME = BY_FIELD["name"].header
PARENT = BY_FIELD["parent_name"].header
OVERRIDE = ("obligation_override", "obligation_decision_no", "obligation_decision_date")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportResult:
    """How many agencies were added, and every row error (in `all` mode, any error means none were added)."""

    imported: int
    errors: list[CellError]


@dataclass
class _Valid:
    row: Row
    fields: dict
    parent: str | None  # the compared form (`key`) of the parent's name
    agency_id: uuid.UUID


def import_agencies(uow: UnitOfWork, rows: list[Row], *, partial: bool = False, progress: Progress | None = None,
                    before_commit: Callable[[ImportResult], None] | None = None,
                    row_by_row: bool = False) -> ImportResult:
    """Register one agency per row, each with its `registry.agency.registered` event, in one transaction.

    All or nothing: one invalid row imports nothing. With `partial`, the valid rows are imported and the
    invalid ones reported. Names must be new to the province (its active agencies) and unique in the file.
    The agencies, their events and their audit rows are written CHUNK at a time (`progress(done, total)` after
    each); `before_commit(result)` joins the transaction (a job records its outcome with the import).
    `row_by_row`: `add_agency` per row, flushed and re-read: the reference the bulk path must equal (a test
    compares their events and audit rows).
    """
    with uow:
        if repository.find_tenant(uow.session, uow.tenant) is None:
            raise TenantNotRegistered(uow.tenant)
        existing = _active_names(uow)
        valid, errors = _check(rows, existing)
        if errors and not partial:
            return ImportResult(0, errors)
        add = _add_row_by_row if row_by_row else _add_in_bulk
        added, failed = add(uow, valid, existing, progress)
        errors = sorted(errors + failed, key=lambda error: error.row)
        if failed and not partial:
            return ImportResult(0, errors)
        result = ImportResult(added, errors)
        if before_commit:
            before_commit(result)
        uow.commit()
        return result


def export_agencies(uow: UnitOfWork, where: AgencyFilter) -> bytes:
    """The agencies that match `where`, as an .xlsx in the import layout (so an export can be re-imported)."""
    with uow:
        agencies = repository.list_agencies(uow.session, where, 1, EXPORT_LIMIT).items
        names = dict(repository.agency_names(uow.session))
    return xlsx.write_workbook(_values(agency, names) for agency in agencies)


def _active_names(uow: UnitOfWork) -> dict[str, list[uuid.UUID]]:
    names: dict[str, list[uuid.UUID]] = {}
    for agency_id, name in repository.agency_names(uow.session, active_only=True):
        names.setdefault(key(name), []).append(agency_id)
    return names


def _check(rows: list[Row], existing: dict) -> tuple[list[_Valid], list[CellError]]:
    in_file = {key(row.values["name"]) for row in rows if "name" in row.values}
    seen: dict[str, int] = {}
    valid, errors = [], []
    for row in rows:
        fields, problems = _fields(row)
        problems += _name_problems(row, existing, seen) + _parent_problems(row, existing, in_file)
        if problems:
            errors += problems
        else:
            parent = row.values.get("parent_name")
            valid.append(_Valid(row, fields, key(parent) if parent else None, uuid.uuid4()))
    return valid, errors


def _fields(row: Row) -> tuple[dict, list[CellError]]:
    fields, problems = agency_rows.load(row)
    if problems:
        return {}, list(row.errors) + problems
    problems = list(row.errors)
    try:
        ensure_override_cited(SimpleNamespace(**{name: fields.get(name) for name in OVERRIDE}))
    except RuleViolated as exc:
        problems.append(CellError(row.number, BY_FIELD["obligation_override"].header, exc.code, exc.params))
    return fields, problems


def _name_problems(row: Row, existing: dict, seen: dict[str, int]) -> list[CellError]:
    if "name" not in row.values:
        return []
    name = key(row.values["name"])
    if name in existing:
        return [CellError(row.number, NAME, "name_registered")]
    if name in seen:
        return [CellError(row.number, NAME, "name_repeated", {"first_row": seen[name]})]
    seen[name] = row.number
    return []


def _parent_problems(row: Row, existing: dict, in_file: set[str]) -> list[CellError]:
    parent = key(row.values.get("parent_name") or "")
    if not parent:
        return []
    if parent == key(row.values.get("name") or ""):
        return [CellError(row.number, PARENT, "parent_is_itself")]
    if len(existing.get(parent, ())) > 1:
        return [CellError(row.number, PARENT, "parent_ambiguous")]
    if parent not in existing and parent not in in_file:
        return [CellError(row.number, PARENT, "parent_unknown")]
    return []


def _add_in_bulk(uow: UnitOfWork, valid: list[_Valid], existing: dict, progress: Progress | None):
    batch = agencies.NewAgencies(uow, {agency_id for ids in existing.values() for agency_id in ids})
    added, errors, ids = [], [], _ids(valid)
    with uow.session.no_autoflush:  # the lookups must not flush the agencies prepared so far one by one
        for item in _parents_first(valid, existing, errors):
            _link_parent(item, existing, ids)
            try:
                added.append(batch.new(item.fields, item.agency_id))
            except RuleViolated as exc:
                errors.append(CellError(item.row.number, _column_of(exc.code, item), exc.code, exc.params))
    for start in range(0, len(added), CHUNK):
        chunk = added[start:start + CHUNK]
        uow.session.add_all(chunk)
        for agency in chunk:
            uow.publish(agencies.registered(uow, agency))
        uow.session.flush()  # one INSERT of many rows per table; kit's audit hook writes the chunk's entries
        if progress:
            progress(start + len(chunk), len(valid))
    return len(added), errors


def _add_row_by_row(uow: UnitOfWork, valid: list[_Valid], existing: dict, progress: Progress | None):
    added, errors, ids = 0, [], _ids(valid)
    for item in _parents_first(valid, existing, errors):
        _link_parent(item, existing, ids)
        try:
            agencies.add_agency(uow, item.fields, agency_id=item.agency_id)
        except RuleViolated as exc:
            errors.append(CellError(item.row.number, _column_of(exc.code, item), exc.code, exc.params))
            continue
        added += 1
        if progress:
            progress(added, len(valid))
    return added, errors


def _link_parent(item: _Valid, existing: dict, in_file: dict[str, uuid.UUID]) -> None:
    if item.parent:
        item.fields["parent_agency_id"] = existing[item.parent][0] if item.parent in existing else in_file[item.parent]


def _ids(valid: list[_Valid]) -> dict[str, uuid.UUID]:
    return {key(item.fields["name"]): item.agency_id for item in valid}


RULE_COLUMNS = {"unknown_unit_code": BY_FIELD["location_unit_code"].header}  # the cell a rule reads


def _column_of(code: str, item: _Valid) -> str:
    """The column a rule broken on adding the row points at: its own cell, else the parent's (the usual cause)."""
    return RULE_COLUMNS.get(code, PARENT if item.parent else "")


def _parents_first(valid: list[_Valid], existing: dict, errors: list[CellError]) -> Iterator[_Valid]:
    """The rows in an order where each parent named in the file is added before its children."""
    pending, placed = valid, set()
    while pending:
        ready, waiting = [], []
        for item in pending:
            placeable = item.parent is None or item.parent in existing or item.parent in placed
            (ready if placeable else waiting).append(item)
        if not ready:
            break
        yield from ready
        placed.update(key(item.fields["name"]) for item in ready)
        pending = waiting
    errors += [CellError(item.row.number, PARENT, "parent_not_imported") for item in pending]


def _values(agency: Agency, names: dict) -> dict:
    values = {column.field: getattr(agency, column.field, None) for column in xlsx.COLUMNS}
    values["parent_name"] = names.get(agency.parent_agency_id)
    return values
