"""An agency's fields as a person enters them, through the API or as a spreadsheet row: one set of checks.

The API's schemas (api/agencies.py) build on `AgencyFields` and `AgencyCreateSchema`; the import loads each row with
the same `AgencyCreateSchema`. A row's problems are cell errors with codes (`registry.messages` says them in words).
"""

from __future__ import annotations

import marshmallow as ma
from marshmallow import validate

from contracts.registry import AdminLevel, AgencyType, Obligation
from kit.fields import Integer
from kit.http import Choice
from registry.documents.xlsx import BY_FIELD, CellError, Row

UNIT_CODE = validate.Regexp(r"^(\d{2,3}|\d{5})$",
                            error="a 2-digit province, 3-digit district or 5-digit commune code")


class AgencyFields(ma.Schema):
    name = ma.fields.String(validate=validate.Length(1, 300))
    short_name = ma.fields.String(allow_none=True, validate=validate.Length(1, 100))
    agency_type = Choice(AgencyType)
    admin_level = Choice(AdminLevel, allow_none=True)
    parent_agency_id = ma.fields.UUID(allow_none=True)
    location_unit_code = ma.fields.String(allow_none=True, validate=UNIT_CODE)
    ma_dinh_danh = ma.fields.String(allow_none=True, validate=validate.Length(1, 40))
    head_name = ma.fields.String(allow_none=True, validate=validate.Length(1, 120))
    website_url = ma.fields.Url(allow_none=True, validate=validate.Length(1, 300))
    tthc_count = Integer(allow_none=True, validate=validate.Range(0, 10_000))
    obligation_override = Choice(Obligation, allow_none=True)
    obligation_decision_no = ma.fields.String(allow_none=True, validate=validate.Length(1, 100))
    obligation_decision_date = ma.fields.Date(allow_none=True)


class AgencyCreateSchema(AgencyFields):
    name = ma.fields.String(required=True, validate=validate.Length(1, 300))
    agency_type = Choice(AgencyType, required=True)
    valid_from = ma.fields.Date(allow_none=True)


_schema = AgencyCreateSchema()


def load(row: Row) -> tuple[dict, list[CellError]]:
    """The row's values (but its parent's name) as agency fields, or the cell errors of the values that fail."""
    values = {name: value for name, value in row.values.items() if name != "parent_name"}
    try:
        return _schema.load(values), []
    except ma.ValidationError as exc:
        return {}, [_cell_error(row, name, messages) for name, messages in exc.messages.items()]


def _cell_error(row: Row, name: str, messages) -> CellError:
    column = BY_FIELD.get(name)
    if column and column.labels and name in row.values:
        return CellError(row.number, column.header, "unknown_code",
                         {"value": row.values[name], "codes": tuple(str(code) for code in column.labels)})
    problems = tuple(messages) if isinstance(messages, list) else (str(messages),)
    return CellError(row.number, column.header if column else "", "invalid_cell", {"problems": problems})
