"""A province succession's plan as an .xlsx (docs/registry-successions.md): one row per predecessor agency, written
pre-filled for the platform admin to decide, read back into the plan entries the dry run and the execution take.

Columns: Mã cơ quan (the agency's id, as written), Tỉnh, Tên cơ quan, Loại cơ quan (for the reader), Phương án
(Tiếp tục / Sáp nhập / Chấm dứt, or continue / merge / end) and Sáp nhập vào (mã cơ quan) (the successor's agency
a merged one joins). Pure I/O, like `registry.documents.xlsx`, whose safe opening and cell errors it shares.
"""

from __future__ import annotations

import uuid

from kit import spreadsheets
from registry.documents import xlsx
from registry.documents.xlsx import AGENCY_TYPE_LABELS, CellError
from registry.model.successions import Action, AgencyRef

AGENCY, PROVINCE, NAME, TYPE, ACTION, INTO = (
    "Mã cơ quan", "Tỉnh", "Tên cơ quan", "Loại cơ quan", "Phương án", "Sáp nhập vào (mã cơ quan)")
HEADERS = (AGENCY, PROVINCE, NAME, TYPE, ACTION, INTO)
ACTION_LABELS = {Action.CONTINUE: "Tiếp tục", Action.MERGE: "Sáp nhập", Action.END: "Chấm dứt"}
_ACTIONS = {xlsx.key(label): action for action, label in ACTION_LABELS.items()} | {
    xlsx.key(action.value): action for action in Action}


def write_plan(rows: list[tuple[AgencyRef, Action | None]]) -> bytes:
    """The plan to fill in: each agency with a suggested action (blank when there is none)."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Phương án"
    sheet.append(list(HEADERS))
    for agency, action in rows:
        xlsx.append_row(sheet, [str(agency.id), agency.tenant, agency.name,
                                AGENCY_TYPE_LABELS.get(agency.agency_type, agency.agency_type),
                                ACTION_LABELS[action] if action else None, None])
    xlsx.style_sheet(sheet, [38, 16, 48, 24, 14, 38])
    return spreadsheets.save(workbook)


def read_plan(source: bytes) -> tuple[list[dict], list[CellError]]:
    """The plan entries ({agency_id, action, into}) of the first sheet, and the cells that are wrong; rows with no
    action are left out (the dry run reports their agencies unmapped)."""
    with xlsx.reading(source) as workbook:
        sheet = workbook.worksheets[0]
        header = next(sheet.iter_rows(max_row=1, max_col=xlsx.MAX_COLUMNS, values_only=True), ())
        positions = {xlsx.key(h): n for n, h in enumerate(header) if h not in (None, "")}
        missing = [h for h in (AGENCY, ACTION, INTO) if xlsx.key(h) not in positions]
        if missing:
            raise xlsx.LayoutInvalid([CellError(1, h, "required_column_missing") for h in missing])
        entries, errors = [], []
        cells = sheet.iter_rows(min_row=2, max_row=xlsx.MAX_ROWS + 2, max_col=len(header), values_only=True)
        for number, values in enumerate(cells, start=2):
            entry = _entry(number, {h: values[positions[xlsx.key(h)]] for h in (AGENCY, ACTION, INTO)}, errors)
            if entry:
                entries.append(entry)
        return entries, errors


def _entry(number: int, cells: dict, errors: list[CellError]) -> dict | None:
    if all(cells[h] in (None, "") for h in (AGENCY, ACTION, INTO)):
        return None
    agency_id, into = _uuid(number, AGENCY, cells[AGENCY], errors), _uuid(number, INTO, cells[INTO], errors)
    action = _ACTIONS.get(xlsx.key(cells[ACTION])) if cells[ACTION] not in (None, "") else None
    if cells[ACTION] not in (None, "") and action is None:
        errors.append(CellError(number, ACTION, "unknown_plan_action", {"value": str(cells[ACTION])}))
    if agency_id is None or action is None:
        return None
    return {"agency_id": agency_id, "action": action.value, "into": into}


def _uuid(number: int, column: str, cell: object, errors: list[CellError]) -> uuid.UUID | None:
    if cell in (None, ""):
        if column == AGENCY:
            errors.append(CellError(number, column, "plan_agency_missing"))
        return None
    try:
        return uuid.UUID(str(cell).strip())
    except ValueError:
        errors.append(CellError(number, column, "not_an_agency_id", {"value": str(cell)}))
        return None
