"""Errors are codes with parameters; a catalogue says them in words at the edge."""

from __future__ import annotations

from kit.errors import Conflict, DomainError, NotFound
from kit.messages import render, render_code


class AgencyNotFound(NotFound):
    code = "agency_not_found"

    def __init__(self, agency_id):
        super().__init__(agency_id=agency_id)


CATALOGUE = {
    "agency_not_found": "Không tìm thấy cơ quan {agency_id} / agency {agency_id} not found",
    "over_cap": lambda amount, cap: f"{amount:,} > {cap:,}",
}


class TestErrors:
    def test_an_error_carries_its_code_and_parameters_not_a_sentence(self):
        error = AgencyNotFound("a-1")

        assert (error.code, error.params, error.status) == ("agency_not_found", {"agency_id": "a-1"}, 404)
        assert str(error) == "agency_not_found(agency_id='a-1')"

    def test_a_code_may_be_given_when_raised(self):
        error = Conflict("plan_not_editable", plan_id="p")

        assert (error.code, error.params, error.status) == ("plan_not_editable", {"plan_id": "p"}, 409)

    def test_without_a_code_an_error_has_its_class_code(self):
        assert DomainError().code == "bad_request" and NotFound().code == "not_found"


class TestRender:
    def test_a_template_is_filled_with_the_parameters(self):
        assert render(AgencyNotFound("a-1"), CATALOGUE) == "Không tìm thấy cơ quan a-1 / agency a-1 not found"

    def test_a_function_makes_what_a_template_cannot(self):
        assert render(DomainError("over_cap", amount=1_200_000, cap=1_000_000), CATALOGUE) == "1,200,000 > 1,000,000"

    def test_a_code_no_catalogue_knows_shows_as_it_is(self):
        assert render(Conflict("unknown_code", x=1), CATALOGUE) == "unknown_code(x=1)"
        assert render_code("unknown_code", {}, CATALOGUE) == "unknown_code"
