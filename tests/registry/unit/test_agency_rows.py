"""documents/agency_rows.py: a row's values are checked with the API's schema of a new agency, errors as codes."""

from datetime import date

import pytest

from registry.api.agencies import AgencyCreateSchema
from registry.documents import agency_rows
from registry.documents.xlsx import Row


class TestTheSameChecksAsTheApi:
    def test_rows_are_loaded_with_the_apis_schema_of_a_new_agency(self):
        assert agency_rows._schema.__class__ is AgencyCreateSchema


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
