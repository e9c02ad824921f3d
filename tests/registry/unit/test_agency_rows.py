"""documents/agency_rows.py: a row's values are checked as the API checks a new agency, errors as codes."""

from datetime import date

import marshmallow as ma
import pytest

from kit.http import Choice
from registry.api.agencies import AgencyCreateSchema
from registry.documents import agency_rows
from registry.documents.agency_rows import AgencyRowSchema
from registry.documents.xlsx import Row


def described(field: ma.fields.Field) -> tuple:
    """What a field accepts: its kind, whether it is required or may be null, and its checks."""
    if isinstance(field, Choice):
        kind, checks = "code", [sorted(member.value for member in field.enum)]
    elif isinstance(field.validators[0] if field.validators else None, ma.validate.OneOf):
        kind, checks = "code", [sorted(field.validators[0].choices)]
    else:
        kind, checks = type(field).__name__, [repr(validator) for validator in field.validators]
    return kind, field.required, field.allow_none, checks


class TestTheSameChecksAsTheApi:
    def test_the_row_schema_has_the_fields_and_checks_of_the_apis_new_agency(self):
        api, rows = AgencyCreateSchema().load_fields, AgencyRowSchema().load_fields

        assert list(rows) == list(api)
        assert {name: described(field) for name, field in rows.items()} == {
            name: described(field) for name, field in api.items()}


class TestLoad:
    def test_valid_values_become_agency_fields(self):
        row = Row(2, {"name": "Sở Y tế", "agency_type": "SO", "valid_from": "2025-07-01", "parent_name": "UBND"})

        assert agency_rows.load(row) == ({"name": "Sở Y tế", "agency_type": "SO", "valid_from": date(2025, 7, 1)}, [])

    def test_a_code_that_does_not_exist_names_the_codes_of_the_column(self):
        fields, [error] = agency_rows.load(Row(3, {"name": "A", "agency_type": "Sở lạ"}))

        assert fields == {}
        assert (error.row, error.column, error.code) == (3, "Loại cơ quan", "unknown_code")
        assert error.params["value"] == "Sở lạ" and error.params["codes"][:2] == ("UBND_TINH", "SO")

    @pytest.mark.parametrize(("values", "column", "problems"), [
        ({"agency_type": "SO"}, "Tên cơ quan", ("Missing data for required field.",)),
        ({"name": "A", "agency_type": "SO", "website_url": "notaurl"}, "Website", ("Not a valid URL.",)),
        ({"name": "A", "agency_type": "SO", "tthc_count": "x"}, "Số TTHC", ("Not a valid integer.",)),
    ])
    def test_other_problems_carry_the_checks_messages(self, values, column, problems):
        _, [error] = agency_rows.load(Row(4, values))

        assert (error.column, error.code, error.params) == (column, "invalid_cell", {"problems": problems})
